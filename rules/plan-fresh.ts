/**
 * The newest plan is at least as new as the work: its date is no earlier than
 * the work's date minus `hook.graceDays` (DESIGN §5; procedure “When: run at
 * the end of every session”). In a document check the work's date is
 * `hook.workDate`, when set; a commit check (the pre-push hook, `--commit`)
 * judges the commit's own date instead, with {@link judgeCommit}, after the
 * documents are checked.
 */
import type {Severity} from '../src/config/schema.js'
import {staleness, type FreshnessSettings} from '../src/plan/freshness.js'
import {definePlanRule} from '../src/rule/define-rule.js'
import type {PlainMessage} from '../src/rule/message.js'
import {wordMessage} from '../src/rule/run-rules.js'
import type {PlanName} from '../src/workspace/plan-name.js'

const fix = '`npx sop-lint --fix` scaffolds it'

const messages = {
  undated: `The newest plan \`{{name}}\` has no date in its name, so nothing shows it was written after {{work}}: write \`{{expected}}\` (${fix}) and commit it`,
  stale: `The newest plan \`{{name}}\` is dated {{date}}, older than {{work}} by more than {{grace}}: plan the next session — write \`{{expected}}\` (${fix}) and commit it`
}

const rule = definePlanRule({
  id: 'plan-fresh',
  meta: {severity: 'error', description: 'the pushed tree has a plan as new as the pushed work', messages},
  check(_plan, {config, workspace, planFile, today, report}) {
    const {workDate} = config.hook
    if (workDate === undefined || workspace.newestPlan()?.path !== planFile.path) return
    const date = workDate === 'today' ? today() : workDate
    const found = judge(planFile, date, `the work of ${date}`, freshnessSettings(config))
    if (found) report(found.messageId, {line: 1, column: 1}, {data: found.data})
  }
})

export default rule


/** What the judgement reads of the config. */
export function freshnessSettings(config: {hook: {graceDays: number}; plan: {pattern: string}; paths: {plans: string}}): FreshnessSettings {
  return {graceDays: config.hook.graceDays, pattern: config.plan.pattern, plans: config.paths.plans}
}

function judge(
  plan: Pick<PlanName, 'name' | 'date'>,
  workDate: string,
  work: string,
  settings: FreshnessSettings
): {messageId: keyof typeof messages; data: Record<string, string>} | undefined {
  const found = staleness(plan, workDate, settings)
  if (!found) return undefined
  const grace = settings.graceDays === 1 ? '1 day' : `${settings.graceDays} days`
  const data = {name: plan.name, date: plan.date ?? '', work, grace, expected: found.expected}
  return {messageId: found.kind, data}
}

/**
 * The judgement of a commit (the pre-push hook, `--commit`): the newest plan
 * of its tree against the commit's date, as a message at the plan's start, or
 * `undefined` when the plan is fresh or the rule is off. It is of the tree,
 * not of a place in the plan, so `<!-- sop-lint disable -->` comments do not
 * silence it; the rule's severity does.
 */
export function judgeCommit(
  newestPlan: Pick<PlanName, 'name' | 'date'>,
  commit: {oid: string; date: string},
  settings: FreshnessSettings & {severity: Severity}
): PlainMessage | undefined {
  if (settings.severity === 'off') return undefined
  const found = judge(newestPlan, commit.date, `the work of commit ${commit.oid.slice(0, 10)} (${commit.date})`, settings)
  if (!found) return undefined
  return {
    reason: wordMessage(rule.id, rule.meta.messages, found.messageId, found.data).reason,
    place: {line: 1, column: 1},
    ruleId: rule.id,
    source: 'sop-lint',
    fatal: settings.severity === 'error',
    url: rule.meta.url,
    messageId: found.messageId
  }
}
