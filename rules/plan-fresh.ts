/**
 * The tree being pushed (or checked with `--commit`) has a plan at least as new
 * as the work in it: the newest plan's date is no earlier than the commit's
 * committer date minus `hook.graceDays` (DESIGN §5; procedure “When: run at the
 * end of every session”). On the working tree it applies only when
 * `hook.workDate` gives the work's date.
 */
import {definePlanRule} from '../src/rule.js'
import {today} from '../src/engine/today.js'
import {isCalendarDate, planNameFor} from '../src/workspace/plan-name.js'

export default definePlanRule('plan-fresh', (_plan, {config, workspace, planFile, report}) => {
  if (workspace.newestPlan()?.path !== planFile.path) return
  const work = workOf(workspace.source.revision, config.hook.workDate)
  if (!work) return
  const grace = config.hook.graceDays
  const expected = `${config.paths.plans}/${planNameFor(config.plan.pattern, work.date)}`
  const fix = `write \`${expected}\` (\`npx sop-lint --fix\` scaffolds it) and commit it`
  const start = {line: 1, column: 1}
  if (!planFile.date || !isCalendarDate(planFile.date)) {
    report(`The newest plan \`${planFile.name}\` has no date in its name, so nothing shows it was written after ${work.label}: ${fix}`, start)
    return
  }
  if (planFile.date < addDays(work.date, -grace)) {
    const days = grace === 1 ? '1 day' : `${grace} days`
    report(
      `The newest plan \`${planFile.name}\` is dated ${planFile.date}, older than ${work.label} by more than ${days}: plan the next session — ${fix}`,
      start
    )
  }
})

interface Work {
  date: string
  label: string
}

function workOf(revision: {oid: string; date: string} | undefined, workDate: string | undefined): Work | undefined {
  if (revision) return {date: revision.date, label: `the work of commit ${revision.oid.slice(0, 10)} (${revision.date})`}
  if (workDate === undefined) return undefined
  const date = workDate === 'today' ? today() : workDate
  return {date, label: `the work of ${date}`}
}

/** `YYYY-MM-DD` plus `days` (negative to go back). */
function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number)
  return new Date(Date.UTC(year!, month! - 1, day! + days)).toISOString().slice(0, 10)
}
