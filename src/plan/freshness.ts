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

/** Why the newest plan is not fresh enough for work of `workDate`: it has no date, or is older than the grace allows. */
export type Staleness = {kind: 'undated' | 'stale'; expected: string}

/** How the newest plan falls short of work of `workDate` (YYYY-MM-DD), or `undefined` when it is fresh. */
export function staleness(plan: Pick<PlanName, 'date'>, workDate: string, settings: FreshnessSettings): Staleness | undefined {
  const expected = `${settings.plans}/${planNameFor(settings.pattern, workDate)}`
  if (!plan.date || !isCalendarDate(plan.date)) return {kind: 'undated', expected}
  if (plan.date >= addDays(workDate, -settings.graceDays)) return undefined
  return {kind: 'stale', expected}
}

/** `YYYY-MM-DD` plus `days` (negative to go back). */
function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number)
  return new Date(Date.UTC(year!, month! - 1, day! + days)).toISOString().slice(0, 10)
}
