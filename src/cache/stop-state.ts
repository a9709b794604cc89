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
import {mkdirSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs'
import path from 'node:path'
import {cacheFolderFor, defaultCacheFolder} from './cache-folder.js'

/** States of sessions older than this are removed: a session that long is over. */
const maxAgeMs = 3 * 24 * 60 * 60 * 1000

export class StopState {
  readonly file: string

  /** `session`: the agent's session id (or what stands for it); `root`: the repository. */
  constructor(root: string, session: string) {
    const digest = createHash('sha1').update(JSON.stringify([path.resolve(root), session])).digest('hex')
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

  /** Keeps the digest of the errors a block lists; `false` when it cannot be written. */
  async recordBlock(errors: string): Promise<boolean> {
    // Loaded only to block, which few turns do.
    const {default: writeFileAtomic} = await import('write-file-atomic')
    try {
      mkdirSync(path.dirname(this.file), {recursive: true})
      // A note for the next turn, not a document: no fsync (a write lost in a crash only lets the agent be asked again).
      writeFileAtomic.sync(this.file, JSON.stringify({errors}), {fsync: false})
    } catch {
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
