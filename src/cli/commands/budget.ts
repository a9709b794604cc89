/**
 * `sop-lint budget` as the command line and `--help` know it: its words, options and
 * help. Its work is in ../budget.ts, loaded when it runs (through ../on-demand.ts): a run of one command
 * reads no other command's code (src/cli/commands.ts).
 */
import type {Command} from '../command.js'
import {colorOption, configOption, helpOption, rootOption, workspaceOption, type OptionSpecs} from '../options.js'

export const budgetOptions = {
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
  options: budgetOptions,
  examples: [
    ['sop-lint budget', "the newest plan's budget as a table"],
    ['sop-lint --root ../workspace budget -f json', 'the figures of another repository, as JSON']
  ],
  run: async (argv) => (await import('../on-demand.js')).runBudget(argv)
}
