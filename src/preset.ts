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
import path from 'node:path'
import type {Root} from 'mdast'
import type {Processor} from 'unified'
import {rules} from '../rules/index.js'
import {resolveConfig} from './config/resolve.js'
import {controlMessages} from './markdown/message-control.js'
import {useSyntax} from './markdown/parse.js'
import type {SopLintConfig, SopLintOptions, Severity} from './config/schema.js'
import {applyMessageSeverities, type RuleContext} from './rule.js'
import {WorkingTreeSource} from './workspace/source.js'
import {workspaceOnDisk} from './workspace/workspace-on-disk.js'
import {Workspace} from './workspace/workspace.js'

export type {SopLintOptions, SopLintConfig} from './config/schema.js'

/** A plugin as remark configs name it: a function, a package name or path, or a preset object. */
type OtherPlugin =
  | string
  | (((...parameters: any[]) => unknown) & {readonly sopLintPreset?: never})
  | {plugins?: unknown; settings?: Record<string, unknown>}

/** The preset named in a plugin list: its options are type-checked in the function form. */
export type SopLintEntry = readonly [typeof sopLint, SopLintOptions?] | readonly ['sop-lint', SopLintOptions?]

/**
 * A remark config that uses the preset, for `.remarkrc.ts` (`satisfies Config`).
 * The preset's options are checked in the forms `[sopLint, options]` (with
 * `import sopLint from 'sop-lint'`) and `{plugins: {'sop-lint': options}}`; in a
 * list, `['sop-lint', options]` is accepted like any other plugin name, so
 * type the options themselves (`const options: SopLintOptions = …`) to check them.
 */
export interface Config {
  /** remark-stringify settings (unified-engine passes them to the processor). */
  settings?: Record<string, unknown>
  plugins?:
    | ReadonlyArray<typeof sopLint | SopLintEntry | OtherPlugin | readonly [OtherPlugin, ...unknown[]]>
    | ({'sop-lint'?: SopLintOptions | false} & Record<string, unknown>)
}

const severityLevel: Record<Severity, 0 | 1 | 2> = {off: 0, warn: 1, error: 2}

declare module 'unified' {
  interface Data {
    /** The config and workspaces of the sop-lint preset attached to a processor (set where the preset is added). */
    sopLintContext?: RuleContext
  }
}

/** Adds the preset's plugins to a processor, with a given way to find each file's workspace. */
export function useSopLint(processor: Processor<Root>, context: RuleContext): void {
  useSyntax(processor)
  for (const rule of rules) processor.use(rule, [severityLevel[context.config.rules[rule.ruleId]], context])
  processor.use(applyMessageSeverities)
  // Last: it filters the messages present when it runs, so the rules must have run.
  processor.use(controlMessages, {name: 'sop-lint', source: 'sop-lint'})
  // For plugins added after the preset that need the same workspaces (the language server's partial parse of growing documents).
  processor.data('sopLintContext', context)
}

/**
 * Workspaces keyed by root, for stock remark tools and editors: the root of a
 * file is its `cwd` (remark-cli's working folder, the editor's workspace
 * folder), or, in a monorepo, the nearest workspace folder above the file.
 */
export function workspacePerRoot(config: SopLintConfig): RuleContext['workspaceFor'] {
  const workspaces = new Map<string, Workspace>()
  // Every rule asks for a file's workspace: the folders above it are looked at once.
  const ofFile = new Map<string, Workspace>()
  return (file) => {
    const key = `${file.cwd}\0${file.path ?? ''}`
    let workspace = ofFile.get(key)
    if (workspace) return workspace
    const inMonorepo = file.path ? workspaceOnDisk(path.resolve(file.cwd, file.path), config.workspaces) : undefined
    const root = inMonorepo?.root ?? file.cwd
    workspace = workspaces.get(root)
    if (!workspace) {
      workspace = new Workspace(inMonorepo ?? new WorkingTreeSource(file.cwd), config)
      workspaces.set(root, workspace)
    }
    ofFile.set(key, workspace)
    return workspace
  }
}

/**
 * Processors the preset is attached to, shared by every copy of the package
 * loaded in one process (a language server installed globally and the copy a
 * workspace's config names): the first one attached wins, so no message is
 * reported twice.
 */
const attachedKey = Symbol.for('sop-lint.preset.attached')
const attached: WeakSet<object> = ((globalThis as Record<symbol, unknown>)[attachedKey] as WeakSet<object> | undefined) ??
  ((globalThis as Record<symbol, unknown>)[attachedKey] = new WeakSet<object>())

/** Whether the preset is already attached to a processor (by this or another copy of the package). */
export function hasSopLint(processor: object): boolean {
  return attached.has(processor)
}

export default function sopLint(this: Processor<Root>, options?: SopLintOptions): undefined {
  if (attached.has(this)) return
  attached.add(this)
  const config = resolveConfig(options)
  useSopLint(this, {config, workspaceFor: workspacePerRoot(config)})
}

/** Marks the preset's type, so that {@link Config} checks its options in the `[sopLint, options]` form. */
sopLint.sopLintPreset = true as const
