/**
 * What `sop-lint hook stop` last blocked a session for: a digest of the
 * errors it listed, kept per session in the repository's cache folder
 * (`agent/` beside `results/`). With it the hook blocks a session that is
 * already continuing because of a block (`stop_hook_active`) only when the
 * errors changed since, so an agent that cannot fix them is never held in a
 * loop. A state that cannot be read is no state; one that cannot be written
 * is said, so the hook does not block blind.
 */
import {createHash} from 'node:crypto'
import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {defaultCacheFolder} from '../../config/defaults.js'
import {cacheFolderFor} from '../../workspace/cache-folder.js'

/** States of sessions older than this are removed: a session that long is over. */
const maxAgeMs = 3 * 24 * 60 * 60 * 1000

export class StopState {
  readonly file: string

  /** `session`: the agent's session id (or what stands for it); `root`: the repository. */
  constructor(root: string, session: string) {
    const digest = createHash('sha1')
      .update(JSON.stringify([path.resolve(root), session]))
      .digest('hex')
    this.file = path.join(cacheFolderFor(root, defaultCacheFolder), 'agent', `stop-${digest}.json`)
  }

  /** The digest of the errors of the last block, or `undefined`. */
  lastBlock(): string | undefined {
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as {errors?: unknown}
      return typeof data.errors === 'string' ? data.errors : undefined
    } catch {
      return undefined
    }
  }

  /**
   * Keeps the digest of the errors a block lists; `false` when it cannot be
   * written. Written beside and renamed into place, so a reader never sees
   * half of it; not synced to disk, nor through write-file-atomic (a module
   * to load at a turn that blocks): a state lost in a crash only lets the
   * agent be asked once more.
   */
  recordBlock(errors: string): boolean {
    const temporary = `${this.file}.${process.pid}.tmp`
    try {
      mkdirSync(path.dirname(this.file), {recursive: true})
      writeFileSync(temporary, JSON.stringify({errors}))
      renameSync(temporary, this.file)
    } catch {
      try {
        rmSync(temporary, {force: true})
      } catch {}
      return false
    }
    this.removeOld()
    return true
  }

  private removeOld(): void {
    const folder = path.dirname(this.file)
    const now = Date.now()
    let names: string[] = []
    try {
      names = readdirSync(folder)
    } catch {}
    for (const name of names) {
      const file = path.join(folder, name)
      try {
        if (now - statSync(file).mtimeMs > maxAgeMs) rmSync(file, {force: true})
      } catch {}
    }
  }
}
