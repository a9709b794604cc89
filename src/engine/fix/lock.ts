import {
  closeSync,
  linkSync,
  lstatSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync
} from 'node:fs'
import {hostname} from 'node:os'
import path from 'node:path'
import {UsageError} from '../../config/errors.js'

/** A lock older than this whose process cannot be asked about (another machine, no pid) is taken as left behind. */
const staleAfterMs = 10 * 60 * 1000

export interface FixLock {
  /** Repository-relative path of the lock file. */
  readonly path: string
  release(): void
}

/**
 * Takes the repository's `--fix` lock, so two fixes never read and write
 * the same files at once: the second one stops with a message saying which
 * process holds it. The lock is a file created exclusively (`O_EXCL`) in
 * the git folder (`.git/sop-lint-fix.lock`, beside git's own locks) or, in a
 * folder that is no git repository, `.sop-lint-fix.lock` in the root; it
 * holds the pid and host of its owner. A lock whose process is gone (killed
 * with SIGKILL, say) is taken over.
 */
export function acquireFixLock(root: string): FixLock {
  const relative = lockPath(root)
  const file = path.join(root, relative)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      createWithOwner(file)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return {path: relative, release() {}}
      const holder = readHolder(file)
      if (holder.stale) {
        rmSync(file, {force: true})
        continue
      }
      throw new UsageError(
        `another sop-lint --fix${holder.pid === undefined ? '' : ` (pid ${holder.pid})`} is fixing this repository: wait for it to finish, then run --fix again (lock: ${relative})`
      )
    }
    let released = false
    return {
      path: relative,
      release() {
        if (released) return
        released = true
        rmSync(file, {force: true})
      }
    }
  }
  throw new UsageError(`cannot take the --fix lock ${relative}: remove it if no sop-lint --fix is running`)
}

/**
 * Creates the lock file with its owner already in it: written beside it, then hard-linked into place, which fails
 * with EEXIST when the lock exists (so no one reads a lock without its owner). Where links cannot be made, an
 * exclusive create and a write.
 */
function createWithOwner(file: string): void {
  const owner = JSON.stringify({pid: process.pid, host: hostname()})
  const draft = `${file}.${process.pid}`
  try {
    // Created afresh (O_EXCL): whatever stood at the draft's name, a link among them, is not written through.
    rmSync(draft, {force: true})
    writeFileSync(draft, owner, {mode: 0o644, flag: 'wx'})
    linkSync(draft, file)
    return
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') throw error
  } finally {
    rmSync(draft, {force: true})
  }
  const fd = openSync(file, 'wx', 0o644)
  try {
    writeSync(fd, owner)
  } catch {
    // A full disk: the lock still stands, without its owner's name (taken as left behind after a while).
  } finally {
    closeSync(fd)
  }
}

/** `.git/sop-lint-fix.lock` when the root has a `.git` folder, else `.sop-lint-fix.lock`. */
function lockPath(root: string): string {
  try {
    if (statSync(path.join(root, '.git')).isDirectory()) return '.git/sop-lint-fix.lock'
  } catch {}
  return '.sop-lint-fix.lock'
}

function readHolder(file: string): {pid: number | undefined; stale: boolean} {
  let text: string
  let age: number
  try {
    // No lock of ours is anything but a regular file: a link or a FIFO at its name is not followed (a FIFO would block).
    if (!lstatSync(file).isFile()) return {pid: undefined, stale: true}
    text = readFileSync(file, 'utf8')
    age = Date.now() - statSync(file).mtimeMs
  } catch {
    // Released between our attempt and this read: try again.
    return {pid: undefined, stale: true}
  }
  let holder: {pid?: unknown; host?: unknown} = {}
  try {
    holder = JSON.parse(text) as typeof holder
  } catch {}
  const pid = typeof holder.pid === 'number' ? holder.pid : undefined
  if (pid === undefined || holder.host !== hostname()) return {pid, stale: age > staleAfterMs}
  return {pid, stale: !alive(pid)}
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
