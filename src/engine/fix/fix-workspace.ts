import path from 'node:path'
import type {VFile} from 'vfile'
import type {SopLintConfig} from '../../config/schema.js'
import {checkWorkspace, type CheckOptions} from '../check-workspace.js'
import {OverlaySource} from '../../workspace/overlay-source.js'
import type {FileSource} from '../../workspace/source.js'
import {Workspace} from '../../workspace/workspace.js'
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
}

/**
 * Applies the fixes the checks carry, pass after pass, in memory: each pass
 * checks the workspace as the previous pass left it and applies the edits
 * that do not overlap. Only a message's `fix` is applied — an insertion —:
 * a replacement (a wrong delta, `12k` for 12000) rewrites what a person
 * wrote, so it is a suggestion, an editor quick fix a person may choose, and
 * so is an insertion the engine found would not be read as meant (src/engine/lint.ts).
 * Nothing is written here.
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
      if (relative === undefined) continue
      const edits = file.messages.flatMap((message) => (message.fix ? [message.fix] : []))
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
    if (applied === 0) break
    passes++
  }
  const changes = [...overlay.changed()].map(([file, after]) => ({path: file, before: before.get(file), after}))
  return {changes: changes.filter((change) => change.before !== change.after), files, passes}
}
