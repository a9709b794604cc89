/**
 * The two ways sop-lint puts text into the repository: replacing a file it
 * has read, and creating one that is not there. Both write a temporary file
 * beside the target and move it into place in one step, so a killed process
 * or a full disk leaves the old file or the new one, never half of one.
 *
 * Someone else may write the file at the same time (an agent appending to
 * progress.md). A replacement therefore compares the file with what was read
 * once more after the temporary file is written (writing and syncing it is
 * most of the time a write takes), and keeps the old file open across the
 * rename: what was appended to it in the moment between that comparison and
 * the rename is still there to read, and is appended to the new file.
 */
import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
  type Stats
} from 'node:fs'

/** A file opened for replacement: its bytes as read, and the open descriptor that keeps it readable after the rename. */
export interface OpenedFile {
  fd: number
  bytes: Buffer
  stats: Stats
}

export type Opened = {kind: 'missing'} | {kind: 'not-regular'} | {kind: 'opened'; file: OpenedFile}

/**
 * Opens a file without following a symbolic link in its last part and
 * without blocking on a FIFO, and reads it whole. Throws what `open` throws
 * for anything but a missing file.
 */
export function openForReplacement(file: string): Opened {
  let fd: number
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    // ENOTDIR: a file stands where a folder of the path should be; there is no file there.
    if (code === 'ENOENT' || code === 'ENOTDIR') return {kind: 'missing'}
    throw error
  }
  const stats = fstatSync(fd)
  if (!stats.isFile()) {
    closeSync(fd)
    return {kind: 'not-regular'}
  }
  return {kind: 'opened', file: {fd, bytes: readFrom(fd, 0), stats}}
}

export type Replacement =
  /** Written; `appended` holds what someone else appended to the old file during the rename, added after the new text. */
  | {kind: 'written'; appended: Buffer}
  /** The file is no longer what was read: nothing was written. */
  | {kind: 'changed'}
  /** Someone else rewrote the old file during the rename: their text was put back (`restored`), or, when that could not be done safely, kept in `keptAt`. */
  | {kind: 'rewritten'; restored: boolean; keptAt: string | undefined}

/**
 * Replaces an opened file with `next`, keeping its mode (and owner, when run
 * as root). Closes the file's descriptor. Throws (with the temporary file
 * removed and the file as it was) when the new text cannot be written.
 */
export function replaceFile(path: string, opened: OpenedFile, next: Buffer): Replacement {
  try {
    const temporary = writeTemporary(path, next, opened.stats.mode & 0o7777, opened.stats)
    if (!unchanged(path, opened)) {
      rmSync(temporary, {force: true})
      return {kind: 'changed'}
    }
    try {
      renameSync(temporary, path)
    } catch (error) {
      rmSync(temporary, {force: true})
      throw error
    }
    return afterRename(path, opened, next)
  } finally {
    closeSync(opened.fd)
  }
}

/**
 * Creates a file that is not there. The temporary file is hard-linked into
 * place, which fails when a file appeared meanwhile; where links cannot be
 * made, a last look and a rename. Returns false when something stands there.
 */
export function createFile(path: string, text: Buffer, mode: number): boolean {
  const temporary = writeTemporary(path, text, mode, undefined)
  try {
    try {
      linkSync(temporary, path)
      return true
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EEXIST') return false
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw error
    }
    if (exists(path)) return false
    renameSync(temporary, path)
    return true
  } finally {
    rmSync(temporary, {force: true})
  }
}

let temporaryCount = 0

/** Writes and syncs a temporary file beside `path`: created exclusively, with the mode (and for root the owner) given. */
function writeTemporary(path: string, text: Buffer, mode: number, owner: Stats | undefined): string {
  const temporary = `${path}.sop-lint-${process.pid}-${temporaryCount++}.tmp`
  const fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode)
  try {
    // open applies the umask: a replacement keeps the old file's mode exactly.
    if (owner) fchmodSync(fd, mode)
    if (owner && process.getuid?.() === 0) fchownSync(fd, owner.uid, owner.gid)
    for (let offset = 0; offset < text.length;) offset += writeSync(fd, text, offset, text.length - offset)
    fsyncSync(fd)
    closeSync(fd)
  } catch (error) {
    closeSync(fd)
    rmSync(temporary, {force: true})
    throw error
  }
  return temporary
}

/** Whether the path still names the file that was read, holding the bytes that were read. */
function unchanged(path: string, opened: OpenedFile): boolean {
  let named: Stats
  try {
    named = lstatSync(path)
  } catch {
    return false
  }
  const now = fstatSync(opened.fd)
  if (named.ino !== now.ino || named.dev !== now.dev) return false
  return now.size === opened.bytes.length && readFrom(opened.fd, 0).equals(opened.bytes)
}

/**
 * The old file, still open, after the rename: a writer that opened it before
 * the rename wrote there. An append is carried over to the new file (until
 * no more arrives); any other change is put back in place of the new text.
 */
function afterRename(path: string, opened: OpenedFile, next: Buffer): Replacement {
  const late = readFrom(opened.fd, 0)
  if (late.equals(opened.bytes)) return {kind: 'written', appended: Buffer.alloc(0)}
  if (late.length > opened.bytes.length && late.subarray(0, opened.bytes.length).equals(opened.bytes)) {
    const carried: Buffer[] = []
    for (
      let copied = opened.bytes.length, more = late.subarray(copied);
      more.length > 0;
      more = readFrom(opened.fd, copied)
    ) {
      appendTo(path, more)
      carried.push(more)
      copied += more.length
    }
    return {kind: 'written', appended: Buffer.concat(carried)}
  }
  // Their text goes back where it was, if the new text is still all the path holds; else it is kept beside it.
  const current = openForReplacement(path)
  if (current.kind === 'opened') {
    if (!current.file.bytes.equals(next)) closeSync(current.file.fd)
    else if (replaceFile(path, current.file, late).kind === 'written')
      return {kind: 'rewritten', restored: true, keptAt: undefined}
  }
  const keptAt = `${path}.sop-lint-kept-${process.pid}-${temporaryCount++}`
  try {
    return {
      kind: 'rewritten',
      restored: false,
      keptAt: createFile(keptAt, late, opened.stats.mode & 0o7777) ? keptAt : undefined
    }
  } catch {
    return {kind: 'rewritten', restored: false, keptAt: undefined}
  }
}

function appendTo(path: string, bytes: Buffer): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | (constants.O_NOFOLLOW ?? 0))
  try {
    for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset, bytes.length - offset)
  } finally {
    closeSync(fd)
  }
}

/** Every byte of an open file from `position` to its end, whatever its descriptor's offset. */
function readFrom(fd: number, position: number): Buffer {
  const chunks: Buffer[] = []
  const chunk = Buffer.allocUnsafe(64 * 1024)
  for (let at = position; ;) {
    const read = readSync(fd, chunk, 0, chunk.length, at)
    if (read === 0) break
    chunks.push(Buffer.from(chunk.subarray(0, read)))
    at += read
  }
  return Buffer.concat(chunks)
}

function exists(path: string): boolean {
  try {
    lstatSync(path)
    return true
  } catch {
    return false
  }
}
