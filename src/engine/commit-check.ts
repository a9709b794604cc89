import {cachedCheck} from '../cache/cached-check.js'
import type {CheckFacts, StoredFile} from '../cache/outcome.js'
import type {CommitInfo} from '../git/commit.js'
import {GitRepository} from '../git/repository.js'
import {applySuppressions, readSuppressions, type Applied} from '../suppressions/suppressions.js'
import {judgeCommit} from './commit-freshness.js'

export interface CommitCheckOptions {
  /** Today, on the user's clock. */
  date: string
  cwd: string
  /** Take and keep results in the cache (`--no-cache` turns it off). */
  cache: boolean
}

/**
 * Checks a commit's tree as `sop-lint` checks the working tree, then judges
 * the commit's date (`plan-fresh`). The files' check comes from the cache
 * when the same files were checked before — in the working tree too, so a
 * push right after `sop-lint` costs little more than reading git's trees —;
 * the engine is loaded only when they were not.
 */
export async function checkCommit(
  repository: GitRepository,
  commit: CommitInfo,
  options: CommitCheckOptions
): Promise<{files: StoredFile[]; facts: CheckFacts; suppressed: Applied}> {
  const tree = repository.treeSource(commit)
  const outcome = await cachedCheck({
    source: tree,
    key: {root: repository.root, date: options.date, allPlans: false},
    cache: options.cache,
    run: async (source) => {
      const {checkSource} = await import('./check-source.js')
      return checkSource(source, {allPlans: false, date: options.date, cwd: options.cwd, committed: true})
    }
  })
  const files = judgeCommit(outcome, commit, options.date)
  // The baseline of the tree checked: what the commit itself says was there before sop-lint.
  const suppressions = readSuppressions(tree)
  const suppressed = suppressions ? applySuppressions(files, suppressions, tree) : {suppressed: 0, unused: 0}
  return {files, facts: outcome.facts, suppressed}
}

/** `sop-lint --commit REV`: the check of one commit's tree, the repository opened and closed around it. */
export async function checkRevision(
  root: string,
  revision: string,
  options: CommitCheckOptions
): Promise<{files: StoredFile[]; facts: CheckFacts; suppressed: Applied}> {
  const repository = new GitRepository(root)
  try {
    return await checkCommit(repository, repository.commit(revision), options)
  } finally {
    repository.close()
  }
}
