import {judgeCommit} from '../../rules/plan-fresh.js'
import {cachedCheck} from './cache/cached-check.js'
import type {CheckFacts, CheckOutcome, StoredFile, StoredMessage} from './cache/outcome.js'
import type {CommitInfo} from '../git/commit.js'
import {GitRepository} from '../git/repository.js'
import {GitTreeSource} from '../workspace/git-tree-source.js'
import {applySuppressions, readSuppressions, type Applied} from './suppressions/suppressions.js'

export interface CommitCheckOptions {
  /** Today, on the user's clock. */
  date: string
  cwd: string
  /** Take and keep results in the cache (`--no-cache` turns it off). */
  cache: boolean
}

/**
 * Checks a commit's tree as `sop-lint` checks the working tree, then judges
 * the commit's date (rule plan-fresh). The files' check comes from the cache
 * when the same files were checked before — in the working tree too, so a
 * push right after `sop-lint` costs little more than reading git's trees —;
 * the engine is loaded only when they were not.
 */
export async function checkCommit(
  repository: GitRepository,
  commit: CommitInfo,
  options: CommitCheckOptions
): Promise<{files: StoredFile[]; facts: CheckFacts; suppressed: Applied}> {
  const tree = GitTreeSource.at(repository, commit)
  const outcome = await cachedCheck({
    source: tree,
    key: {root: repository.root, date: options.date, allPlans: false},
    cache: options.cache,
    run: async (source) => {
      const {checkSource} = await import('./on-demand.js')
      return checkSource(source, {allPlans: false, date: options.date, cwd: options.cwd, committed: true})
    }
  })
  const files = withCommitJudgement(outcome, commit, options.date)
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

/**
 * The files' check with plan-fresh's judgement of the commit's date (and of
 * `today`, the user's, for a plan dated ahead) in place of its judgement of
 * the working tree (the one thing a commit checks that is not in its files,
 * so the files' check can come from the cache).
 */
export function withCommitJudgement(outcome: CheckOutcome, commit: CommitInfo, today: string): StoredFile[] {
  const {newestPlan, freshness} = outcome.facts
  const files = outcome.files.map((file) => ({
    ...file,
    messages: file.messages.filter((message) => message.ruleId !== 'plan-fresh')
  }))
  const message = newestPlan && judgeCommit(newestPlan, commit, freshness, today)
  if (!newestPlan || !message) return files
  let plan = files.find((file) => file.path === newestPlan.path)
  if (!plan) files.push((plan = {path: newestPlan.path, messages: []}))
  // Where the plan's messages at its first character end, as the rule's place among them.
  const after = plan.messages.findIndex((other) => startOf(other) > 1)
  plan.messages.splice(after === -1 ? plan.messages.length : after, 0, message)
  return files
}

/** A message's start as one comparable number (line, then column). */
function startOf(message: StoredMessage): number {
  const place = message.place
  const point = place && 'start' in place ? place.start : place
  return (point?.line ?? 1) * 1e7 + (point?.column ?? 1) - 1e7
}
