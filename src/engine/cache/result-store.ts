/**
 * Check results kept on disk, under `<cache folder>/results/`: one JSON file
 * per key (the build, the repository, the day, the options), holding the few
 * latest results, each with the queries it depends on. A result is taken
 * only when its queries still hold (src/engine/cache/queries.ts), so a stale or
 * foreign entry is never wrong, only useless. Nothing here fails a check: an
 * unreadable or unwritable cache is a cache miss.
 */
import {createHash} from 'node:crypto'
import {mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync} from 'node:fs'
import path from 'node:path'
import {defaultCacheFolder} from '../../config/defaults.js'
import {cacheFolderFor} from '../../workspace/cache-folder.js'
import type {CheckOutcome} from './outcome.js'
import type {Query} from './queries.js'

const formatVersion = 1
/** Results kept per key: the working tree, the commit pushed, and a couple of states between. */
const maxEntries = 4
/** Files of other days' keys are removed after this long (a key includes the day). */
const maxAgeMs = 3 * 24 * 60 * 60 * 1000

/** A result with the questions it depends on: a check's outcome, or what a command made from the same files (a briefing). */
export interface StoredResult<T = CheckOutcome> {
  queries: Query[]
  outcome: T
  /** The options a remark config that is code evaluated to (src/engine/load-config.ts, codeConfigOptions). */
  codeConfig?: string
}

export interface ResultKey {
  build: string
  root: string
  /** The day of the check: a plan scaffolded for a missing one and `hook.workDate: today` depend on it. */
  date: string
  allPlans: boolean
}

export class ResultStore<T = CheckOutcome> {
  readonly file: string

  constructor(key: ResultKey, folder = path.join(cacheFolderFor(key.root, defaultCacheFolder), 'results')) {
    // The real path: `--root .` in a linked folder and git's top level name one repository.
    const root = realPath(key.root)
    const digest = createHash('sha1')
      .update(
        JSON.stringify([formatVersion, key.build, process.versions.node.split('.')[0], root, key.date, key.allPlans])
      )
      .digest('hex')
    this.file = path.join(folder, `${digest}.json`)
  }

  /** The results kept under this key, newest first; none when the file is missing or unreadable. */
  results(): Array<StoredResult<T>> {
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as {version?: unknown; results?: unknown}
      return data.version === formatVersion && Array.isArray(data.results)
        ? (data.results as Array<StoredResult<T>>)
        : []
    } catch {
      return []
    }
  }

  /**
   * Keeps a result first, dropping the oldest beyond the limit and any with
   * the same queries; says why when the cache cannot be written.
   */
  async add(result: StoredResult<T>): Promise<{written: true} | {written: false; why: string}> {
    const same = JSON.stringify(result.queries)
    const kept = this.results().filter((other) => JSON.stringify(other.queries) !== same)
    const {default: writeFileAtomic} = await import('write-file-atomic')
    try {
      mkdirSync(path.dirname(this.file), {recursive: true})
      writeFileAtomic.sync(
        this.file,
        JSON.stringify({version: formatVersion, results: [result, ...kept].slice(0, maxEntries)})
      )
    } catch (error) {
      // A cache that cannot be written: the next check runs again.
      return {written: false, why: (error as NodeJS.ErrnoException).code ?? String(error)}
    }
    this.removeOld()
    return {written: true}
  }

  private removeOld(): void {
    const folder = path.dirname(this.file)
    const now = Date.now()
    let names: string[]
    try {
      names = readdirSync(folder)
    } catch {
      return
    }
    for (const name of names) {
      const file = path.join(folder, name)
      try {
        if (now - statSync(file).mtimeMs > maxAgeMs) rmSync(file, {force: true})
      } catch {}
    }
  }
}

function realPath(folder: string): string {
  try {
    return realpathSync(folder)
  } catch {
    return folder
  }
}
