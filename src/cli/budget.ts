import {budgetReport, formatBudget} from './accounting/budget-table.js'
import {UsageError} from '../config/errors.js'
import {didYouMean} from '../config/suggest.js'
import {loadNewestPlan} from '../plan/load-plan.js'
import {useColor} from './formats/stylish.js'
import {TokenCounter} from '../tokens/cache.js'
import {countReading, readingItems} from '../tokens/reading.js'
import {Workspace} from '../workspace/workspace.js'
import {configChoice} from './config-choice.js'
import {parseOptions} from './options.js'
import {chosenWorkspace} from './workspace-choice.js'
import {budgetOptions as options} from './commands/budget.js'

export async function runBudget(argv: string[]): Promise<number> {
  const {values, positionals} = parseOptions(options, argv, 'sop-lint budget')
  if (positionals.length > 0)
    throw new UsageError(`budget takes no file names (got ${positionals.join(' ')}); see sop-lint budget --help`)
  const format = values.format ?? 'table'
  if (format !== 'table' && format !== 'json')
    throw new UsageError(`--format ${format}: expected table or json${didYouMean(format, ['table', 'json'])}`)
  const {root, config, source} = await chosenWorkspace(values, 'budget', await configChoice(values))
  const workspace = new Workspace(source, config)
  const newest = workspace.newestPlan()
  const plan = loadNewestPlan(workspace)
  if (!newest || !plan) throw new UsageError(`no plan in ${config.paths.plans}/: run sop-lint plan new`)
  const counter = TokenCounter.forRepository(root, config)
  const reading = countReading(readingItems(plan, config, newest.path), workspace, counter)
  counter.save()
  const report = budgetReport(plan, newest.path, config, reading, counter.stats)
  if (format === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
  else
    process.stdout.write(
      formatBudget(report, {bars: Boolean(process.stdout.isTTY), color: useColor(process.stdout, values.color)})
    )
  return 0
}
