import {isCodeConfig, remarkConfigNames} from '../../config/config-names.js'
import type {FileSource} from '../../workspace/source.js'
import {SubfolderSource} from '../../workspace/subfolder-source.js'
import {buildId} from './build-id.js'
import type {CheckOutcome} from './outcome.js'
import {stillHolds} from './queries.js'
import {RecordingSource} from './recording-source.js'
import {ResultStore, type ResultKey} from './result-store.js'

/** A check as run on a source, with the name of the remark config it used (if any). */
export interface CheckRun<T = CheckOutcome> {
  outcome: T
  configName: string | undefined
  /** Why the result depends on more than the repository's files (folders outside it that the config maps), if it does. */
  readsOutside?: string | undefined
}

export interface CachedCheckRequest<T = CheckOutcome> {
  /** The files: the working tree, or a commit's tree. */
  source: FileSource
  key: Omit<ResultKey, 'build'>
  /** `false` (`--no-cache`): run the check, neither take nor keep a result. */
  cache: boolean
  /** Where results are kept; by default the repository's cache folder, for a build with an id (a bundled one). */
  store?: ResultStore<T>
  /** The files as the check sees them, when it sees part of `source` (a workspace of a monorepo): whose remark configs it runs. */
  view?(source: FileSource): Promise<FileSource>
  /** Runs the check on the files of `source`: only what it asks of that source may decide its result. */
  run(source: FileSource): Promise<CheckRun<T>>
}

/**
 * A check's result taken from the cache when every question it asked of its
 * files gets the same answer now; else the check is run, on a source that
 * notes its questions, and its result kept. A remark config that is code
 * (`.remarkrc.mjs`, `.ts`…) may read what no question shows: it is run first,
 * every time, and a result is taken only when it gave the same options.
 */
export async function cachedCheck<T = CheckOutcome>(request: CachedCheckRequest<T>): Promise<T> {
  const store = !request.cache
    ? undefined
    : (request.store ?? (buildId === undefined ? undefined : new ResultStore<T>({...request.key, build: buildId})))
  if (!store) return (await request.run(request.source)).outcome
  const codeConfig = await codeConfigOf(request.view ? await request.view(request.source) : request.source)
  for (const result of store.results()) {
    if (result.codeConfig === codeConfig && stillHolds(result.queries, request.source)) {
      debug(`sop-lint: results from the cache (${result.queries.length} questions hold; ${store.file})`)
      return result.outcome
    }
  }
  const recording = new RecordingSource(request.source)
  const {outcome, configName, readsOutside} = await request.run(recording)
  // The check found a config that is code where none was run above (it chose another): what it gave is not known.
  if (configName !== undefined && isCodeConfig(configName) && codeConfig === undefined) {
    debug(`sop-lint: results not cached: ${configName} is code`)
    return outcome
  }
  if (readsOutside !== undefined) {
    debug(`sop-lint: results not cached: ${readsOutside}`)
    return outcome
  }
  const kept = await store.add({queries: recording.queries, outcome, ...(codeConfig === undefined ? {} : {codeConfig})})
  debug(
    kept.written
      ? `sop-lint: results checked and cached (${recording.queries.length} questions; ${store.file})`
      : `sop-lint: results checked, not cached: ${store.file} cannot be written (${kept.why})`
  )
  return outcome
}

/**
 * What the remark configs that are code, which a check of `source` runs,
 * evaluate to (src/engine/workspace-config.ts); the config loader is
 * imported only when there is one.
 */
async function codeConfigOf(source: FileSource): Promise<string | undefined> {
  const sources = source instanceof SubfolderSource ? [source, source.repository] : [source]
  if (!sources.some(hasCodeConfig)) return undefined
  const {codeConfigOptions} = await import('../on-demand.js')
  return codeConfigOptions(source)
}

function hasCodeConfig(source: FileSource): boolean {
  return remarkConfigNames.some(
    (name) => isCodeConfig(name) && (source.isFile(name) || source.unusable(name) !== undefined)
  )
}

function debug(line: string): void {
  if (process.env.SOP_LINT_DEBUG_CACHE) process.stderr.write(`${line}\n`)
}
