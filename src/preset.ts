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
import type {SopLintConfig} from './config/schema.js'
import {resolveConfig, type SopLintOptions} from './engine/config.js'
import {gateParser} from './engine/parse-gate.js'
import {controlMessages} from './markdown/message-control.js'
import {useSyntax} from './markdown/parse.js'
import {lintRules, type LintHost} from './rule/run-rules.js'
import {dayOf} from './workspace/plan-name.js'
import {WorkingTreeSource} from './workspace/source.js'
import {workspaceOnDisk} from './workspace/workspace-on-disk.js'
import {Workspace} from './workspace/workspace.js'

export type {SopLintOptions, ResolvedConfig as SopLintConfig} from './engine/config.js'

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

declare module 'unified' {
  interface Data {
    /**
     * The host of the sop-lint preset attached to a processor (set where the
     * preset is added): plugins added after it (the language server's partial
     * parse of growing documents) use its workspaces, and a second copy of
     * the package sees the preset is there.
     */
    sopLintHost?: LintHost
  }
}

/** Adds the preset's plugins to a processor, with a given way to find each file's workspace. */
export function useSopLint(processor: Processor<Root>, host: LintHost): void {
  useSyntax(processor)
  // First: no rule runs on a document the parser cannot take in bounded time, stack and memory.
  processor.use(gateParser, host)
  processor.use(() => lintRules(rules, host))
  // Last: it filters the messages present when it runs, so the rules must have run.
  processor.use(controlMessages, {name: 'sop-lint', source: 'sop-lint'})
  processor.data('sopLintHost', host)
}

/**
 * Workspaces keyed by root, for stock remark tools and editors: the root of a
 * file is its `cwd` (remark-cli's working folder, the editor's workspace
 * folder), or, in a monorepo, the nearest workspace folder above the file.
 */
export function workspacePerRoot(config: SopLintConfig): LintHost['workspaceFor'] {
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
 * Whether the preset is already attached to a processor, by this or another
 * copy of the package loaded in the same process (a language server installed
 * globally and the copy a workspace's config names): the first one attached
 * wins, so no message is reported twice. The processor's data says so, under
 * a key every copy shares.
 */
export function hasSopLint(processor: Processor): boolean {
  return processor.data('sopLintHost') !== undefined
}

export default function sopLint(this: Processor, options?: SopLintOptions): undefined {
  if (hasSopLint(this)) return
  const config = resolveConfig(options)
  // A language server runs for days: today is read on every check.
  useSopLint(this as unknown as Processor<Root>, {
    config,
    workspaceFor: workspacePerRoot(config),
    today: () => dayOf(new Date())
  })
}

/** Marks the preset's type, so that {@link Config} checks its options in the `[sopLint, options]` form. */
sopLint.sopLintPreset = true as const
