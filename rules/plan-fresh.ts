/**
 * The newest plan is at least as new as the work: its date is no earlier than
 * the work's date minus `hook.graceDays` (DESIGN §5; procedure “When: run at
 * the end of every session”). In a document check the work's date is
 * `hook.workDate`, when set; a commit check (the pre-push hook, `--commit`)
 * judges the commit's own date instead, after the documents are checked
 * (src/engine/commit-freshness.ts), with this rule's id and severity. A plan
 * dated after the work, or after today, by more than the grace is an error
 * too, with or without a date of the work: it would pass every push until
 * its date.
 */
import {definePlanRule} from '../src/rule.js'
import {today} from '../src/engine/today.js'
import {aheadProblem, dayWork, freshnessProblem} from '../src/plan/freshness.js'

export default definePlanRule('plan-fresh', (_plan, {config, workspace, planFile, report}) => {
  if (workspace.newestPlan()?.path !== planFile.path) return
  const {workDate} = config.hook
  const settings = {graceDays: config.hook.graceDays, pattern: config.plan.pattern, plans: config.paths.plans}
  const now = today()
  const problem =
    workDate === undefined
      ? aheadProblem(planFile, undefined, settings, now)
      : freshnessProblem(planFile, dayWork(workDate === 'today' ? now : workDate), settings, now)
  if (problem) report(problem, {line: 1, column: 1})
})
