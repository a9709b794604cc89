import path from 'node:path'
import {hasErrors, type StoredFile} from '../cache/outcome.js'
import type {CommitInfo} from '../git/commit.js'
import {pushedChanges} from '../git/pushed-changes.js'
import type {GitRepository} from '../git/repository.js'
import {checkCommitWorkspaces, type WorkspaceResult} from './check-monorepo.js'
import {earlierCommitsProblems, type PushedRef, type Tip} from './check-push.js'
import type {Monorepo} from '../workspace/monorepo.js'
import {openMonorepo} from './monorepo-config.js'
import {today} from './today.js'

/** A commit pushed in a monorepo, the refs set to it, and the workspaces its push changes, each checked. */
export interface MonorepoTip {
  commit: CommitInfo
  refs: PushedRef[]
  /** The workspaces checked: those the ref's new commits change (all of them, when a change outside counts for every one). */
  workspaces: WorkspaceResult[]
}

export interface MonorepoPush {
  tips: MonorepoTip[]
  /** Refs that point at no commit (not checked). */
  unresolved: PushedRef[]
  /** Commits before the tips that add, to a checked workspace's ledger, a row with a formula cell (paths from the repository root). */
  earlier: Array<{tip: Tip; commit: CommitInfo; files: StoredFile[]}>
}

/**
 * The workspaces a ref's new commits change (src/git/pushed-changes.ts):
 * every one when they change files outside the workspaces and
 * `hook.outsideWorkspaces` is `every-workspace`.
 */
export function workspacesChanged(repository: GitRepository, monorepo: Monorepo, ref: {localOid: string; remoteOid: string}): string[] {
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
 */
export async function checkMonorepoPush(repository: GitRepository, refs: readonly PushedRef[], options: {cwd: string; cache: boolean}): Promise<MonorepoPush | undefined> {
  const commits = repository.commits(refs.map((ref) => ref.localOid))
  const tips = new Map<string, {commit: CommitInfo; refs: PushedRef[]}>()
  const unresolved: PushedRef[] = []
  refs.forEach((ref, index) => {
    const commit = commits[index]
    if (!commit) return void unresolved.push(ref)
    const tip = tips.get(commit.oid) ?? {commit, refs: []}
    tip.refs.push(ref)
    tips.set(commit.oid, tip)
  })
  const trees = [...tips.values()].map((tip) => repository.treeSource(tip.commit))
  const monorepos = await Promise.all(trees.map((tree) => openMonorepo(tree)))
  if (monorepos.every((monorepo) => monorepo === undefined)) return undefined
  const date = today()
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
    checked.push({commit, refs: tipRefs, workspaces: await checkCommitWorkspaces(tree, commit, folders, {date, cwd: options.cwd, cache: options.cache})})
  }
  // Rows a commit before a tip adds to a checked workspace's ledger stay in the history: none may be a formula (as in a repository of one workspace).
  const judged = checked.flatMap(({commit, refs: tipRefs, workspaces}) =>
    workspaces.map((workspace): Tip => ({
      commit,
      refs: tipRefs,
      facts: {...workspace.facts, ledger: path.posix.join(workspace.folder, workspace.facts.ledger)},
      clean: !hasErrors(workspace.files),
      folder: workspace.folder || undefined
    }))
  )
  return {tips: checked, unresolved, earlier: await earlierCommitsProblems(repository, judged, refs)}
}
