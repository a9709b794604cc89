import {budgetReport, formatBudget} from './accounting/budget-table.js'
import {UsageError} from '../config/errors.js'
import {didYouMean} from '../config/suggest.js'
import {loadNewestPlan} from '../plan/load-plan.js'
import {useColor} from './formats/stylish.js'
import {TokenCounter} from '../tokens/cache.js'
import {countReading, readingItems} from '../tokens/reading.js'
import {Workspace} from '../workspace/workspace.js'
import type {Command} from './command.js'
import {configChoice} from './config-choice.js'
import {
  colorOption,
  configOption,
  helpOption,
  parseOptions,
  rootOption,
  workspaceOption,
  type OptionSpecs
} from './options.js'
import {chosenWorkspace} from './workspace-choice.js'

const options = {
  format: {type: 'string', short: 'f', value: 'NAME', help: 'table (the default) or json (the figures)'},
  root: rootOption,
  workspace: workspaceOption,
  config: configOption,
  color: colorOption,
  help: helpOption
} as const satisfies OptionSpecs

export const budgetCommand: Command = {
  words: ['budget'],
  summary: "print the newest plan's budget and required-reading tokens",
  usage: 'sop-lint budget [options]',
  description: `Print the newest plan's budget: the target and the band it must fall in,
the buffer, what is left after it, the buckets, the tasks, the tokens of
every required-reading item (o200k_base; files listed twice count once) and
the headroom the work has once the buffer and the reading are taken. On a
terminal each row has a bar scaled to the target.

Token counts are cached by the files' git blob oids in
node_modules/.cache/sop-lint/, so only new or changed files are counted.`,
  options,
  examples: [
    ['sop-lint budget', "the newest plan's budget as a table"],
    ['sop-lint --root ../workspace budget -f json', 'the figures of another repository, as JSON']
  ],
  async run(argv) {
    const {values, positionals} = parseOptions(options, argv, 'sop-lint budget')
    if (positionals.length > 0)
      throw new UsageError(`budget takes no file names (got ${positionals.join(' ')}); see sop-lint budget --help`)
    const format = values.format ?? 'table'
    if (format !== 'table' && format !== 'json')
      throw new UsageError(`--format ${format}: expected table or json${didYouMean(format, ['table', 'json'])}`)
    const {root, config, source} = await chosenWorkspace(values, 'budget', configChoice(values))
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
}
