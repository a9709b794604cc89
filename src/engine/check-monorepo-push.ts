import path from 'node:path'
import type {SopLintConfig} from '../config/schema.js'
import type {CommitInfo} from '../git/commit.js'
import {pushedChanges} from '../git/pushed-changes.js'
import type {GitRepository} from '../git/repository.js'
import {GitTreeSource} from '../workspace/git-tree-source.js'
import type {Monorepo} from '../workspace/monorepo.js'
import {WorkingTreeSource} from '../workspace/source.js'
import {SubfolderSource} from '../workspace/subfolder-source.js'
import {hasErrors} from './cache/outcome.js'
import {checkCommitWorkspaces, type CommitWorkspaceResult} from './check-monorepo.js'
import {
  blockedTip,
  earlierCommitsProblems,
  type BlockedTip,
  type PushCheck,
  type PushedRef,
  type Tip
} from './check-push.js'
import {openMonorepo} from './monorepo-config.js'

/** A workspace a push changes, checked in the pushed commit. */
export interface PushedWorkspace extends CommitWorkspaceResult {
  /** Its errors, blocking: the commit was made after the workspace adopted sop-lint. */
  blocking: boolean
  /** The adoption date (`hook.adoptedOn` of its working tree's config) of a workspace with errors in a commit made before it: not blocked. */
  adoptedOn?: string
  /** For errors that block: what says how to get them through (the baseline, plans not committed). */
  blocked?: BlockedTip
}

/** A commit pushed in a monorepo, the refs set to it, and the workspaces its push changes, each checked. */
export interface MonorepoTip {
  commit: CommitInfo
  refs: PushedRef[]
  /** The workspaces checked: those the ref's new commits change (all of them, when a change outside counts for every one). */
  workspaces: PushedWorkspace[]
}

export interface MonorepoPush {
  tips: MonorepoTip[]
  /** Refs that point at no commit (not checked). */
  unknown: PushedRef[]
  /** Commits before the tips that add, to a checked workspace's ledger, a row with a formula cell (paths from the repository root). */
  earlier: PushCheck['earlier']
}

/**
 * The workspaces a ref's new commits change (src/git/pushed-changes.ts):
 * every one when they change files outside the workspaces and
 * `hook.outsideWorkspaces` is `every-workspace`.
 */
export function workspacesChanged(
  repository: GitRepository,
  monorepo: Monorepo,
  ref: {localOid: string; remoteOid: string}
): string[] {
  const changes = pushedChanges(repository.objects, repository.root, ref, monorepo.folders)
  if (changes.outside && monorepo.config.outsideWorkspaces === 'every-workspace') return [...monorepo.folders]
  return monorepo.folders.filter((folder) => changes.folders.has(folder))
}

/**
 * The pre-push check of a monorepo: for each ref, only the workspaces its new
 * commits change (src/git/pushed-changes.ts), each needing its own fresh,
 * valid plan in the pushed tree, judged against the commit's date. A
 * workspace the push does not change is not looked at; a push that changes
 * no workspace needs no plan, unless `hook.outsideWorkspaces` makes a change
 * outside them count for every workspace. `undefined` when no pushed tree's
 * root config declares workspaces: the push is a repository of one workspace.
 * Judged on `date` (today on the user's clock).
 */
export async function checkMonorepoPush(
  repository: GitRepository,
  refs: readonly PushedRef[],
  options: {cwd: string; cache: boolean; date: string}
): Promise<MonorepoPush | undefined> {
  const commits = repository.commits(refs.map((ref) => ref.localOid))
  const tips = new Map<string, {commit: CommitInfo; refs: PushedRef[]}>()
  const unknown: PushedRef[] = []
  refs.forEach((ref, index) => {
    const commit = commits[index]
    if (!commit) return void unknown.push(ref)
    const tip = tips.get(commit.oid) ?? {commit, refs: []}
    tip.refs.push(ref)
    tips.set(commit.oid, tip)
  })
  const trees = [...tips.values()].map((tip) => GitTreeSource.at(repository, tip.commit))
  const monorepos = await Promise.all(trees.map((tree) => openMonorepo(tree)))
  if (monorepos.every((monorepo) => monorepo === undefined)) return undefined
  const {date} = options
  const checked: MonorepoTip[] = []
  let index = 0
  for (const {commit, refs: tipRefs} of tips.values()) {
    const [tree, monorepo] = [trees[index]!, monorepos[index++]]
    // A tip whose tree declares no workspaces (a branch from before the monorepo) is checked whole, as one workspace.
    let folders = ['']
    if (monorepo) {
      const touched = new Set(tipRefs.flatMap((ref) => workspacesChanged(repository, monorepo, ref)))
      folders = monorepo.folders.filter((folder) => touched.has(folder))
    }
    const results = await checkCommitWorkspaces(tree, commit, folders, {date, cwd: options.cwd, cache: options.cache})
    const workspaces: PushedWorkspace[] = []
    for (const result of results) {
      if (!hasErrors(result.files)) {
        workspaces.push({...result, blocking: false})
        continue
      }
      // The working tree's config of the workspace: its adoption date, and its plans folder for the advice.
      const working = await workingConfig(repository.root, result.folder, monorepo)
      const {adoptedOn} = working.hook
      if (adoptedOn !== undefined && commit.date < adoptedOn) workspaces.push({...result, blocking: false, adoptedOn})
      else {
        const view = new SubfolderSource(tree, {folder: result.folder, parents: monorepo?.parents ?? []})
        const blocked = await blockedTip(
          {commit, refs: tipRefs, files: result.files, suppressed: result.suppressed.suppressed},
          view,
          result.root,
          working
        )
        workspaces.push({...result, blocking: true, blocked})
      }
    }
    checked.push({commit, refs: tipRefs, workspaces})
  }
  // Rows a commit before a tip adds to a checked workspace's ledger stay in the history: none may be a formula (as in a repository of one workspace).
  // A workspace judged by a commit made before its adoption is left out, as a repository of one workspace is.
  const judged = checked.flatMap(({commit, refs: tipRefs, workspaces}) =>
    workspaces
      .filter((workspace) => workspace.adoptedOn === undefined)
      .map((workspace): Tip => ({
        commit,
        refs: tipRefs,
        facts: {...workspace.facts, ledger: path.posix.join(workspace.folder, workspace.facts.ledger)},
        clean: !hasErrors(workspace.files),
        folder: workspace.folder || undefined
      }))
  )
  return {tips: checked, unknown, earlier: await earlierCommitsProblems(repository, judged, refs, date)}
}

/** A workspace's config in the working tree (a repository of one workspace: the root's); read only for a workspace with errors (its adoption date, its plans folder for the advice). */
async function workingConfig(root: string, folder: string, monorepo: Monorepo | undefined): Promise<SopLintConfig> {
  const {loadWorkspaceConfig} = await import('./on-demand.js')
  const working = new WorkingTreeSource(root)
  return (
    await loadWorkspaceConfig(
      folder === '' ? working : new SubfolderSource(working, {folder, parents: monorepo?.parents ?? []})
    )
  ).config
}
