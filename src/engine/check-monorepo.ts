import path from 'node:path'
import {isCodeConfig} from '../config/config-names.js'
import {defaultCacheFolder} from '../config/defaults.js'
import type {CommitInfo} from '../git/commit.js'
import {cacheFolderFor} from '../workspace/cache-folder.js'
import {globParents} from '../workspace/monorepo.js'
import type {FileSource} from '../workspace/source.js'
import {SubfolderSource} from '../workspace/subfolder-source.js'
import {buildId} from './cache/build-id.js'
import {cachedCheck} from './cache/cached-check.js'
import type {CheckFacts, CheckOutcome, StoredFile} from './cache/outcome.js'
import {ResultStore} from './cache/result-store.js'
import {withCommitJudgement} from './commit-check.js'
import {readMonorepoConfig} from './monorepo-config.js'
import {applySuppressions, readSuppressions, type Applied} from './suppressions/suppressions.js'

export interface WorkspaceCheckOptions {
  date: string
  allPlans: boolean
  cwd: string
  /** Take and keep results in the cache (`--no-cache` turns it off). */
  cache: boolean
  /** The files are a commit's: its config chooses no place on this machine to write to. */
  committed?: boolean
}

/** One workspace's check: its folder from the repository root, its root on disk, its files (paths relative to that root) and facts. */
export interface WorkspaceResult {
  folder: string
  root: string
  files: StoredFile[]
  facts: CheckFacts
}

/** A workspace's check in a commit, with what the baseline of its tree took out. */
export interface CommitWorkspaceResult extends WorkspaceResult {
  suppressed: Applied
}

/**
 * Checks one workspace of a monorepo, read through `repository` (the working
 * tree or a commit's tree, of the whole repository), as `sop-lint` checks a
 * repository of one workspace. Its result is cached on its own, keyed by its
 * folder and depending on the questions its check asked of the repository —
 * its files, the files of other workspaces it names, the root config — so a
 * change in another workspace leaves it cached.
 */
export async function checkWorkspaceOf(
  repository: FileSource,
  folder: string,
  options: WorkspaceCheckOptions
): Promise<CheckOutcome> {
  const key = {root: path.join(repository.root, folder), date: options.date, allPlans: options.allPlans}
  return cachedCheck({
    source: repository,
    key,
    cache: options.cache,
    // Kept with the repository's caches, not in a node_modules of the workspace's own that rarely exists.
    store:
      options.cache && buildId !== undefined
        ? new ResultStore(
            {...key, build: buildId},
            path.join(cacheFolderFor(repository.root, defaultCacheFolder), 'results')
          )
        : undefined,
    view: async (source) => (await workspaceView(source, folder)).source,
    run: async (recorded) => {
      const {checkSource} = await import('./on-demand.js')
      const {source, rootConfig} = await workspaceView(recorded, folder)
      const run = await checkSource(source, {
        allPlans: options.allPlans,
        date: options.date,
        cwd: options.cwd,
        committed: options.committed
      })
      return {...run, configName: configDecidingCache(run.configName, rootConfig)}
    }
  })
}

/**
 * A workspace's files seen through a source of the whole repository, with
 * the name of the root's config: that config is read through that source, so
 * a result that depends on the source depends on where the workspaces lie
 * (what decides how paths resolve) too.
 */
export async function workspaceView(
  repository: FileSource,
  folder: string
): Promise<{source: SubfolderSource; rootConfig: string | undefined}> {
  const monorepo = await readMonorepoConfig(repository)
  return {
    source: new SubfolderSource(repository, {folder, parents: globParents(monorepo?.globs ?? [])}),
    rootConfig: monorepo?.configName
  }
}

/** The config name a cached result is kept by: a root config that is code may read what no question shows, so then nothing is kept, as for a workspace's own. */
export function configDecidingCache(
  workspaceConfig: string | undefined,
  rootConfig: string | undefined
): string | undefined {
  return rootConfig !== undefined && isCodeConfig(rootConfig) ? rootConfig : workspaceConfig
}

/** Checks workspaces one after the other (one tree in memory at a time). */
export async function checkWorkspaces(
  repository: FileSource,
  folders: readonly string[],
  options: WorkspaceCheckOptions
): Promise<WorkspaceResult[]> {
  const results: WorkspaceResult[] = []
  for (const folder of folders) {
    const {files, facts} = await checkWorkspaceOf(repository, folder, options)
    results.push({folder, root: path.join(repository.root, folder), files, facts})
  }
  return results
}

/**
 * Checks workspaces of a commit's tree, each judged against the commit's
 * date (`plan-fresh`) and with its baseline, as the hook judges a repository
 * of one workspace.
 */
export async function checkCommitWorkspaces(
  tree: FileSource,
  commit: CommitInfo,
  folders: readonly string[],
  options: Omit<WorkspaceCheckOptions, 'allPlans' | 'committed'>
): Promise<CommitWorkspaceResult[]> {
  const results: CommitWorkspaceResult[] = []
  for (const folder of folders) {
    const outcome = await checkWorkspaceOf(tree, folder, {...options, allPlans: false, committed: true})
    const files = withCommitJudgement(outcome, commit, options.date)
    // The baseline of the workspace in the tree checked: what the commit itself says was there before sop-lint.
    const workspace = new SubfolderSource(tree, {folder, parents: []})
    const suppressions = readSuppressions(workspace)
    const suppressed = suppressions ? applySuppressions(files, suppressions, workspace) : {suppressed: 0, unused: 0}
    results.push({folder, root: path.join(tree.root, folder), files, facts: outcome.facts, suppressed})
  }
  return results
}
