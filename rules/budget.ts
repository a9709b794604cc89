/**
 * The plan's budget follows procedure step 2: a target of 70–80 % of the
 * context window, a 10–20K buffer, buckets that add up to the target with the
 * buffer, and task budgets that fit what is left after the buffer.
 */
import type {SopLintConfig} from '../src/config/schema.js'
import {formatTokens, type TokenAmount} from '../src/markdown/token-amount.js'
import {definePlanRule} from '../src/rule.js'

export default definePlanRule('budget', (plan, {config, report}) => {
  const [section] = plan.section('budget')
  if (!section) return
  const {target, buffer, buckets, unparsed} = plan.budget
  const band = bandOf(config)
  const bandText = `${formatTokens(band.min, band.max)} (${percent(config.budget.band.min)}–${percent(config.budget.band.max)} of ${formatTokens(config.budget.contextWindow)})`

  for (const node of unparsed) {
    report('Budget line has no token figure sop-lint can read: write it as `58K`, `58,000` or `190–218K`', node.position)
  }
  if (!target) {
    report(`Budget names no target: add \`- Target: ${formatTokens(Math.round((band.min + band.max) / 2000) * 1000)}\` within ${bandText}`, section.heading.position)
  } else if (target.amount.min < band.min || target.amount.max > band.max) {
    report(`Budget target ${target.amount.text} is outside ${bandText}: plan ${formatTokens(band.min, band.max)}`, target.node.position)
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

function bandOf(config: SopLintConfig): {min: number; max: number} {
  const {contextWindow, band} = config.budget
  // Plans write thousands ("190–218K" for 190,400–217,600), so the band is widened to whole thousands.
  return {min: Math.floor((contextWindow * band.min) / 1000) * 1000, max: Math.ceil((contextWindow * band.max) / 1000) * 1000}
}

function add(amounts: TokenAmount[], extra: TokenAmount | undefined): {min: number; max: number} {
  const all = extra ? [...amounts, extra] : amounts
  return {min: all.reduce((sum, amount) => sum + amount.min, 0), max: all.reduce((sum, amount) => sum + amount.max, 0)}
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`
}

