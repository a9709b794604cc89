/**
 * `sop-lint hook pre-commit` as the command line and `--help` know it: its words, options and
 * help. Its work is in ../hook-pre-commit.ts, loaded when it runs: a run of one command
 * reads no other command's code (src/cli/commands.ts).
 */
import type {Command} from '../command.js'
import {helpOption, rootOption, type OptionSpecs} from '../options.js'

export const hookPreCommitOptions = {
  root: {...rootOption, help: 'workspace root (default: git top level)'},
  help: helpOption
} as const satisfies OptionSpecs

export const hookPreCommitCommand: Command = {
  words: ['hook', 'pre-commit'],
  summary: 'the pre-commit hook: check the staged planning files',
  usage: 'sop-lint hook pre-commit [options]',
  description: `What .husky/pre-commit runs when sop-lint init sets up a package in a
subfolder of the git repository: checks the staged Markdown and CSV files
of the workspace (the git top level, or --root) wherever they are — the
plans, the progress log and the ledger at the repository's root too, which
a lint-staged run inside the subfolder does not see. Nothing staged there:
nothing to check, exit 0.`,
  options: hookPreCommitOptions,
  examples: [
    ['sop-lint hook pre-commit', 'check the staged planning files of the repository'],
    ['sop-lint hook pre-commit --root ..', 'the same, for the workspace one folder up']
  ],
  run: async (argv) => (await import('../hook-pre-commit.js')).runHookPreCommit(argv)
}
