/**
 * The plan's budget follows procedure step 2: a target of 70–80 % of the
 * context window, a 10–20K buffer, buckets that add up to the target with the
 * buffer, and task budgets that fit what is left after the buffer.
 */
import {formatTokens, type TokenAmount} from '../src/markdown/token-amount.js'
import {definePlanRule} from '../src/rule/define-plan-rule.js'
import {describeBand, tokenBand, withinBand} from '../src/tokens/band.js'

export default definePlanRule({
  id: 'budget',
  meta: {
    severity: 'error',
    description: 'target within 70–80 % of the window, 10–20K buffer, buckets adding up, tasks fitting',
    messages: {
      unreadableLine: 'Budget line has no token figure sop-lint can read: write it as `58K`, `58,000` or `190–218K`',
      noTarget: 'Budget names no target: add `- Target: {{target}}` within {{band}}',
      targetOutsideBand: 'Budget target {{target}} is outside {{band}}: plan within the band',
      noBuffer: 'Budget names no buffer: add `- Buffer: {{range}}` held back from the tasks',
      bufferOutsideRange: 'Budget buffer {{buffer}} is outside {{range}}: keep {{range}} in reserve',
      bucketsMissTarget:
        'Budget buckets add up to {{sum}}, not the target {{target}}: make the buckets add up to the target',
      bucketsAndBufferMissTarget:
        'Budget buckets plus buffer add up to {{sum}}, not the target {{target}}: make the buckets add up to the target',
      noBuckets: {
        text: 'Budget has no buckets: allocate the target to buckets ({{buckets}}) under `- Buckets:`',
        warning: true
      },
      tasksOverBudget:
        'Task budgets add up to {{sum}}, more than the {{available}} left after the buffer: cut tasks or move them to a later plan'
    }
  },
  check(plan, {config, report}) {
    const [section] = plan.section('budget')
    if (!section) return
    const {target, buffer, buckets, unparsed} = plan.budget
    const band = tokenBand(config)

    for (const node of unparsed) report('unreadableLine', node.position)
    if (!target) {
      report('noTarget', section.heading.position, {
        data: {target: formatTokens(Math.round((band.min + band.max) / 2000) * 1000), band: describeBand(config)}
      })
    } else if (!withinBand(target.amount, config)) {
      report('targetOutsideBand', target.node.position, {
        data: {target: target.amount.text, band: describeBand(config)}
      })
    }

    const bufferRange = formatTokens(config.budget.buffer.min, config.budget.buffer.max)
    if (!buffer) {
      report('noBuffer', section.heading.position, {data: {range: bufferRange}})
    } else if (buffer.amount.min < config.budget.buffer.min || buffer.amount.max > config.budget.buffer.max) {
      report('bufferOutsideRange', buffer.node.position, {data: {buffer: buffer.amount.text, range: bufferRange}})
    }

    const tolerance = config.budget.tolerance
    if (buckets.length > 0 && target) {
      const sum = add(
        buckets.map((bucket) => bucket.amount),
        buffer?.amount
      )
      if (sum.max < target.amount.min - tolerance || sum.min > target.amount.max + tolerance) {
        const data = {sum: formatTokens(sum.min, sum.max), target: target.amount.text}
        report(buffer ? 'bucketsAndBufferMissTarget' : 'bucketsMissTarget', section.heading.position, {data})
      }
    } else if (
      buckets.length === 0 &&
      !(target && allocatedByTasks(plan.tasks, target.amount, buffer?.amount, tolerance))
    ) {
      report('noBuckets', section.heading.position, {data: {buckets: config.budget.buckets.join(', ')}})
    }

    const taskBudgets = plan.tasks.flatMap((task) => (task.budget ? [task.budget] : []))
    if (target && taskBudgets.length > 0) {
      const tasks = add(taskBudgets, undefined)
      const available = target.amount.max - (buffer?.amount.min ?? 0)
      if (tasks.min > available + tolerance) {
        report('tasksOverBudget', plan.section('tasks')[0]?.heading.position, {
          data: {sum: formatTokens(tasks.min, tasks.max), available: formatTokens(available)}
        })
      }
    }
  }
})

/** Budgets on every task that, with the buffer, add up to the target: the allocation buckets would give. */
function allocatedByTasks(
  tasks: readonly {budget: TokenAmount | undefined}[],
  target: TokenAmount,
  buffer: TokenAmount | undefined,
  tolerance: number
): boolean {
  if (tasks.length === 0 || tasks.some((task) => !task.budget)) return false
  const sum = add(
    tasks.map((task) => task.budget!),
    buffer
  )
  return sum.max >= target.min - tolerance && sum.min <= target.max + tolerance
}

function add(amounts: TokenAmount[], extra: TokenAmount | undefined): {min: number; max: number} {
  const all = extra ? [...amounts, extra] : amounts
  return {min: all.reduce((sum, amount) => sum + amount.min, 0), max: all.reduce((sum, amount) => sum + amount.max, 0)}
}
