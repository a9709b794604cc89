/**
 * `sop-lint check` as the command line and `--help` know it: its words, options and
 * help. Its work is in ../check.ts, loaded when it runs: a run of one command
 * reads no other command's code (src/cli/commands.ts).
 */
import type {Command} from '../command.js'
import {colorOption, configOption, helpOption, rootOption, workspaceOption, type OptionSpecs} from '../options.js'

export const checkOptions = {
  root: rootOption,
  workspace: {
    ...workspaceOption,
    help: 'in a monorepo, check this workspace only: its folder, or the end of it (default: the one the current folder is in, and every one from the root)'
  },
  config: configOption,
  'all-plans': {type: 'boolean', help: 'check every plan, not only the newest'},
  commit: {
    type: 'string',
    value: 'REV',
    help: 'check the tree of a commit (read from git objects, not the working tree, with the config in it), as the pre-push hook does; for CI'
  },
  'changed-since': {
    type: 'string',
    value: 'REV',
    help: "with --commit in a monorepo: only the workspaces the commit changes since REV (a pull request's base), as the hook judges a push"
  },
  format: {
    type: 'string',
    short: 'f',
    value: 'NAME',
    help: "stylish (the default: the finding, then the fix on its own line, wrapped to the terminal), compact or unix (file:line:col: severity message [rule], one line each), json (ESLint's JSON shape), sarif (SARIF 2.1.0) or github (Actions annotations)"
  },
  'output-file': {
    type: 'string',
    short: 'o',
    value: 'FILE',
    help: 'write the report to FILE instead of standard output (its folder must exist)'
  },
  quiet: {type: 'boolean', help: 'report errors only'},
  verbose: {
    type: 'boolean',
    help: 'say on stderr which plan is the newest and why, when several share its date (the JSON report always says it)'
  },
  'max-warnings': {type: 'string', value: 'N', help: 'exit 1 when there are more than N warnings'},
  rule: {
    type: 'string',
    value: 'RULE:SEVERITY',
    multiple: true,
    help: "set a rule's severity (error, warn or off) over the config's; repeat for more rules"
  },
  fix: {
    type: 'boolean',
    help: 'add what is missing (sections, task fields, pointers, the plan itself), never rewriting what a person wrote; then report what is left'
  },
  'dry-run': {type: 'boolean', help: 'with --fix: print the unified diff, write nothing'},
  'no-ignore': {
    type: 'boolean',
    help: "check files even when .gitignore, .sop-lintignore, .remarkignore or the config's ignores leave them out"
  },
  'print-config': {
    type: 'string',
    value: 'FILE',
    optional: true,
    help: 'print the resolved options (as JSON) and, for a FILE, the part it plays and whether it is ignored; check nothing'
  },
  'suppress-all': {
    type: 'boolean',
    help: 'write every current error into sop-lint-suppressions.json (the baseline: they no longer fail a check or a push)'
  },
  'suppress-rule': {
    type: 'string',
    value: 'ID',
    multiple: true,
    help: "the same, for one rule's errors (repeat for more)"
  },
  'prune-suppressions': {type: 'boolean', help: 'drop the suppressions that no longer occur'},
  'no-cache': {
    type: 'boolean',
    help: 'check every file again, even when the same files were checked before (results are kept in node_modules/.cache/sop-lint, or ~/.cache/sop-lint)'
  },
  concurrency: {
    type: 'string',
    value: 'N',
    help: 'threads for the files named: auto (the default: every core, when there is over 1 MB of them), off, or a number'
  },
  color: colorOption,
  help: helpOption,
  version: {type: 'boolean', short: 'v', help: 'print the version'}
} as const satisfies OptionSpecs

export const checkCommand: Command = {
  words: ['check'],
  summary: 'check the plan and the documents around it (the default command)',
  usage: 'sop-lint [check] [options] [files, folders or globs...]',
  description: `Check the next-session plan and the documents around it against the
planning procedure. Without files, checks the newest plan in plans/ and the
documents around it (progress log, handoff, Task ↔ Spec table, ledger, …).
Named folders are searched for Markdown, CSV and .feature files; globs
('docs/**/*.md') are matched below the current folder. What .gitignore,
.sop-lintignore, .remarkignore and the config's ignores leave out is not
checked when found in a folder or by a glob.

Options may come before a command as well: sop-lint --root ws budget.`,
  options: checkOptions,
  examples: [
    ['sop-lint', 'check the newest plan and the documents around it'],
    ['sop-lint plans docs/*.md', 'check every file in plans/ and the Markdown files in docs/'],
    ['sop-lint --fix --dry-run', 'show what --fix would add, as a diff'],
    ['sop-lint -f unix --quiet', 'errors only, one line each (file:line:col: severity message [rule])'],
    [
      'sop-lint --rule no-todo:off -o report.json -f json',
      'a JSON report without the no-todo rule, written to report.json'
    ],
    [
      'sop-lint --print-config plans/2026-01-05_next_session.plan.md',
      'the options a check uses, and what the file is to it'
    ],
    [
      'sop-lint --suppress-all',
      "adopting sop-lint on a workspace with a history: record today's errors as the baseline"
    ],
    ['sop-lint --commit HEAD', 'in CI: check the commit as the pre-push hook does'],
    [
      'sop-lint --workspace billing',
      'in a monorepo: check the workspace projects/billing (from the root, every workspace)'
    ]
  ],
  footer: `Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage or configuration error.
Configuration: the sop-lint entry of the remark config in the root
(.remarkrc.ts, .remarkrc.json, .remarkrc.mjs, … or package.json#remarkConfig),
or the file --config names.`,
  run: async (argv) => (await import('../check.js')).runCheck(argv)
}
