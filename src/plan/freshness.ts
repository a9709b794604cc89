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

/**
 * Why the newest plan is not fresh enough for `work`, or `undefined` when it
 * is: no older than the work by more than the grace, and not dated ahead
 * ({@link aheadProblem}).
 */
export function freshnessProblem(plan: Pick<PlanName, 'name' | 'date'>, work: Work, settings: FreshnessSettings, today: string): string | undefined {
  if (!plan.date || !isCalendarDate(plan.date)) {
    return `The newest plan \`${plan.name}\` has no date in its name, so nothing shows it was written after ${work.label}: ${writeFix(work.date, settings)}`
  }
  const ahead = aheadProblem(plan, work, settings, today)
  if (ahead || plan.date >= addDays(work.date, -settings.graceDays)) return ahead
  return `The newest plan \`${plan.name}\` is dated ${plan.date}, older than ${work.label} by more than ${graceText(settings)}: plan the next session — ${writeFix(work.date, settings)}`
}

/**
 * Why the newest plan is dated after the work, or after `today` when that is
 * earlier (a commit dated ahead), by more than the grace; `undefined` when it
 * is not. A plan dated ahead would pass every push until its date, planning
 * no session. Without a work date, only `today` bounds it.
 */
export function aheadProblem(plan: Pick<PlanName, 'name' | 'date'>, work: Work | undefined, settings: FreshnessSettings, today: string): string | undefined {
  if (!plan.date || !isCalendarDate(plan.date)) return undefined
  const ceiling = work === undefined || today < work.date ? {date: today, label: `today (${today})`} : work
  if (plan.date <= addDays(ceiling.date, settings.graceDays)) return undefined
  return `The newest plan \`${plan.name}\` is dated ${plan.date}, after ${ceiling.label} by more than ${graceText(settings)}: a plan is named for the day it is written, at the end of the session it follows — rename it to that day, or ${writeFix(ceiling.date, settings)}`
}

function writeFix(date: string, settings: FreshnessSettings): string {
  return `write \`${settings.plans}/${planNameFor(settings.pattern, date)}\` (\`npx sop-lint --fix\` scaffolds it) and commit it`
}

function graceText(settings: FreshnessSettings): string {
  return settings.graceDays === 1 ? '1 day' : `${settings.graceDays} days`
}

/** `YYYY-MM-DD` plus `days` (negative to go back). */
function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number)
  return new Date(Date.UTC(year!, month! - 1, day! + days)).toISOString().slice(0, 10)
}
