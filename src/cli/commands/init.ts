/**
 * `sop-lint init` as the command line and `--help` know it: its words, options and
 * help. Its work is in ../init.ts, loaded when it runs (through ../on-demand.ts): a run of one command
 * reads no other command's code (src/cli/commands.ts).
 */
import type {Command} from '../command.js'
import {helpOption, rootOption, type OptionSpecs} from '../options.js'

export const initOptions = {
  baseline: {type: 'boolean', help: "record the first check's errors as the baseline, without asking"},
  agent: {type: 'string', value: 'NAME', help: "claude, codex or all: set up the agents' hooks too"},
  root: {...rootOption, help: 'workspace root the hook checks (default: git top level)'},
  help: helpOption
} as const satisfies OptionSpecs

export const initCommand: Command = {
  words: ['init'],
  summary: "set up the pre-push hook, lint-staged, a remark config and the agents' hooks",
  usage: 'sop-lint init [options]',
  description: `Sets up enforcement in the package of the current folder and adopts the
workspace, idempotently and without clobbering anything:

  - husky 9 and lint-staged 16 in devDependencies, when missing
  - "prepare": "husky" (in a subfolder of the git repository:
    "cd .. && husky <subfolder>/.husky"), so npm install activates the hooks
  - .husky/pre-push running \`sop-lint hook pre-push\`
  - .husky/pre-commit running lint-staged --quiet (it says nothing on a
    commit with no Markdown or CSV file staged), with an entry checking
    staged *.md and *.csv files (in a subfolder package:
    \`sop-lint hook pre-commit\`, which checks the workspace's staged files
    wherever they are)
  - when the root has no remark config: finds the layout that is there (the
    plans folder and name pattern, progress.md or PROGRESS.md, the handoff,
    the ledger, the Task ↔ Spec table), says what it found, and writes
    .remarkrc.json with the settings that differ from the defaults
  - the adoption date (hook.adoptedOn): the pre-push hook does not block a
    commit made before it
  - the first check: when it has errors (a history that does not follow the
    procedure), offers to record them as the baseline,
    sop-lint-suppressions.json; --baseline records them without asking
  - at the root of a monorepo (folders below it that hold a plans folder and
    a progress log or handoff notes): their list as "workspaces" in the root's
    .remarkrc.json, and each workspace adopted as above, on its own

With --agent, also the agents' hooks, at the git top level: Stop running
\`sop-lint hook stop\` (the end-of-session gate) and SessionStart running
\`sop-lint hook session-start\` (the briefing), merged into
.claude/settings.json (claude) and .codex/hooks.json (codex): entries that
are there stay as they are, byte for byte; Codex asks you to trust them in
/hooks.

An existing hook gets the line appended, not replaced; a second run changes
nothing. Files are read and written as --fix does: never through a symbolic
link, each replaced atomically. When husky is already installed, the hooks
are activated at once; otherwise run npm install.`,
  options: initOptions,
  examples: [
    ['sop-lint init', 'set up the hooks and the config in the package of the current folder'],
    ['sop-lint init --baseline', "the same, recording the first check's errors as the baseline without asking"],
    ['sop-lint init --agent all', 'the same, and the Stop and SessionStart hooks of Claude Code and Codex'],
    ['sop-lint init --root ..', 'the same, for a workspace one folder up from the package']
  ],
  run: async (argv) => (await import('../on-demand.js')).runInit(argv)
}
