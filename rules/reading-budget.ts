/**
 * The required reading fits the session (procedure step 2, the budget, and
 * step 3, "cross-link any large docs that require progressive summaries"):
 * its tokens, counted with o200k_base, must not exceed what is left of the
 * target after the buffer (error), should stay under a share of the target
 * (warning, default 25 %), and a large file read whole, with no summary
 * linked, gets a warning naming its count.
 */
import {TokenCounter} from '../src/tokens/cache.js'
import {countReading, readingItems} from '../src/tokens/reading.js'
import {formatCount, readingBudget} from '../src/tokens/reading-budget.js'
import {definePlanRule} from '../src/rule.js'

export default definePlanRule('reading-budget', (plan, {config, workspace, planFile, report}) => {
  // The budget is the next session's: only the newest plan's reading is judged (older plans were read by their own sessions).
  if (workspace.newestPlan()?.path !== planFile.path) return
  const items = readingItems(plan, config, planFile.path)
  if (items.length === 0) return
  const counter = TokenCounter.forRepository(workspace.root, config)
  const reading = countReading(items, workspace, counter)
  counter.save()

  const place = plan.section('requiredReading')[0]?.heading.position ?? plan.section('tasks')[0]?.heading.position
  const budget = readingBudget(plan, config)
  if (budget.available !== undefined && reading.total > budget.available) {
    report(
      `Required reading is ${formatCount(reading.total)} tokens (o200k), more than the ${formatCount(budget.available)} left after the buffer (${budget.availableText}): drop items, or cite the lines to read (\`path:12-80\`) instead of whole files`,
      place
    )
  } else if (budget.target !== undefined && reading.total > budget.target * config.tokens.readingShare) {
    const share = Math.round((reading.total / budget.target) * 100)
    report(
      `Required reading is ${formatCount(reading.total)} tokens (o200k), ${share}% of the target ${budget.targetText} (more than ${Math.round(config.tokens.readingShare * 100)}%): cite line ranges or link summaries, so the session keeps its context for the work`,
      place,
      {warning: true}
    )
  }

  const large = config.tokens.largeFile
  for (const item of reading.items) {
    if (item.tokens === undefined || item.tokens <= large || item.lines || item.summarised || item.isSummary || item.duplicate) continue
    report(
      `\`${item.label}\` is ${formatCount(item.tokens)} tokens (over ${formatCount(large)}) and cites no line range: cite the lines to read (\`${item.label}:1-200\`) or link its progressive summary (procedure step 3)`,
      item.position,
      {warning: true}
    )
  }
})
