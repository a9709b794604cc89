import {parseArgs} from 'node:util'
import {UsageError} from '../config/errors.js'
import {today} from '../engine/today.js'
import {writeChanges} from '../fix/write-changes.js'
import {planText} from '../template/plan.js'
import {isCalendarDate, planNameFor} from '../workspace/plan-name.js'
import {Workspace} from '../workspace/workspace.js'
import type {Command} from './command.js'
import {chosenWorkspace, fromCwd} from './workspace-choice.js'

const help = `Usage: sop-lint plan new [--date YYYY-MM-DD] [--root DIR]

Write the next-session plan from the template: a budget computed from the
config, tasks from the open rows of the Task ↔ Spec table with their specs,
required reading from the references that exist, a validation row per task
and the handoff requirements. TODO stands only where a person must decide.
Refuses to overwrite an existing plan (exit 2).

Options:
  --date YYYY-MM-DD   the session the plan is for (default: today)
  --root DIR          repository root (default: git top level of the cwd)
  --workspace NAME    in a monorepo, the workspace (default: the one the
                      current folder is in)
  -h, --help          show this help`

export const planNewCommand: Command = {
  words: ['plan', 'new'],
  summary: 'write the next-session plan from the template',
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
    const {root, config, source} = await chosenWorkspace(values.root, 'plan new')
    const relative = `${config.paths.plans}/${planNameFor(config.plan.pattern, date)}`
    if (source.exists(relative)) throw new UsageError(`${relative} exists already: edit it, or pass another --date`)
    // Written as --fix writes: never through a link, never outside the repository, never over a file made meanwhile.
    const outcome = await writeChanges(root, [{path: relative, before: undefined, after: planText(new Workspace(source, config), date)}])
    const skipped = outcome.skipped[0]
    if (skipped) throw new UsageError(`${relative} ${skipped.reason}`)
    // In a monorepo the plan is named from where the user stands: from the root, `plans/…` would not say which workspace's.
    process.stdout.write(`sop-lint: wrote ${source.place ? fromCwd(root, relative) : relative}; fill in its TODOs, then run sop-lint\n`)
    return 0
  }
}
