import path from 'node:path'
import type {VFile} from 'vfile'
import type {SopLintConfig} from '../config/schema.js'
import {checkWorkspace, type CheckOptions} from '../engine/check-workspace.js'
import {misread} from '../engine/file-problems.js'
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
}

/**
 * Applies the fixes the checks carry, pass after pass, in memory: each pass
 * checks the workspace as the previous pass left it and applies the edits
 * that do not overlap. Nothing is written here.
 */
export async function fixWorkspace(base: FileSource, config: SopLintConfig, options: CheckOptions): Promise<FixResult> {
  const overlay = new OverlaySource(base)
  const before = new Map<string, string | undefined>()
  let passes = 0
  let files: VFile[]
  for (;;) {
    const workspace = new Workspace(overlay, config)
    files = await checkWorkspace(workspace, options)
    if (passes === maximumPasses) break
    let applied = 0
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
      const edits = editsFromMessages(file, text.body)
        .filter((edit) => edit.start === edit.end && (open === undefined || edit.end <= open))
        .map((edit) => ({...edit, text: withLineEndings(edit.text, text.eol)}))
      if (edits.length === 0) continue
      const result = applyEdits(text.body, edits)
      if (result.applied === 0) continue
      if (!before.has(relative)) before.set(relative, raw)
      overlay.set(relative, joinFileText({...text, body: result.text}))
      applied += result.applied
    }
    if (applied === 0) break
    passes++
  }
  const changes = [...overlay.changed()].map(([file, after]) => ({path: file, before: before.get(file), after}))
  return {changes: changes.filter((change) => change.before !== change.after), files, passes}
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
