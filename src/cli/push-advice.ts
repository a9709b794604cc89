/**
 * What a blocked push says after the messages: the one thing that would let
 * it through. A plan written but not committed is the commonest case, and
 * running --fix again would not help there; nor would it for problems that
 * need a person's hand.
 */
import type {PushCheck} from '../engine/check-push.js'
import {suppressionsFile} from '../engine/suppressions/suppressions.js'

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
export function pushAdvice(tip: PushCheck['tips'][number]): PushAdvice {
  const short = tip.commit.oid.slice(0, 10)
  const errors = tip.files.flatMap((file) => file.messages.filter((message) => message.fatal))
  const planMissing = errors.some(
    (message) =>
      message.ruleId === 'plan-fresh' || (message.ruleId === 'plan-filename' && message.messageId === 'noPlan')
  )
  if (tip.uncommittedPlans.length > 0) {
    const notes = tip.uncommittedPlans.map(
      (plan) => `${plan} exists in your working tree but not in commit ${short}: commit it`
    )
    return {notes, fix: `To fix: \`git add ${tip.uncommittedPlans.join(' ')} && git commit\`, then push again.`}
  }
  if (planMissing || errors.some((message) => message.fix !== undefined)) {
    return {notes: [], fix: 'To fix: run `npx sop-lint --fix`, fill in the TODOs it leaves, commit, and push again.'}
  }
  if (
    errors.every(
      (message) =>
        message.ruleId === 'no-todo' || message.ruleId === 'status-capture' || /\bTODO\b/.test(message.reason)
    )
  ) {
    return {
      notes: [],
      fix: 'To fix: fill in the TODOs listed above (`npx sop-lint` lists them in the working tree), commit, and push again.'
    }
  }
  if (!tip.hasBaseline) {
    return {
      notes: [],
      fix: `To fix: correct what is listed above; problems from before sop-lint can be recorded as the baseline instead: \`npx sop-lint --suppress-all\`, commit ${suppressionsFile}, and push again.`
    }
  }
  return {
    notes: [],
    fix: 'To fix: correct what is listed above (`npx sop-lint` checks the working tree), commit, and push again.'
  }
}
