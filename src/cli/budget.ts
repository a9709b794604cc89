import {parseArgs} from 'node:util'
import {budgetReport, formatBudget} from '../accounting/budget-table.js'
import {UsageError} from '../config/errors.js'
import {loadNewestPlan} from '../plan/load-plan.js'
import {useColor} from '../report/stylish.js'
import {TokenCounter} from '../tokens/cache.js'
import {countReading, readingItems} from '../tokens/reading.js'
import {Workspace} from '../workspace/workspace.js'
import type {Command} from './command.js'
import {chosenWorkspace} from './workspace-choice.js'

const help = `Usage: sop-lint budget [--format table|json] [--root DIR]

Print the newest plan's budget: the target and the band it must fall in,
the buffer, what is left after it, the buckets, the tasks, the tokens of
every required-reading item (o200k_base; files listed twice count once) and
the headroom the work has once the buffer and the reading are taken. On a
terminal each row has a bar scaled to the target.

Token counts are cached by the files' git blob oids in
node_modules/.cache/sop-lint/, so only new or changed files are counted.

Options:
  --format table|json  table (default) or the figures as JSON
  --root DIR           repository root (default: git top level of the cwd)
  --workspace NAME     in a monorepo, the workspace (default: the one the
                       current folder is in)
  -h, --help           show this help`

export const budgetCommand: Command = {
  words: ['budget'],
  summary: "print the newest plan's budget and required-reading tokens",
  help,
  async run(argv) {
    const {values, positionals} = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {format: {type: 'string', default: 'table'}, root: {type: 'string'}}
    })
    if (positionals.length > 0) throw new UsageError(`budget takes no file names (got ${positionals.join(' ')}); see sop-lint budget --help`)
    if (values.format !== 'table' && values.format !== 'json') throw new UsageError(`--format ${values.format}: expected table or json`)
    const {root, config, source} = await chosenWorkspace(values.root, 'budget')
    const workspace = new Workspace(source, config)
    const newest = workspace.newestPlan()
    const plan = loadNewestPlan(workspace)
    if (!newest || !plan) throw new UsageError(`no plan in ${config.paths.plans}/: run sop-lint plan new`)
    const counter = TokenCounter.forRepository(root, config)
    const reading = countReading(readingItems(plan, config, newest.path), workspace, counter)
    counter.save()
    const report = budgetReport(plan, newest.path, config, reading, counter.stats)
    if (values.format === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
    else process.stdout.write(formatBudget(report, {bars: Boolean(process.stdout.isTTY), color: useColor(process.stdout)}))
    return 0
  }
}
