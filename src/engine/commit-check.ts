import path from 'node:path'
import type {VFile} from 'vfile'
import {loadConfig} from '../config/load.js'
import {CatFile} from '../git/cat-file.js'
import {resolveCommit, resolveCommits, type CommitInfo} from '../git/commit.js'
import {git} from '../git/run.js'
import {GitTreeSource} from '../workspace/git-tree-source.js'
import {Workspace} from '../workspace/workspace.js'
import {checkWorkspace} from './check-workspace.js'
import {defaultTargets} from './default-targets.js'

/**
 * The git repository a workspace lives in, with one long-lived
 * `git cat-file --batch` shared by every commit checked in a run.
 */
export class GitRepository {
  /** The workspace root on disk (absolute). */
  readonly root: string
  /** The workspace root's folder inside the repository: `''` at the top, else e.g. `packages/app`. */
  readonly prefix: string
  readonly objects: CatFile

  constructor(root: string, options: {prefix?: string; longLived?: boolean} = {}) {
    this.root = path.resolve(root)
    this.prefix = options.prefix ?? git(['rev-parse', '--show-prefix'], {cwd: this.root}).toString('utf8').trim().replace(/\/$/, '')
    this.objects = new CatFile(this.root, {longLived: options.longLived})
  }

  commit(revision: string): CommitInfo {
    return resolveCommit(this.objects, revision)
  }

  commits(revisions: readonly string[]): Array<CommitInfo | undefined> {
    return resolveCommits(this.objects, revisions)
  }

  /** The workspace as it is in a commit: its files and its remark config come from the commit's tree. */
  async workspace(commit: CommitInfo): Promise<Workspace> {
    const source = new GitTreeSource(this.root, commit, this.objects, {prefix: this.prefix})
    const {config} = await loadConfig(this.root, source)
    const workspace = new Workspace(source, config)
    prefetchTargets(workspace, source)
    return workspace
  }

  close(): void {
    this.objects.close()
  }
}

/**
 * Reads, in two round trips, what a check of a commit will read: the files
 * whose role the config names and the newest plan (the target logic reads
 * them to find the rest), then every target.
 */
function prefetchTargets(workspace: Workspace, source: GitTreeSource): void {
  const {paths} = workspace.config
  const newest = workspace.newestPlan()
  source.prefetch([
    ...(newest ? [newest.path] : []),
    paths.progress,
    paths.handoff,
    paths.taskSpecTable,
    paths.featureLog,
    paths.ledger,
    paths.glossary
  ])
  source.prefetch(defaultTargets(workspace, false))
}

/** Runs the check on a commit's tree, as `sop-lint` does on the working tree. */
export async function checkCommit(
  repository: GitRepository,
  commit: CommitInfo,
  options: {allPlans: boolean; date: string; cwd: string}
): Promise<VFile[]> {
  const workspace = await repository.workspace(commit)
  return checkWorkspace(workspace, {files: [], ...options})
}

/** `sop-lint --commit REV`: the check of one commit's tree, the repository opened and closed around it. */
export async function checkRevision(
  root: string,
  revision: string,
  options: {allPlans: boolean; date: string; cwd: string}
): Promise<VFile[]> {
  const repository = new GitRepository(root)
  try {
    return await checkCommit(repository, repository.commit(revision), options)
  } finally {
    repository.close()
  }
}
