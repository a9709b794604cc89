import {dayOf} from '../workspace/plan-name.js'

/** Today's date on the user's clock, as plans name it (YYYY-MM-DD): the one place the CLI reads the clock. */
export function today(): string {
  return dayOf(new Date())
}
