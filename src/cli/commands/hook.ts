/**
 * `sop-lint hook pre-push` as the command line and `--help` know it: its words, options and
 * help. Its work is in ../hook.ts, loaded when it runs: a run of one command
 * reads no other command's code (src/cli/commands.ts).
 */
import type {Command} from '../command.js'
import {colorOption, helpOption, rootOption, type OptionSpecs} from '../options.js'

export const hookOptions = {
  root: {...rootOption, help: 'workspace root (default: git top level of the current folder)'},
  'no-cache': {type: 'boolean', help: 'check the files again even when they were checked before'},
  color: colorOption,
  help: helpOption
} as const satisfies OptionSpecs

export const hookCommand: Command = {
  words: ['hook', 'pre-push'],
  summary: 'the pre-push hook: check the commits being pushed',
  usage: 'sop-lint hook pre-push [options] [remote] [url]',
  description: `What .husky/pre-push runs (sop-lint init installs it). git writes one line
per ref on standard input:

  <local ref> <local oid> <remote ref> <remote oid>

For every ref pushed (deletions are skipped) sop-lint checks the tree of the
commit being pushed, read from git objects, not from the working tree: a plan
that is not committed does not count. The push goes on when that tree has a
plan at least as new as the commit and not dated after it (hook.graceDays of
grace, rule plan-fresh), and no error, and when no commit pushed before it
adds a ledger row with a cell a spreadsheet runs as a formula (rule
ledger-formula): such a row stays in the history. Otherwise it prints, per
commit, what is missing or wrong, and the fix.

When the files of the commit were checked before — by sop-lint on the
working tree, or by an earlier push —, the result of that check is taken
from the cache instead of checking them again (only the commit's date is
judged anew): a push right after sop-lint costs little more than starting
Node.`,
  options: hookOptions,
  examples: [
    ['sop-lint hook pre-push', 'what .husky/pre-push runs; git gives it the refs on standard input'],
    [
      'echo "refs/heads/main $(git rev-parse HEAD) refs/heads/main $(git rev-parse @{u})" | sop-lint hook pre-push',
      'try the hook on the commit you would push'
    ]
  ],
  footer: `Exit codes: 0 the push may go on (nothing to push passes too), 1 blocked,
2 usage or configuration error, or standard input that cannot be read (any
exit but 0 stops the push). git push --no-verify skips the hook; CI
should run sop-lint --commit HEAD, which hooks cannot skip.`,
  run: async (argv) => (await import('../hook.js')).runHook(argv)
}
