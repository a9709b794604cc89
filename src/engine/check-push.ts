import {hasErrors, type StoredFile} from './cache/outcome.js'
import type {CommitInfo} from '../git/commit.js'
import {GitRepository} from '../git/repository.js'
import {checkCommit} from './commit-check.js'

/** One ref of a push, as git describes it to a pre-push hook. */
export interface PushedRef {
  localRef: string
  localOid: string
  remoteRef: string
  remoteOid: string
}

/** What a push's check found: per commit with errors, the refs that push it and its files' messages. */
export interface PushCheck {
  /** The repository's root on disk (stored files' paths are relative to it). */
  root: string
  /** Refs that point at no commit (not checked). */
  unknown: PushedRef[]
  /** Commits with errors, each with the refs that push it: the push is blocked when there is any. */
  blocked: Array<{commit: CommitInfo; refs: PushedRef[]; files: StoredFile[]}>
}

/** Checks the commit each ref pushes (each commit once, however many refs push it), on `date` (today on the user's clock). */
export async function checkPush(
  root: string,
  refs: readonly PushedRef[],
  options: {cwd: string; cache: boolean; date: string; prefix?: string | undefined}
): Promise<PushCheck> {
  const repository = new GitRepository(root, {prefix: options.prefix})
  try {
    const commits = repository.commits(refs.map((ref) => ref.localOid))
    const pushes = new Map<string, {commit: CommitInfo; refs: PushedRef[]}>()
    const unknown: PushedRef[] = []
    refs.forEach((ref, index) => {
      const commit = commits[index]
      if (!commit) {
        unknown.push(ref)
        return
      }
      const push = pushes.get(commit.oid) ?? {commit, refs: []}
      push.refs.push(ref)
      pushes.set(commit.oid, push)
    })
    const blocked: PushCheck['blocked'] = []
    for (const {commit, refs: pushedRefs} of pushes.values()) {
      const {files} = await checkCommit(repository, commit, {date: options.date, cwd: options.cwd, cache: options.cache})
      if (hasErrors(files)) blocked.push({commit, refs: pushedRefs, files})
    }
    return {root: repository.root, unknown, blocked}
  } finally {
    repository.close()
  }
}
