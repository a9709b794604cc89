/**
 * A rule on plans, which receives the plan as read (its sections and tasks),
 * in a module of its own: reading a plan needs the Markdown parser, which a
 * rule that judges only a plan's name (plan-fresh, on the pre-push hook's
 * fast path) must not load.
 */
import {keepParsedPlan} from '../plan/load-plan.js'
import {readPlan, type PlanDocument} from '../plan/plan-document.js'
import type {PlanFile} from '../workspace/workspace.js'
import {defineRule, type MarkdownContext, type Rule, type RuleMeta} from './define-rule.js'

/** What a plan rule receives besides: the plan file it checks. */
export type PlanContext<MessageId extends string> = MarkdownContext<MessageId> & {planFile: PlanFile}

/** A Markdown rule on plans only (files in the plans folder with the plan suffix), which receives the plan as read. */
export function definePlanRule<const Id extends string, MessageId extends string>(spec: {
  id: Id
  meta: RuleMeta<MessageId>
  check(plan: PlanDocument, context: PlanContext<MessageId>): void
}): Rule<Id, MessageId> {
  return defineRule<Id, MessageId>({
    id: spec.id,
    meta: spec.meta,
    appliesTo: (path, workspace) => workspace.planAt(path) !== undefined,
    check(context) {
      const planFile = context.workspace.planAt(context.path)!
      const plan = readPlan(context.tree, context.file, context.config)
      keepParsedPlan(context.workspace, planFile, plan, context.text())
      spec.check(plan, {...context, planFile})
    }
  })
}
