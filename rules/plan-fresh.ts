/**
 * The newest plan is at least as new as the work: its date is no earlier than
 * the work's date minus `hook.graceDays` (DESIGN §5; procedure “When: run at
 * the end of every session”). In a document check the work's date is
 * `hook.workDate`, when set; a commit check (the pre-push hook, `--commit`)
 * judges the commit's own date instead, with {@link judgeCommit}, after the
 * documents are checked. A plan dated after the work, or after today, by
 * more than the grace is an error too, with or without a date of the work:
 * it would pass every push until its date.
 */
import type {Severity} from '../src/config/schema.js'
import {staleness, type FreshnessSettings} from '../src/plan/freshness.js'
import {defineRule} from '../src/rule/define-rule.js'
import {wordMessage, type PlainMessage} from '../src/rule/message.js'
import type {PlanName} from '../src/workspace/plan-name.js'

const write = 'write `{{expected}}` (`npx sop-lint --fix` scaffolds it) and commit it'

const messages = {
  undated: `The newest plan \`{{name}}\` has no date in its name, so nothing shows it was written after {{work}}: ${write}`,
  stale: `The newest plan \`{{name}}\` is dated {{date}}, older than {{work}} by more than {{grace}}: plan the next session — ${write}`,
  ahead: `The newest plan \`{{name}}\` is dated {{date}}, after {{ceiling}} by more than {{grace}}: a plan is named for the day it is written, at the end of the session it follows — rename it to that day, or ${write}`
}

// A rule on plans that reads no plan, only the newest plan's name: the pre-push hook judges every
// commit's date with it, and loads no Markdown parser for that.
const rule = defineRule({
  id: 'plan-fresh',
  meta: {severity: 'error', description: 'the pushed tree has a plan as new as the pushed work', messages},
  appliesTo: (path, workspace) => workspace.planAt(path) !== undefined,
  check({config, workspace, path, today, report}) {
    const planFile = workspace.newestPlan()
    if (planFile?.path !== path) return
    const {workDate} = config.hook
    const now = today()
    const date = workDate === 'today' ? now : workDate
    const found = judge(
      planFile,
      date,
      date === undefined ? undefined : `the work of ${date}`,
      freshnessSettings(config),
      now
    )
    if (found) report(found.messageId, {line: 1, column: 1}, {data: found.data})
  }
})

export default rule

/** What the judgement reads of the config. */
export function freshnessSettings(config: {
  hook: {graceDays: number}
  plan: {pattern: string}
  paths: {plans: string}
}): FreshnessSettings {
  return {graceDays: config.hook.graceDays, pattern: config.plan.pattern, plans: config.paths.plans}
}

function judge(
  plan: Pick<PlanName, 'name' | 'date'>,
  workDate: string | undefined,
  work: string | undefined,
  settings: FreshnessSettings,
  today: string
): {messageId: keyof typeof messages; data: Record<string, string>} | undefined {
  const found = staleness(plan, workDate, settings, today)
  if (!found) return undefined
  const grace = settings.graceDays === 1 ? '1 day' : `${settings.graceDays} days`
  const ceiling = found.kind === 'ahead' && found.ceiling === 'today' ? `today (${today})` : (work ?? '')
  return {
    messageId: found.kind,
    data: {name: plan.name, date: plan.date ?? '', work: work ?? '', ceiling, grace, expected: found.expected}
  }
}

/**
 * The judgement of a commit (the pre-push hook, `--commit`): the newest plan
 * of its tree against the commit's date (and `today`, the user's, for a plan
 * dated ahead), as a message at the plan's start, or `undefined` when the
 * plan is fresh or the rule is off. It is of the tree, not of a place in the
 * plan, so `<!-- sop-lint disable -->` comments do not silence it; the
 * rule's severity does.
 */
export function judgeCommit(
  newestPlan: Pick<PlanName, 'name' | 'date'>,
  commit: {oid: string; date: string},
  settings: FreshnessSettings & {severity: Severity},
  today: string
): PlainMessage | undefined {
  if (settings.severity === 'off') return undefined
  const found = judge(
    newestPlan,
    commit.date,
    `the work of commit ${commit.oid.slice(0, 10)} (${commit.date})`,
    settings,
    today
  )
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
