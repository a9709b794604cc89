import {UsageError} from '../config/errors.js'
import {today} from './clock.js'
import {misplacedWrite} from '../engine/fix/write-changes.js'
import {isCalendarDate, planNameFor} from '../workspace/plan-name.js'
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
import {runFix} from './fix.js'
import {chosenWorkspace, readAfresh} from './workspace-choice.js'
import {scaffoldSummary} from './scaffold-summary.js'
import {suppressedLine, suppressProblems} from './suppress.js'
import {formatStylish, terminalWidth, useColor} from './formats/stylish.js'

const options = {
  date: {type: 'string', value: 'YYYY-MM-DD', help: 'the session the plan is for (default: today)'},
  root: rootOption,
  workspace: workspaceOption,
  config: configOption,
  color: colorOption,
  help: helpOption
} as const satisfies OptionSpecs

export const planNewCommand: Command = {
  words: ['plan', 'new'],
  summary: 'write the next-session plan, its pointers and ledger row',
  usage: 'sop-lint plan new [options]',
  description: `Write the next-session plan from the template, as --fix does for a missing
plan: a budget computed from the config; tasks from the open rows of the
Task ↔ Spec table (rows whose checklist is all ticked are left out, and
said); required reading of the procedure, the previous plan, the newest
handoff entry and the tasks' specs, with its token total; a validation row
per task; the handoff requirements. Then, as --fix does, the plan pointers
in the progress log and the handoff, the ledger's planning row, the Task ↔
Spec rows, and any role file that is missing. TODO stands only where a
person must decide; how many is printed, then the check of what is left.
Refuses to overwrite an existing plan (exit 2).`,
  options,
  examples: [
    ['sop-lint plan new', "write today's plan"],
    ['sop-lint plan new --date 2026-03-05', 'write the plan for the session of 5 March 2026']
  ],
  async run(argv) {
    const {values, positionals} = parseOptions(options, argv, 'sop-lint plan new')
    if (positionals.length > 0)
      throw new UsageError(`plan new takes no file names (got ${positionals.join(' ')}); see sop-lint plan new --help`)
    const date = values.date ?? today()
    if (!isCalendarDate(date)) throw new UsageError(`--date ${date}: expected a calendar date as YYYY-MM-DD`)
    const {root, config, source} = await chosenWorkspace(values, 'plan new', configChoice(values))
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
}
