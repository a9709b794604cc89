/**
 * Whether the newest plan is as new as the work it goes with (rule
 * `plan-fresh`). Kept apart from the rule's check so that the pre-push hook
 * can judge a commit's date against a check result taken from the cache:
 * the date of a commit is the one fact of a commit check that is not in the
 * files.
 */
import {isCalendarDate, planNameFor, type PlanName} from '../workspace/plan-name.js'

/** What the judgement needs of the config. */
export interface FreshnessSettings {
  graceDays: number
  /** `plan.pattern`, for the name of the plan the work needs. */
  pattern: string
  /** `paths.plans`. */
  plans: string
}

/**
 * How the newest plan falls short, with the plan a fix would write:
 * - `undated`: its name has no date, so nothing shows it follows the work;
 * - `stale`: older than the work by more than the grace;
 * - `ahead`: dated after the work — or after today, when that is earlier (a
 *   commit dated ahead) — by more than the grace: such a plan would pass
 *   every push until its date, planning no session. `ceiling` says which.
 */
export type Staleness =
  {kind: 'undated' | 'stale'; expected: string} | {kind: 'ahead'; ceiling: 'work' | 'today'; expected: string}

/**
 * How the newest plan falls short of work of `workDate` (YYYY-MM-DD) on
 * `today`, or `undefined` when it does not. Without a date of the work, only
 * today bounds the plan (a plan dated ahead).
 */
export function staleness(
  plan: Pick<PlanName, 'date'>,
  workDate: string | undefined,
  settings: FreshnessSettings,
  today: string
): Staleness | undefined {
  const planFor = (date: string) => `${settings.plans}/${planNameFor(settings.pattern, date)}`
  if (!plan.date || !isCalendarDate(plan.date))
    return workDate === undefined ? undefined : {kind: 'undated', expected: planFor(workDate)}
  const ceiling = workDate === undefined || today < workDate ? 'today' : 'work'
  const ceilingDate = ceiling === 'today' ? today : workDate!
  if (plan.date > addDays(ceilingDate, settings.graceDays))
    return {kind: 'ahead', ceiling, expected: planFor(ceilingDate)}
  if (workDate === undefined || plan.date >= addDays(workDate, -settings.graceDays)) return undefined
  return {kind: 'stale', expected: planFor(workDate)}
}

/** `YYYY-MM-DD` plus `days` (negative to go back). */
function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number)
  return new Date(Date.UTC(year!, month! - 1, day! + days)).toISOString().slice(0, 10)
}
