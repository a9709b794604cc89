/**
 * `sop-lint plan new` as the command line and `--help` know it: its words, options and
 * help. Its work is in ../plan-new.ts, loaded when it runs (through ../on-demand.ts): a run of one command
 * reads no other command's code (src/cli/commands.ts).
 */
import type {Command} from '../command.js'
import {colorOption, configOption, helpOption, rootOption, workspaceOption, type OptionSpecs} from '../options.js'

export const planNewOptions = {
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
  options: planNewOptions,
  examples: [
    ['sop-lint plan new', "write today's plan"],
    ['sop-lint plan new --date 2026-03-05', 'write the plan for the session of 5 March 2026']
  ],
  run: async (argv) => (await import('../on-demand.js')).runPlanNew(argv)
}
