/**
 * The plan's budget follows procedure step 2: a target of 70–80 % of the
 * context window, a 10–20K buffer, buckets that add up to the target with the
 * buffer, and task budgets that fit what is left after the buffer.
 */
import {formatTokens, type TokenAmount} from '../src/markdown/token-amount.js'
import {definePlanRule} from '../src/rule.js'
import {describeBand, tokenBand, withinBand} from '../src/tokens/band.js'

export default definePlanRule('budget', (plan, {config, report}) => {
  const [section] = plan.section('budget')
  if (!section) return
  const {target, buffer, buckets, unparsed} = plan.budget
  const band = tokenBand(config)
  const bandText = () => describeBand(config)

  for (const node of unparsed) {
    report('Budget line has no token figure sop-lint can read: write it as `58K`, `58,000` or `190–218K`', node.position)
  }
  if (!target) {
    report(`Budget names no target: add \`- Target: ${formatTokens(Math.round((band.min + band.max) / 2000) * 1000)}\` within ${bandText()}`, section.heading.position)
  } else if (!withinBand(target.amount, config)) {
    report(`Budget target ${target.amount.text} is outside ${bandText()}: plan within the band`, target.node.position)
  }

  const bufferRange = config.budget.buffer
  if (!buffer) {
    report(`Budget names no buffer: add \`- Buffer: ${formatTokens(bufferRange.min, bufferRange.max)}\` held back from the tasks`, section.heading.position)
  } else if (buffer.amount.min < bufferRange.min || buffer.amount.max > bufferRange.max) {
    report(`Budget buffer ${buffer.amount.text} is outside ${formatTokens(bufferRange.min, bufferRange.max)}: keep ${formatTokens(bufferRange.min, bufferRange.max)} in reserve`, buffer.node.position)
  }

  const tolerance = config.budget.tolerance
  if (buckets.length > 0 && target) {
    const sum = add(buckets.map((bucket) => bucket.amount), buffer?.amount)
    if (sum.max < target.amount.min - tolerance || sum.min > target.amount.max + tolerance) {
      report(
        `Budget buckets${buffer ? ' plus buffer' : ''} add up to ${formatTokens(sum.min, sum.max)}, not the target ${target.amount.text}: make the buckets add up to the target`,
        section.heading.position
      )
    }
  } else if (buckets.length === 0 && !(target && allocatedByTasks(plan.tasks, target.amount, buffer?.amount, tolerance))) {
    report(`Budget has no buckets: allocate the target to buckets (${config.budget.buckets.join(', ')}) under \`- Buckets:\``, section.heading.position, {warning: true})
  }

  const taskBudgets = plan.tasks.flatMap((task) => (task.budget ? [task.budget] : []))
  if (target && taskBudgets.length > 0) {
    const tasks = add(taskBudgets, undefined)
    const available = target.amount.max - (buffer?.amount.min ?? 0)
    if (tasks.min > available + tolerance) {
      report(
        `Task budgets add up to ${formatTokens(tasks.min, tasks.max)}, more than the ${formatTokens(available)} left after the buffer: cut tasks or move them to a later plan`,
        plan.section('tasks')[0]?.heading.position
      )
    }
  }
})

/** Budgets on every task that, with the buffer, add up to the target: the allocation buckets would give. */
function allocatedByTasks(tasks: readonly {budget: TokenAmount | undefined}[], target: TokenAmount, buffer: TokenAmount | undefined, tolerance: number): boolean {
  if (tasks.length === 0 || tasks.some((task) => !task.budget)) return false
  const sum = add(tasks.map((task) => task.budget!), buffer)
  return sum.max >= target.min - tolerance && sum.min <= target.max + tolerance
}

function add(amounts: TokenAmount[], extra: TokenAmount | undefined): {min: number; max: number} {
  const all = extra ? [...amounts, extra] : amounts
  return {min: all.reduce((sum, amount) => sum + amount.min, 0), max: all.reduce((sum, amount) => sum + amount.max, 0)}
}
