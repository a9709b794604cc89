import {isUtf8} from 'node:buffer'
import {lstatSync, mkdirSync, readFileSync, realpathSync} from 'node:fs'
import path from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import {describeErrno} from '../workspace/source.js'
import type {FileChange} from './fix-workspace.js'

export interface WriteOutcome {
  written: string[]
  /** Files not written, with the reason (changed by someone else, not writable). */
  skipped: Array<{path: string; reason: string}>
}

/**
 * Writes each changed file once, atomically (a temporary file renamed over
 * the old one: a killed process or a full disk leaves the old file or the
 * new one, never half), keeping its mode. A file is left alone, and said to
 * be, when writing it could lose or misplace bytes: it changed on disk since
 * it was read (someone else's edit), it cannot be read back, its bytes are
 * not UTF-8 (its text as read has replacement characters), it is read-only,
 * or it is a symbolic link or lies in a folder reached through one (the
 * write would land somewhere else, perhaps outside the repository).
 */
export async function writeChanges(root: string, changes: readonly FileChange[]): Promise<WriteOutcome> {
  const outcome: WriteOutcome = {written: [], skipped: []}
  const realRoot = realOr(root)
  for (const change of changes) {
    const file = path.join(root, change.path)
    const skip = (reason: string) => outcome.skipped.push({path: change.path, reason})
    const misplaced = throughLink(root, realRoot, change.path)
    if (misplaced) {
      skip(misplaced)
      continue
    }
    const current = readCurrent(file)
    if (current.kind === 'unreadable') {
      skip(`cannot be read back (${current.why}); make it readable and run --fix again`)
      continue
    }
    if (current.kind === 'text' && !current.utf8) {
      skip('is not UTF-8 text: writing it would replace the bytes sop-lint cannot read; save it as UTF-8 and run --fix again')
      continue
    }
    const text = current.kind === 'text' ? current.text : undefined
    if (text !== change.before) {
      skip(change.before === undefined ? 'was created by someone else meanwhile' : 'changed on disk while sop-lint was fixing it; run --fix again')
      continue
    }
    if (current.kind === 'text' && (current.mode & 0o222) === 0) {
      skip('is read-only; make it writable and run --fix again to add what is missing')
      continue
    }
    try {
      mkdirSync(path.dirname(file), {recursive: true})
      await writeFileAtomic(file, change.after, change.mode === undefined ? {} : {mode: change.mode})
      outcome.written.push(change.path)
    } catch (error) {
      skip(`cannot be written (${describeErrno(error)}); the file is as it was`)
    }
  }
  return outcome
}

type Current = {kind: 'missing'} | {kind: 'unreadable'; why: string} | {kind: 'text'; text: string; utf8: boolean; mode: number}

function readCurrent(file: string): Current {
  try {
    const bytes = readFileSync(file)
    return {kind: 'text', text: bytes.toString('utf8'), utf8: isUtf8(bytes), mode: lstatSync(file).mode}
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    // ENOTDIR: a file stands where a folder of the path should be; there is no file to lose (mkdir says why it cannot be written).
    if (code === 'ENOENT' || code === 'ENOTDIR') return {kind: 'missing'}
    return {kind: 'unreadable', why: describeErrno(error)}
  }
}

/** Why a write to a repository path would go through a symbolic link (or out of the repository); `undefined` when it would not. */
function throughLink(root: string, realRoot: string, relativePath: string): string | undefined {
  const file = path.join(root, relativePath)
  const relative = path.relative(root, file)
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return 'is outside the repository: sop-lint writes nothing there'
  try {
    if (lstatSync(file).isSymbolicLink()) return 'is a symbolic link: sop-lint does not write through links; change the file it points to'
  } catch {}
  // The nearest folder on the way that exists must be where the path says, not reached through a link.
  for (let folder = path.dirname(relative); ; folder = path.dirname(folder)) {
    const real = realOr(path.join(root, folder), '')
    if (real !== '') {
      return real === path.join(realRoot, folder) ? undefined : `lies in a folder reached through a symbolic link (\`${folder}\`): sop-lint does not write through links`
    }
    if (folder === '.') return undefined
  }
}

function realOr(folder: string, fallback = folder): string {
  try {
    return realpathSync.native(folder)
  } catch {
    return fallback
  }
}
