import nodePath from 'node:path'
import type {Root} from 'mdast'
import type {Plugin} from 'unified'
import {lintRule} from 'unified-lint-rule'
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import type {RuleId, SopLintConfig} from './config/schema.js'
import {isWritable} from './markdown/written-text.js'
import {ruleDocUrl} from './meta.js'
import {readPlan, type PlanDocument} from './plan/plan-document.js'
import type {PlanFile, Workspace} from './workspace/workspace.js'

/** What every rule receives as its option: the resolved config and the workspace of a file. */
export interface RuleContext {
  config: SopLintConfig
  workspaceFor(file: VFile): Workspace
}

export interface ReportOptions {
  /**
   * Text that makes it right: inserted at `place` when it is a point, or
   * replacing the range when it is a position. `--fix` and editor quick fixes
   * apply exactly this.
   */
  expected?: string
  /** Report as a warning even when the rule is an error (e.g. a path that is not portable). */
  warning?: boolean
  /** Report as an error even when the rule is a warning (placeholder text sop-lint wrote, left unfilled). */
  error?: boolean
}

export interface CheckContext {
  tree: Root
  file: VFile
  config: SopLintConfig
  workspace: Workspace
  /** Repository-relative path of the file being checked. */
  path: string
  report(reason: string, place: Point | Position | undefined, options?: ReportOptions): VFileMessage
}

/** Messages to report as warnings whatever the rule's severity. */
const warningMessages = new WeakSet<VFileMessage>()
/** Messages to report as errors whatever the rule's severity (when the rule is on). */
const errorMessages = new WeakSet<VFileMessage>()

/**
 * Adds messages to a file; `expected` and `warning` as {@link ReportOptions} say. A fix whose text holds a control
 * character (a NUL decoded from a document's `%00`) is dropped: the message stands, nothing writes that text.
 */
export function reporterFor(file: VFile): CheckContext['report'] {
  return (reason, place, options = {}) => {
    const message = file.message(reason, {place})
    if (options.expected !== undefined && isWritable(options.expected)) message.expected = [options.expected]
    if (options.warning) warningMessages.add(message)
    if (options.error) errorMessages.add(message)
    return message
  }
}

/** The last plugin of the preset: lowers the messages a rule marked as warnings, raises those it marked as errors. */
export function applyMessageSeverities() {
  return (_tree: Root, file: VFile) => lowerWarnings(file)
}

export function lowerWarnings(file: VFile): void {
  for (const message of file.messages) {
    if (warningMessages.has(message)) message.fatal = false
    else if (errorMessages.has(message)) message.fatal = true
  }
}

export type SopLintRule = Plugin<[unknown?], Root> & {ruleId: RuleId}

/** Defines a rule that sees every Markdown file of the workspace. */
export function defineRule(ruleId: RuleId, check: (context: CheckContext) => void): SopLintRule {
  const plugin = lintRule<Root, RuleContext>({origin: `sop-lint:${ruleId}`, url: ruleDocUrl(ruleId)}, (tree, file, ruleContext) => {
    if (!ruleContext) return
    const workspace = ruleContext.workspaceFor(file)
    const path = workspace.relative(nodePath.resolve(file.cwd, file.path))
    if (path === undefined) return
    check({
      tree,
      file,
      config: ruleContext.config,
      workspace,
      path,
      report: reporterFor(file)
    })
  })
  return Object.assign(plugin, {ruleId}) as unknown as SopLintRule
}

/** Defines a rule that checks plans only (files in the plans folder with the plan suffix). */
export function definePlanRule(
  ruleId: RuleId,
  check: (plan: PlanDocument, context: CheckContext & {planFile: PlanFile}) => void
): SopLintRule {
  return defineRule(ruleId, (context) => {
    const planFile = context.workspace.planAt(context.path)
    if (!planFile) return
    check(readPlan(context.tree, context.file, context.config), {...context, planFile})
  })
}
