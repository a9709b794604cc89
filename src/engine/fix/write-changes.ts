import {isUtf8} from 'node:buffer'
import {closeSync, lstatSync, mkdirSync, realpathSync} from 'node:fs'
import path from 'node:path'
import {describeErrno} from '../../rule/words.js'
import type {FileChange} from './fix-workspace.js'
import {createFile, openForReplacement, replaceFile, type OpenedFile} from './replace-file.js'

export interface WriteOutcome {
  written: string[]
  /** Files not written, with the reason (changed by someone else, not writable). */
  skipped: Array<{path: string; reason: string}>
  /** What else happened to a file while it was written (someone else's append, kept). */
  notes: Array<{path: string; note: string}>
}

/**
 * Writes each changed file once, atomically (a temporary file renamed over
 * the old one: a killed process or a full disk leaves the old file or the
 * new one, never half), keeping its mode. A file is left alone, and said to
 * be, when writing it could lose or misplace bytes: it changed on disk since
 * it was read (someone else's edit, looked for again right before the
 * rename), it cannot be read back, it is not a regular file, its bytes are
 * not UTF-8 (its text as read has replacement characters), it is read-only,
 * or it is a symbolic link or lies in a folder reached through one (the
 * write would land somewhere else, perhaps outside the repository). What
 * someone else appends in the moment of the rename is kept (see replace-file.ts).
 */
export async function writeChanges(root: string, changes: readonly FileChange[]): Promise<WriteOutcome> {
  const outcome: WriteOutcome = {written: [], skipped: [], notes: []}
  const realRoot = realOr(root)
  for (const change of changes) {
    const file = path.join(root, change.path)
    const skip = (reason: string) => outcome.skipped.push({path: change.path, reason})
    const misplaced = throughLink(root, realRoot, change.path)
    if (misplaced) {
      skip(misplaced)
      continue
    }
    let opened: ReturnType<typeof openForReplacement>
    try {
      opened = openForReplacement(file)
    } catch (error) {
      skip(`cannot be read back (${describeErrno(error)}); make it readable and run --fix again`)
      continue
    }
    if (opened.kind === 'not-regular') {
      skip('is not a regular file (a FIFO, socket or device): sop-lint writes only files')
      continue
    }
    try {
      const written = opened.kind === 'missing' ? create(file, change) : replace(file, opened.file, change)
      if (written.skipped) skip(written.skipped)
      else outcome.written.push(change.path)
      if (written.note) outcome.notes.push({path: change.path, note: written.note})
    } catch (error) {
      skip(`cannot be written (${describeErrno(error)}); the file is as it was`)
    }
  }
  return outcome
}

/** Why a file could not be written at a repository path without going through a symbolic link or out of the repository; `undefined` when it could. */
export function misplacedWrite(root: string, relativePath: string): string | undefined {
  return throughLink(root, realOr(root), relativePath)
}

interface Written {
  skipped?: string
  note?: string
}

const changedMeanwhile = 'changed on disk while sop-lint was fixing it; run --fix again'

function create(file: string, change: FileChange): Written {
  if (change.before !== undefined) return {skipped: changedMeanwhile}
  mkdirSync(path.dirname(file), {recursive: true})
  return createFile(file, Buffer.from(change.after), change.mode ?? 0o666)
    ? {}
    : {skipped: 'was created by someone else meanwhile'}
}

function replace(file: string, opened: OpenedFile, change: FileChange): Written {
  const text = opened.bytes.toString('utf8')
  const refusal =
    change.before === undefined
      ? 'was created by someone else meanwhile'
      : !isUtf8(opened.bytes)
        ? 'is not UTF-8 text: writing it would replace the bytes sop-lint cannot read; save it as UTF-8 and run --fix again'
        : text !== change.before
          ? changedMeanwhile
          : (opened.stats.mode & 0o222) === 0
            ? 'is read-only; make it writable and run --fix again to add what is missing'
            : undefined
  if (refusal) {
    closeSync(opened.fd)
    return {skipped: refusal}
  }
  const result = replaceFile(file, opened, Buffer.from(change.after))
  switch (result.kind) {
    case 'changed': {
      return {skipped: changedMeanwhile}
    }
    case 'written': {
      const lines = result.appended.toString('utf8').split('\n').filter(Boolean).length
      return result.appended.length === 0
        ? {}
        : {
            note: `${lines} line${lines === 1 ? '' : 's'} someone else appended while it was written ${lines === 1 ? 'is' : 'are'} kept, after the fix`
          }
    }
    case 'rewritten': {
      const theirs = result.restored
        ? 'their text is back in place'
        : result.keptAt
          ? `their text is kept in ${path.basename(result.keptAt)}`
          : 'their text could not be kept'
      return {skipped: `was rewritten by someone else while sop-lint wrote it: ${theirs}; run --fix again`}
    }
  }
}

/** Why a write to a repository path would go through a symbolic link (or out of the repository); `undefined` when it would not. */
function throughLink(root: string, realRoot: string, relativePath: string): string | undefined {
  const file = path.join(root, relativePath)
  const relative = path.relative(root, file)
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative))
    return 'is outside the repository: sop-lint writes nothing there'
  try {
    if (lstatSync(file).isSymbolicLink())
      return 'is a symbolic link: sop-lint does not write through links; change the file it points to'
  } catch {}
  // The nearest folder on the way that exists must be where the path says, not reached through a link.
  for (let folder = path.dirname(relative); ; folder = path.dirname(folder)) {
    const real = realOr(path.join(root, folder), '')
    if (real !== '') {
      return real === path.join(realRoot, folder)
        ? undefined
        : `lies in a folder reached through a symbolic link (\`${folder}\`): sop-lint does not write through links`
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
