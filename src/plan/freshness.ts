/**
 * Whether the newest plan is as new as the work it goes with (rule
 * `plan-fresh`). Kept apart from the rule so that the pre-push hook can judge
 * a commit's date against a check result taken from the cache without
 * loading the engine: the date of a commit is the one fact of a commit check
 * that is not in the files.
 */
import {isCalendarDate, planNameFor, type PlanName} from '../workspace/plan-name.js'

/** The work a plan must be as new as: its date and how messages name it. */
export interface Work {
  date: string
  label: string
}

/** What the judgement needs of the config. */
export interface FreshnessSettings {
  graceDays: number
  /** `plan.pattern`, for the name the message proposes. */
  pattern: string
  /** `paths.plans`. */
  plans: string
}

export function commitWork(commit: {oid: string; date: string}): Work {
  return {date: commit.date, label: `the work of commit ${commit.oid.slice(0, 10)} (${commit.date})`}
}

export function dayWork(date: string): Work {
  return {date, label: `the work of ${date}`}
}

/** Why the newest plan is not fresh enough for `work`, or `undefined` when it is. */
export function freshnessProblem(plan: Pick<PlanName, 'name' | 'date'>, work: Work, settings: FreshnessSettings): string | undefined {
  const expected = `${settings.plans}/${planNameFor(settings.pattern, work.date)}`
  const fix = `write \`${expected}\` (\`npx sop-lint --fix\` scaffolds it) and commit it`
  if (!plan.date || !isCalendarDate(plan.date)) {
    return `The newest plan \`${plan.name}\` has no date in its name, so nothing shows it was written after ${work.label}: ${fix}`
  }
  if (plan.date >= addDays(work.date, -settings.graceDays)) return undefined
  const days = settings.graceDays === 1 ? '1 day' : `${settings.graceDays} days`
  return `The newest plan \`${plan.name}\` is dated ${plan.date}, older than ${work.label} by more than ${days}: plan the next session — ${fix}`
}

/** `YYYY-MM-DD` plus `days` (negative to go back). */
function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number)
  return new Date(Date.UTC(year!, month! - 1, day! + days)).toISOString().slice(0, 10)
}
