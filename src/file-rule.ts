import type {VFile} from 'vfile'
import type {RuleId, SopLintConfig} from './config/schema.js'
import {ruleDocUrl} from './meta.js'
import {lowerWarnings, reporterFor, type CheckContext} from './rule.js'
import type {Workspace} from './workspace/workspace.js'

/** What a rule on a file that is not Markdown (the ledger CSV, a `.feature` spec, a file's place) receives. */
export interface FileCheckContext {
  file: VFile
  /** The file's text, read on first use. */
  text(): string
  config: SopLintConfig
  workspace: Workspace
  /** Repository-relative path. */
  path: string
  report: CheckContext['report']
}

/**
 * A rule on a whole file rather than a Markdown tree: same ids, severities,
 * doc URLs and message shape as the remark rules, so reports mix both.
 */
export interface FileRule {
  ruleId: RuleId
  appliesTo(path: string, workspace: Workspace): boolean
  check(context: FileCheckContext): void
}

export function defineFileRule(
  ruleId: RuleId,
  appliesTo: FileRule['appliesTo'],
  check: FileRule['check']
): FileRule {
  return {ruleId, appliesTo, check}
}

/** Runs the file rules that apply to a file and stamps their messages as unified-lint-rule does. */
export function runFileRules(
  rules: readonly FileRule[],
  file: VFile,
  path: string,
  workspace: Workspace,
  text: () => string
): void {
  for (const rule of rules) {
    const severity = workspace.config.rules[rule.ruleId]
    if (severity === 'off' || !rule.appliesTo(path, workspace)) continue
    const first = file.messages.length
    rule.check({file, text, config: workspace.config, workspace, path, report: reporterFor(file)})
    for (const message of file.messages.slice(first)) {
      Object.assign(message, {ruleId: rule.ruleId, source: 'sop-lint', url: ruleDocUrl(rule.ruleId), fatal: severity === 'error'})
    }
  }
  lowerWarnings(file)
}
