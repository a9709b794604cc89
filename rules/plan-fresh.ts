/**
 * The newest plan is at least as new as the work: its date is no earlier than
 * the work's date minus `hook.graceDays` (DESIGN §5; procedure “When: run at
 * the end of every session”). In a document check the work's date is
 * `hook.workDate`, when set; a commit check (the pre-push hook, `--commit`)
 * judges the commit's own date instead, after the documents are checked
 * (src/engine/commit-freshness.ts), with this rule's id and severity.
 */
import {definePlanRule} from '../src/rule.js'
import {today} from '../src/engine/today.js'
import {dayWork, freshnessProblem} from '../src/plan/freshness.js'

export default definePlanRule('plan-fresh', (_plan, {config, workspace, planFile, report}) => {
  const {workDate} = config.hook
  if (workDate === undefined || workspace.newestPlan()?.path !== planFile.path) return
  const work = dayWork(workDate === 'today' ? today() : workDate)
  const problem = freshnessProblem(planFile, work, {graceDays: config.hook.graceDays, pattern: config.plan.pattern, plans: config.paths.plans})
  if (problem) report(problem, {line: 1, column: 1})
})
