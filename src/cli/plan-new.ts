import {parseArgs} from 'node:util'
import {loadConfig} from '../config/load.js'
import {UsageError} from '../config/errors.js'
import {today} from '../engine/today.js'
import {misplacedWrite} from '../fix/write-changes.js'
import {isCalendarDate, planNameFor} from '../workspace/plan-name.js'
import {WorkingTreeSource} from '../workspace/source.js'
import {Workspace} from '../workspace/workspace.js'
import type {Command} from './command.js'
import {runFix} from './fix.js'
import {findRoot} from './root.js'
import {scaffoldSummary} from './scaffold-summary.js'
import {suppressedLine, suppressProblems} from './suppress.js'
import {formatStylish, useColor} from '../report/stylish.js'

const help = `Usage: sop-lint plan new [--date YYYY-MM-DD] [--root DIR]

Write the next-session plan from the template, as --fix does for a missing
plan: a budget computed from the config; tasks from the open rows of the
Task ↔ Spec table (rows whose checklist is all ticked are left out, and
said); required reading of the procedure, the previous plan, the newest
handoff entry and the tasks' specs, with its token total; a validation row
per task; the handoff requirements. Then, as --fix does, the plan pointers
in the progress log and the handoff, the ledger's planning row, the Task ↔
Spec rows, and any role file that is missing. TODO stands only where a
person must decide; how many is printed, then the check of what is left.
Refuses to overwrite an existing plan (exit 2).

Options:
  --date YYYY-MM-DD   the session the plan is for (default: today)
  --root DIR          repository root (default: git top level of the cwd)
  -h, --help          show this help`

export const planNewCommand: Command = {
  words: ['plan', 'new'],
  summary: 'write the next-session plan, its pointers and ledger row',
  help,
  async run(argv) {
    const {values, positionals} = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {date: {type: 'string'}, root: {type: 'string'}}
    })
    if (positionals.length > 0) throw new UsageError(`plan new takes no file names (got ${positionals.join(' ')}); see sop-lint plan new --help`)
    const date = values.date ?? today()
    if (!isCalendarDate(date)) throw new UsageError(`--date ${date}: expected a calendar date as YYYY-MM-DD`)
    const root = findRoot(values.root)
    const {config} = await loadConfig(root)
    const source = new WorkingTreeSource(root)
    const relative = `${config.paths.plans}/${planNameFor(config.plan.pattern, date)}`
    if (source.exists(relative)) throw new UsageError(`${relative} exists already: edit it, or pass another --date`)
    // Written as --fix writes: never through a link, never outside the repository (said before anything is written).
    const misplaced = misplacedWrite(root, relative)
    if (misplaced) throw new UsageError(`${relative} ${misplaced}`)
    const cwd = process.cwd()
    const {files, scaffolded} = await runFix(source, config, {files: [], allPlans: false, date, cwd}, false, {date, plan: 'always'})
    if (!scaffolded) throw new UsageError(`${relative} could not be written (see above)`)
    process.stderr.write(scaffoldSummary(new Workspace(new WorkingTreeSource(root), config), scaffolded))
    const {suppressed} = await suppressProblems(files, new WorkingTreeSource(root), config, {all: false, rules: [], prune: false})
    process.stdout.write(formatStylish(files, {quiet: false, color: useColor(process.stdout)}) + suppressedLine(suppressed))
    // The plan is written: what is left to fill is the report above, not a failure of the command.
    return 0
  }
}
