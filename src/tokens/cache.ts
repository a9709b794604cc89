/**
 * Token counts cached by content: the key is the git blob oid of the counted
 * text, so an unchanged file is never counted twice, whether it is read from
 * the working tree, from a commit (the pre-push hook) or by the editor. The
 * cache is one JSON file under `node_modules/.cache/sop-lint/` (the folder
 * tools share for caches; see cacheFolderFor for a repository with no
 * node_modules), written atomically (synchronously: see tokenizer.ts); two processes that write it
 * at once lose at most each other's new entries, which are counted again.
 */
import {mkdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import {cacheFolderFor} from '../workspace/cache-folder.js'
import {gitBlobOid} from './blob-oid.js'
import {countTokens, encodingName, tokenizerLoadMs} from './tokenizer.js'

/** Entries kept, most recently used first: enough for years of plans, small enough to read in a millisecond. */
const maxEntries = 5000
const cacheVersion = 1

interface CacheFile {
  version: number
  encoding: string
  /** [oid, tokens], least recently used first. */
  entries: Array<[string, number]>
}

class Store {
  readonly file: string
  entries = new Map<string, number>()
  dirty = false

  constructor(file: string) {
    this.file = file
    for (const [oid, tokens] of readEntries(file)) this.entries.set(oid, tokens)
  }
}

const stores = new Map<string, Store>()

function readEntries(file: string): Array<[string, number]> {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>
    if (data.version !== cacheVersion || data.encoding !== encodingName || !Array.isArray(data.entries)) return []
    return data.entries.filter(
      (entry): entry is [string, number] =>
        Array.isArray(entry) &&
        typeof entry[0] === 'string' &&
        /^[\da-f]{40}$/.test(entry[0]) &&
        Number.isInteger(entry[1]) &&
        entry[1] >= 0
    )
  } catch {
    return []
  }
}

/** A count and where it came from. */
export interface Counted {
  tokens: number
  /** Git blob oid of the counted text. */
  oid: string
  /** Read from the cache rather than counted. */
  cached: boolean
}

/** What one use of the counter did: cache hits, texts counted, the tokenizer's load time. */
export interface CountStats {
  hits: number
  misses: number
  /** Milliseconds the tokenizer took to load in this process, if it was loaded. */
  tokenizerLoadMs: number | undefined
  /** The cache file, or `undefined` when counts are not cached. */
  cacheFile: string | undefined
}

/**
 * Counts texts with o200k_base through the cache of one repository. Make one
 * per check or command and call {@link TokenCounter.save} at the end.
 */
export class TokenCounter {
  private readonly store: Store | undefined
  readonly stats: CountStats

  /** `cacheFolder`: absolute folder of the cache; `undefined` counts without a cache. */
  constructor(cacheFolder: string | undefined) {
    const file = cacheFolder === undefined ? undefined : path.join(cacheFolder, 'token-counts.json')
    if (file !== undefined) {
      let store = stores.get(file)
      if (!store) {
        store = new Store(file)
        stores.set(file, store)
      }
      this.store = store
    }
    this.stats = {hits: 0, misses: 0, tokenizerLoadMs: undefined, cacheFile: file}
  }

  /** The counter of a repository, with its cache folder (see {@link cacheFolderFor}). */
  static forRepository(root: string, config: {tokens: {cacheFolder: string}}): TokenCounter {
    return new TokenCounter(cacheFolderFor(root, config.tokens.cacheFolder))
  }

  count(text: string): Counted {
    const oid = gitBlobOid(text)
    const known = this.store?.entries.get(oid)
    if (known !== undefined) {
      this.stats.hits++
      // Most recently used last, so trimming drops the oldest.
      this.store!.entries.delete(oid)
      this.store!.entries.set(oid, known)
      return {tokens: known, oid, cached: true}
    }
    const tokens = countTokens(text)
    this.stats.misses++
    this.stats.tokenizerLoadMs = tokenizerLoadMs()
    if (this.store) {
      this.store.entries.set(oid, tokens)
      this.store.dirty = true
    }
    return {tokens, oid, cached: false}
  }

  /**
   * Writes new counts to the cache file (merged with what other processes
   * wrote meanwhile). A cache that cannot be written is left alone: counts
   * are then made again next time, nothing fails.
   */
  save(): void {
    const store = this.store
    if (store?.dirty) {
      const merged = new Map<string, number>(readEntries(store.file))
      for (const [oid, tokens] of store.entries) {
        merged.delete(oid)
        merged.set(oid, tokens)
      }
      const entries = [...merged].slice(-maxEntries)
      store.entries = new Map(entries)
      const data: CacheFile = {version: cacheVersion, encoding: encodingName, entries}
      try {
        mkdirSync(path.dirname(store.file), {recursive: true})
        writeFileAtomic.sync(store.file, `${JSON.stringify(data)}\n`)
        store.dirty = false
      } catch {
        // A read-only checkout: counting again next time is the only cost.
      }
    }
    if (process.env.SOP_LINT_DEBUG_TOKENS) process.stderr.write(`${describeStats(this.stats)}\n`)
  }
}

/** One line for SOP_LINT_DEBUG_TOKENS and `budget`: how many counts came from the cache. */
export function describeStats(stats: CountStats): string {
  const loaded =
    stats.tokenizerLoadMs === undefined
      ? 'tokenizer not loaded'
      : `tokenizer loaded in ${Math.round(stats.tokenizerLoadMs)} ms`
  return `sop-lint tokens: ${stats.hits} from the cache, ${stats.misses} counted (${loaded})`
}
