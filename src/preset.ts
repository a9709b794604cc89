/**
 * The package's default export: a remark plugin that adds frontmatter, GFM,
 * `<!-- sop-lint disable rule -->` comments and every sop-lint rule.
 *
 * ```js
 * // .remarkrc.mjs
 * import sopLint from 'sop-lint'
 * export default {plugins: [[sopLint, {budget: {contextWindow: 272000}}]]}
 * ```
 */
import type {Root} from 'mdast'
import remarkMessageControl from 'remark-message-control'
import type {Processor} from 'unified'
import {rules} from '../rules/index.js'
import {resolveConfig} from './config/resolve.js'
import {useSyntax} from './markdown/parse.js'
import type {SopLintConfig, SopLintOptions, Severity} from './config/schema.js'
import {applyMessageSeverities, type RuleContext} from './rule.js'
import {WorkingTreeSource} from './workspace/source.js'
import {Workspace} from './workspace/workspace.js'

export type {SopLintOptions, SopLintConfig} from './config/schema.js'

/** A remark config that uses the preset, typed for `.remarkrc.ts` (`satisfies Config`). */
export interface Config {
  settings?: Record<string, unknown>
  plugins: Array<unknown>
}

const severityLevel: Record<Severity, 0 | 1 | 2> = {off: 0, warn: 1, error: 2}

/** Adds the preset's plugins to a processor, with a given way to find each file's workspace. */
export function useSopLint(processor: Processor<Root>, context: RuleContext): void {
  useSyntax(processor).use(remarkMessageControl, {name: 'sop-lint', source: 'sop-lint'})
  for (const rule of rules) processor.use(rule, [severityLevel[context.config.rules[rule.ruleId]], context])
  processor.use(applyMessageSeverities)
}

/**
 * Workspaces keyed by root, for stock remark tools and editors: the root of a
 * file is its `cwd` (remark-cli's working folder, the editor's workspace folder).
 */
export function workspacePerRoot(config: SopLintConfig): RuleContext['workspaceFor'] {
  const workspaces = new Map<string, Workspace>()
  return (file) => {
    let workspace = workspaces.get(file.cwd)
    if (!workspace) {
      workspace = new Workspace(new WorkingTreeSource(file.cwd), config)
      workspaces.set(file.cwd, workspace)
    }
    return workspace
  }
}

export default function sopLint(this: Processor<Root>, options?: SopLintOptions): undefined {
  const config = resolveConfig(options)
  useSopLint(this, {config, workspaceFor: workspacePerRoot(config)})
}
