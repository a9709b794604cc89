import type {CheckOutcome, StoredFile, StoredMessage} from '../cache/outcome.js'
import type {CommitInfo} from '../git/commit.js'
import {ruleDocUrl} from '../meta.js'
import {commitWork, freshnessProblem} from '../plan/freshness.js'

/**
 * A commit check: the files' check, with rule `plan-fresh` judging the
 * newest plan against the commit's date (and `today`, the user's, for a plan
 * dated ahead) instead of `hook.workDate` (the one
 * thing a commit checks that is not in its files, so the files' check can
 * come from the cache). The judgement is of the tree, not of a place in the
 * plan, so `<!-- sop-lint disable -->` comments do not silence it; the rule's
 * severity does.
 */
export function judgeCommit(outcome: CheckOutcome, commit: CommitInfo, today: string): StoredFile[] {
  const {newestPlan, freshness} = outcome.facts
  const files = outcome.files.map((file) => ({...file, messages: file.messages.filter((message) => message.ruleId !== 'plan-fresh')}))
  if (!newestPlan || freshness.severity === 'off') return files
  const reason = freshnessProblem(newestPlan, commitWork(commit), freshness, today)
  if (!reason) return files
  const message: StoredMessage = {
    reason,
    place: {line: 1, column: 1},
    ruleId: 'plan-fresh',
    source: 'sop-lint',
    fatal: freshness.severity === 'error',
    url: ruleDocUrl('plan-fresh')
  }
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
