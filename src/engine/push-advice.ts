/**
 * What a blocked push says after the messages: the one thing that would let
 * it through. A plan written but not committed is the commonest case, and
 * running --fix again would not help there; nor would it for problems that
 * need a person's hand.
 */
import type {StoredFile} from '../cache/outcome.js'
import type {SopLintConfig} from '../config/schema.js'
import type {CommitInfo} from '../git/commit.js'
import type {GitTreeSource} from '../workspace/git-tree-source.js'
import {WorkingTreeSource} from '../workspace/source.js'
import {Workspace} from '../workspace/workspace.js'
import {suppressionsFile} from '../suppressions/suppressions.js'

export interface PushAdvice {
  /** Lines that say what the working tree has that the commit lacks. */
  notes: string[]
  /** The command that fixes it, as the last line. */
  fix: string
}

/**
 * The advice for one blocked commit: plans in the working tree that the
 * commit does not hold, and the fix — commit them; or `--fix` when it adds
 * something; or fill the placeholders; or correct by hand (with the baseline
 * for problems from before sop-lint when the tree has none).
 */
export function pushAdvice(files: readonly StoredFile[], commit: CommitInfo, tree: GitTreeSource, root: string, config: SopLintConfig): PushAdvice {
  const short = commit.oid.slice(0, 10)
  const errors = files.flatMap((file) => file.messages.filter((message) => message.fatal).map((message) => ({file: file.path, message})))
  const planMissing = errors.some(({message}) => message.ruleId === 'plan-fresh' || (message.ruleId === 'plan-filename' && message.reason.startsWith('No plan in')))
  const uncommitted = planMissing ? uncommittedPlans(root, config, tree, commit) : []
  if (uncommitted.length > 0) {
    const notes = uncommitted.map((plan) => `${plan} exists in your working tree but not in commit ${short}: commit it`)
    return {notes, fix: `To fix: \`git add ${uncommitted.join(' ')} && git commit\`, then push again.`}
  }
  if (planMissing || errors.some(({message}) => message.expected?.length === 1)) {
    return {notes: [], fix: 'To fix: run `npx sop-lint --fix`, fill in the TODOs it leaves, commit, and push again.'}
  }
  if (errors.every(({message}) => message.ruleId === 'no-todo' || message.ruleId === 'status-capture' || /\bTODO\b/.test(message.reason))) {
    return {notes: [], fix: 'To fix: fill in the TODOs listed above (`npx sop-lint` lists them in the working tree), commit, and push again.'}
  }
  if (!tree.isFile(suppressionsFile)) {
    return {
      notes: [],
      fix: `To fix: correct what is listed above; problems from before sop-lint can be recorded as the baseline instead: \`npx sop-lint --suppress-all\`, commit ${suppressionsFile}, and push again.`
    }
  }
  return {notes: [], fix: 'To fix: correct what is listed above (`npx sop-lint` checks the working tree), commit, and push again.'}
}

/** Plans of the working tree that the commit's tree does not hold and that are at least as new as its newest plan. */
function uncommittedPlans(root: string, config: SopLintConfig, tree: GitTreeSource, commit: CommitInfo): string[] {
  const working = new Workspace(new WorkingTreeSource(root), config)
  const committed = new Workspace(tree, config).newestPlan()
  return working
    .plans()
    .filter((plan) => !tree.isFile(plan.path))
    .filter((plan) => committed === undefined || (plan.date ?? '') >= (committed.date ?? ''))
    .filter((plan) => plan.date === undefined || plan.date <= commit.date)
    .map((plan) => plan.path)
    .slice(-1)
}
