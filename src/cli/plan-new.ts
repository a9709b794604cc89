import {UsageError} from '../config/errors.js'
import {today} from './clock.js'
import {misplacedWrite} from '../engine/fix/write-changes.js'
import {isCalendarDate, planNameFor} from '../workspace/plan-name.js'
import {Workspace} from '../workspace/workspace.js'
import {configChoice} from './config-choice.js'
import {parseOptions} from './options.js'
import {runFix} from './fix.js'
import {chosenWorkspace, readAfresh} from './workspace-choice.js'
import {scaffoldSummary} from './scaffold-summary.js'
import {suppressProblems} from './suppress.js'
import {suppressedLine} from './suppressed-line.js'
import {formatStylish, terminalWidth, useColor} from './formats/stylish.js'
import {planNewOptions as options} from './commands/plan-new.js'

export async function runPlanNew(argv: string[]): Promise<number> {
  const {values, positionals} = parseOptions(options, argv, 'sop-lint plan new')
  if (positionals.length > 0)
    throw new UsageError(`plan new takes no file names (got ${positionals.join(' ')}); see sop-lint plan new --help`)
  const date = values.date ?? today()
  if (!isCalendarDate(date)) throw new UsageError(`--date ${date}: expected a calendar date as YYYY-MM-DD`)
  const {root, config, source} = await chosenWorkspace(values, 'plan new', await configChoice(values))
  const relative = `${config.paths.plans}/${planNameFor(config.plan.pattern, date)}`
  if (source.exists(relative)) throw new UsageError(`${relative} exists already: edit it, or pass another --date`)
  // Written as --fix writes: never through a link, never outside the repository (said before anything is written).
  const misplaced = misplacedWrite(root, relative)
  if (misplaced) throw new UsageError(`${relative} ${misplaced}`)
  const cwd = process.cwd()
  const {files, scaffolded} = await runFix(source, config, {files: [], allPlans: false, date, cwd}, false, {
    date,
    plan: 'always'
  })
  if (!scaffolded) throw new UsageError(`${relative} could not be written (see above)`)
  process.stderr.write(scaffoldSummary(new Workspace(readAfresh(source), config), scaffolded))
  const {suppressed} = await suppressProblems(files, readAfresh(source), config.rules, {
    all: false,
    rules: [],
    prune: false
  })
  process.stdout.write(
    formatStylish(files, {
      quiet: false,
      color: useColor(process.stdout, values.color),
      width: terminalWidth(process.stdout)
    }) + suppressedLine(suppressed)
  )
  // The plan is written: what is left to fill is the report above, not a failure of the command.
  return 0
}
