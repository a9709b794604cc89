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
import {definePlanRule} from '../src/rule/define-plan-rule.js'

export default definePlanRule({
  id: 'reading-budget',
  meta: {
    severity: 'error',
    description: "the required reading's tokens fit the budget left after the buffer",
    messages: {
      overBudget:
        'Required reading is {{tokens}} tokens (o200k), more than the {{available}} left after the buffer (target {{target}} − buffer {{buffer}}): drop items, or cite the lines to read (`path:12-80`) instead of whole files',
      overShare: {
        text: 'Required reading is {{tokens}} tokens (o200k), {{share}}% of the target {{target}} (more than {{limit}}%): cite line ranges or link summaries, so the session keeps its context for the work',
        warning: true
      },
      largeFile: {
        text: '`{{file}}` is {{tokens}} tokens (over {{large}}) and cites no line range: cite the lines to read (`{{file}}:1-200`) or link its progressive summary (procedure step 3)',
        warning: true
      }
    }
  },
  check(plan, {config, workspace, planFile, report}) {
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
      report('overBudget', place, {
        data: {
          tokens: formatCount(reading.total),
          available: formatCount(budget.available),
          target: budget.targetText,
          buffer: budget.bufferText
        }
      })
    } else if (budget.target !== undefined && reading.total > budget.target * config.tokens.readingShare) {
      const share = Math.round((reading.total / budget.target) * 100)
      report('overShare', place, {
        data: {
          tokens: formatCount(reading.total),
          share,
          target: budget.targetText,
          limit: Math.round(config.tokens.readingShare * 100)
        }
      })
    }

    const large = config.tokens.largeFile
    for (const item of reading.items) {
      if (
        item.tokens === undefined ||
        item.tokens <= large ||
        item.lines ||
        item.summarised ||
        item.isSummary ||
        item.duplicate
      )
        continue
      report('largeFile', item.position, {
        data: {file: item.label, tokens: formatCount(item.tokens), large: formatCount(large)}
      })
    }
  }
})
