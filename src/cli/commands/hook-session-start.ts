/**
 * `sop-lint hook session-start` as the command line and `--help` know it: its words, options and
 * help. Its work is in ../hook-session-start.ts, loaded when it runs: a run of one command
 * reads no other command's code (src/cli/commands.ts).
 */
import type {Command} from '../command.js'
import {helpOption, rootOption, type OptionSpecs} from '../options.js'

/** What its --help says it does. */
const description = `What Claude Code's and Codex's SessionStart hook runs (sop-lint init --agent
installs it). It reads the hook's JSON input (for its cwd) and prints one
JSON object:

  {"hookSpecificOutput": {"hookEventName": "SessionStart",
                          "additionalContext": "<the briefing>"}}

The briefing is what the session needs first, from the newest plan and the
documents around it: today's date and the plan's, the budget, the required
reading with each item's tokens (o200k_base), the tasks with their budgets
and specs, what the handoff's newest entry says to do first, and a warning
when an earlier plan's planning row is still open in the ledger. It takes
at most agent.briefingTokens (2,000) o200k tokens, measured; a longer plan
is cut at a task, with a pointer to the file.

The briefing is kept in the cache with what it read, so the next session
start on the same files reads no plan. On any trouble nothing is printed on
stdout (Codex accepts nothing but that object) and one line goes to stderr;
the exit code is 0.`

export const hookSessionStartOptions = {
  root: {...rootOption, help: "workspace root (default: git top level of the session's cwd)"},
  'no-cache': {type: 'boolean', help: 'read the files again even when they were briefed before'},
  help: helpOption
} as const satisfies OptionSpecs

export const sessionStartHookCommand: Command = {
  words: ['hook', 'session-start'],
  summary: "the agents' SessionStart hook: brief the session on its plan",
  usage: 'sop-lint hook session-start [--root DIR] [--no-cache]',
  description,
  options: hookSessionStartOptions,
  examples: [
    ['sop-lint hook session-start', "what the agents' SessionStart hook runs: the briefing as one JSON object"],
    ['echo \'{"cwd":"."}\' | sop-lint hook session-start', 'print the briefing the next session would get']
  ],
  run: async (argv) => (await import('../hook-session-start.js')).runSessionStartHook(argv)
}
