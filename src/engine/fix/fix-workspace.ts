import path from 'node:path'
import type {VFile} from 'vfile'
import type {SopLintConfig} from '../../config/schema.js'
import {scaffoldPlan, type ScaffoldRequest, type Scaffolded} from '../../plan/scaffold/scaffold.js'
import {seedFiles} from '../../plan/scaffold/seeds.js'
import {OverlaySource} from '../../workspace/overlay-source.js'
import type {FileSource} from '../../workspace/source.js'
import {Workspace} from '../../workspace/workspace.js'
import {checkWorkspace, type CheckOptions} from '../check-workspace.js'
import {matchSuppressions, readSuppressions, type Suppressions} from '../suppressions/suppressions.js'
import {joinFileText, splitFileText, withLineEndings} from './file-text.js'
import {applyEdits} from './text-edit.js'

/** ESLint's limit: a fix that is still producing edits after this many passes is stopped. */
const maximumPasses = 10

export interface FileChange {
  /** Repository-relative path. */
  path: string
  /** The text before any fix; `undefined` for a file the fix creates. */
  before: string | undefined
  after: string
  /** Mode of a file the change creates (less the umask); 0o666 unless told. */
  mode?: number
}

export interface FixResult {
  changes: FileChange[]
  /** The check of the fixed files: what is left for a person. */
  files: VFile[]
  passes: number
  /** What the scaffold wrote before the fixes: the plan and its role files. */
  scaffolded: Scaffolded
}

/**
 * Applies the fixes the checks carry, pass after pass, in memory: each pass
 * checks the workspace as the previous pass left it and applies the edits
 * that do not overlap. Only a message's `fix` is applied — an insertion —:
 * a replacement (a wrong delta, `12k` for 12000) rewrites what a person
 * wrote, so it is a suggestion, an editor quick fix a person may choose, and
 * so is an insertion the engine found would not be read as meant (src/engine/lint.ts).
 * With `scaffold`, the plan for the session and the role files it needs are
 * written first (src/plan/scaffold/), so the passes add its pointers, ledger
 * row and table rows. Nothing is written here.
 */
export async function fixWorkspace(
  base: FileSource,
  config: SopLintConfig,
  options: CheckOptions,
  scaffold?: ScaffoldRequest
): Promise<FixResult> {
  const overlay = new OverlaySource(base)
  const before = new Map<string, string | undefined>()
  const scaffolded: Scaffolded = scaffold
    ? scaffoldPlan(overlay, config, scaffold)
    : {plan: undefined, roleFiles: [], seeds: [], tasksFromRows: 0, leftOut: []}
  const modes = new Map<string, number>()
  // A suppressed problem is history the team accepted: --fix leaves it as it is (filling a delta would change the row
  // its baseline entry is the fingerprint of).
  const suppressions = readSuppressions(base)
  let seeded = false
  for (const created of [...scaffolded.roleFiles, ...(scaffolded.plan ? [scaffolded.plan] : [])])
    before.set(created, undefined)
  let passes = 0
  let files: VFile[]
  for (;;) {
    const workspace = new Workspace(overlay, config)
    files = await checkWorkspace(workspace, options)
    if (passes === maximumPasses) break
    let applied = 0
    const suppressed = suppressions ? suppressedIn(files, workspace, suppressions, overlay) : new Set<unknown>()
    for (const file of files) {
      const relative = workspace.relative(path.resolve(file.cwd, file.path))
      if (relative === undefined) continue
      const edits = file.messages.flatMap((message) => (message.fix && !suppressed.has(message) ? [message.fix] : []))
      if (edits.length === 0) continue
      const raw = overlay.read(relative)
      const text = splitFileText(raw ?? '')
      const result = applyEdits(
        text.body,
        edits.map(({range: [start, end], text: inserted}) => ({start, end, text: withLineEndings(inserted, text.eol)}))
      )
      if (result.applied === 0) continue
      if (!before.has(relative)) before.set(relative, raw)
      overlay.set(relative, joinFileText({...text, body: result.text}))
      applied += result.applied
    }
    if (applied === 0) {
      // Seed materials follow the plan and the table as the fixes left them; the check runs again once they exist.
      if (!scaffold || seeded) break
      seeded = true
      const seeds = seedFiles(new Workspace(overlay, config))
      for (const seed of seeds) {
        before.set(seed.path, undefined)
        overlay.set(seed.path, seed.text)
        if (seed.mode !== undefined) modes.set(seed.path, seed.mode)
      }
      scaffolded.seeds = seeds.map((seed) => seed.path)
      if (seeds.length === 0) break
    }
    passes++
  }
  const changes = [...overlay.changed()].map(([file, after]) => ({
    path: file,
    before: before.get(file),
    after,
    ...(modes.has(file) ? {mode: modes.get(file)} : {})
  }))
  return {changes: changes.filter((change) => change.before !== change.after), files, passes, scaffolded}
}

/** The messages of a pass that the baseline suppresses. */
function suppressedIn(
  files: readonly VFile[],
  workspace: Workspace,
  suppressions: Suppressions,
  source: FileSource
): Set<unknown> {
  const checked = files.flatMap((file) => {
    const relative = workspace.relative(path.resolve(file.cwd, file.path))
    return relative === undefined ? [] : [{path: relative, messages: file.messages}]
  })
  return matchSuppressions(checked, suppressions, source).matched
}
