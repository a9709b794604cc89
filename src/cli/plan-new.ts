import {loadConfig} from '../config/load.js'
import {UsageError} from '../config/errors.js'
import {today} from '../engine/today.js'
import {writeChanges} from '../fix/write-changes.js'
import {planText} from '../template/plan.js'
import {isCalendarDate, planNameFor} from '../workspace/plan-name.js'
import {WorkingTreeSource} from '../workspace/source.js'
import {Workspace} from '../workspace/workspace.js'
import type {Command} from './command.js'
import {configChoice} from './config-choice.js'
import {configOption, helpOption, parseOptions, rootOption, type OptionSpecs} from './options.js'
import {findRoot} from './root.js'

const options = {
  date: {type: 'string', value: 'YYYY-MM-DD', help: 'the session the plan is for (default: today)'},
  root: rootOption,
  config: configOption,
  help: helpOption
} as const satisfies OptionSpecs

export const planNewCommand: Command = {
  words: ['plan', 'new'],
  summary: 'write the next-session plan from the template',
  usage: 'sop-lint plan new [options]',
  description: `Write the next-session plan from the template: a budget computed from the
config, tasks from the open rows of the Task ↔ Spec table with their specs,
required reading from the references that exist, a validation row per task
and the handoff requirements. TODO stands only where a person must decide.
Refuses to overwrite an existing plan (exit 2).`,
  options,
  examples: [
    ['sop-lint plan new', "write today's plan"],
    ['sop-lint plan new --date 2026-03-05', "write the plan for the session of 5 March 2026"]
  ],
  async run(argv) {
    const {values, positionals} = parseOptions(options, argv, 'sop-lint plan new')
    if (positionals.length > 0) throw new UsageError(`plan new takes no file names (got ${positionals.join(' ')}); see sop-lint plan new --help`)
    const date = values.date ?? today()
    if (!isCalendarDate(date)) throw new UsageError(`--date ${date}: expected a calendar date as YYYY-MM-DD`)
    const root = findRoot(values.root)
    const {config} = await loadConfig(root, undefined, {choice: configChoice(values)})
    const relative = `${config.paths.plans}/${planNameFor(config.plan.pattern, date)}`
    const source = new WorkingTreeSource(root)
    if (source.exists(relative)) throw new UsageError(`${relative} exists already: edit it, or pass another --date`)
    // Written as --fix writes: never through a link, never outside the repository, never over a file made meanwhile.
    const outcome = await writeChanges(root, [{path: relative, before: undefined, after: planText(new Workspace(source, config), date)}])
    const skipped = outcome.skipped[0]
    if (skipped) throw new UsageError(`${relative} ${skipped.reason}`)
    process.stdout.write(`sop-lint: wrote ${relative}; fill in its TODOs, then run sop-lint\n`)
    return 0
  }
}
