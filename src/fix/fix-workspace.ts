import path from 'node:path'
import type {VFile} from 'vfile'
import type {SopLintConfig} from '../config/schema.js'
import {checkWorkspace, type CheckOptions} from '../engine/check-workspace.js'
import {misread} from '../engine/file-problems.js'
import {scaffoldPlan, type ScaffoldRequest, type Scaffolded} from '../scaffold/scaffold.js'
import {seedFiles} from '../scaffold/seeds.js'
import {matchSuppressions, readSuppressions, type Suppressions} from '../suppressions/suppressions.js'
import {OverlaySource} from '../workspace/overlay-source.js'
import type {FileSource} from '../workspace/source.js'
import {Workspace} from '../workspace/workspace.js'
import {joinFileText, splitFileText, withLineEndings} from './file-text.js'
import {applyEdits, editsFromMessages} from './text-edit.js'

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
 * that do not overlap. With `scaffold`, the plan for the session and the
 * role files it needs are written first (src/scaffold/), so the passes add
 * its pointers, ledger row and table rows. Nothing is written here.
 */
export async function fixWorkspace(
  base: FileSource,
  config: SopLintConfig,
  options: CheckOptions,
  scaffold?: ScaffoldRequest
): Promise<FixResult> {
  const overlay = new OverlaySource(base)
  const before = new Map<string, string | undefined>()
  const scaffolded: Scaffolded = scaffold ? scaffoldPlan(overlay, config, scaffold) : {plan: undefined, roleFiles: [], seeds: [], tasksFromRows: 0, leftOut: []}
  const modes = new Map<string, number>()
  // A suppressed problem is history the team accepted: --fix leaves it as it is (filling a delta would change the row
  // its baseline entry is the fingerprint of).
  const suppressions = readSuppressions(base)
  let seeded = false
  for (const created of [...scaffolded.roleFiles, ...(scaffolded.plan ? [scaffolded.plan] : [])]) before.set(created, undefined)
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
      if (relative === undefined || misread(file)) continue
      const raw = overlay.read(relative)
      const text = splitFileText(raw ?? '')
      // --fix only adds: a replacement (a wrong delta, `12k` for 12000) rewrites what a person wrote, so it stays
      // a message, and an editor quick fix a person may choose.
      // Nor does it put text into a code fence or comment left open at the end: it would be read as code (and put there
      // again on every run).
      const open = /\.(md|markdown|mdx)$/i.test(relative) ? openBlockStart(text.body) : undefined
      const edits = editsFromMessages(withMessages(file, file.messages.filter((message) => !suppressed.has(message))), text.body)
        .filter((edit) => edit.start === edit.end && (open === undefined || edit.end <= open))
        .map((edit) => ({...edit, text: withLineEndings(edit.text, text.eol)}))
      if (edits.length === 0) continue
      const result = applyEdits(text.body, edits)
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
  const changes = [...overlay.changed()].map(([file, after]) => ({path: file, before: before.get(file), after, ...(modes.has(file) ? {mode: modes.get(file)} : {})}))
  return {changes: changes.filter((change) => change.before !== change.after), files, passes, scaffolded}
}

/**
 * Where a fenced code block or an HTML comment that is never closed starts
 * (it runs to the end of the text), or `undefined`. A line scan, as
 * CommonMark opens and closes them at the top level.
 */
export function openBlockStart(text: string): number | undefined {
  let fence: {marker: string; length: number; start: number} | undefined
  let comment: number | undefined
  let offset = 0
  for (const line of text.split(/(?<=\n)/)) {
    const body = line.replace(/\r?\n$/, '')
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(body)
      if (close && close[1]![0] === fence.marker && close[1]!.length >= fence.length) fence = undefined
    } else if (comment !== undefined) {
      if (body.includes('-->')) comment = undefined
    } else {
      const open = /^ {0,3}(`{3,}|~{3,})/.exec(body)
      // A backtick fence's info string has no backtick: else it is a code span, not a fence.
      if (open && !(open[1]![0] === '`' && body.slice(open[0].length).includes('`'))) {
        fence = {marker: open[1]![0]!, length: open[1]!.length, start: offset}
      } else if (/^ {0,3}<!--/.test(body) && !body.slice(body.indexOf('<!--') + 4).includes('-->')) {
        comment = offset
      }
    }
    offset += line.length
  }
  return fence?.start ?? comment
}

/** The messages of a pass that the baseline suppresses. */
function suppressedIn(files: readonly VFile[], workspace: Workspace, suppressions: Suppressions, source: FileSource): Set<unknown> {
  const checked = files.flatMap((file) => {
    const relative = workspace.relative(path.resolve(file.cwd, file.path))
    return relative === undefined ? [] : [{path: relative, messages: file.messages}]
  })
  return matchSuppressions(checked, suppressions, source).matched
}

/** A view of a file with other messages, for reading edits from. */
function withMessages(file: VFile, messages: VFile['messages']): VFile {
  return Object.assign(Object.create(file) as VFile, {messages})
}
