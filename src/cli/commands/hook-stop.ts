/**
 * `sop-lint hook stop` as the command line and `--help` know it: its words, options and
 * help. Its work is in ../hook-stop.ts, loaded when it runs: a run of one command
 * reads no other command's code (src/cli/commands.ts).
 */
import type {Command} from '../command.js'
import {helpOption, rootOption, type OptionSpecs} from '../options.js'

/** What its --help says it does. */
const description = `What Claude Code's and Codex's Stop hook runs (sop-lint init --agent
installs it), at the end of every turn. The agent writes one JSON object on
standard input (session_id, transcript_path, cwd, stop_hook_active).

The hook lets the agent stop (no output) unless the session is ending
without its next-session plan:
  - the session's context use, read from the transcript's newest token
    usage, has crossed agent.stopThreshold (default: the lower edge of
    budget.band, 70%) of the window (agent.claudeContextWindow for Claude
    Code, budget.contextWindow for Codex); or
  - the session changed a planning file (its time is after the session's
    start) or committed work, while the newest plan is older than today.
Then, when the newest plan is missing, older than the session or has
errors, it prints {"decision": "block", "reason": …}: the agent goes on,
told what to run (status, ledger close, --fix, fill the TODOs, sop-lint)
and which errors are left, most important first.

An agent already going on because of a block (stop_hook_active) is blocked
again only when the errors changed since: it is never held in a loop. The
check's result is taken from the cache when the files were checked before,
as the pre-push hook does. Nothing fails the agent: bad input, a missing
transcript or a broken workspace give exit 0 and a systemMessage.`

export const hookStopOptions = {
  root: {...rootOption, help: "workspace root (default: git top level of the session's cwd)"},
  'no-cache': {type: 'boolean', help: 'check the files again even when they were checked before'},
  help: helpOption
} as const satisfies OptionSpecs

export const stopHookCommand: Command = {
  words: ['hook', 'stop'],
  summary: "the agents' Stop hook: ask for the next-session plan before the session ends",
  usage: 'sop-lint hook stop [--root DIR] [--no-cache]',
  description,
  options: hookStopOptions,
  examples: [
    ['sop-lint hook stop', "what the agents' Stop hook runs; the agent gives it the session's JSON on standard input"],
    [
      'echo \'{"session_id":"s1","transcript_path":"t.jsonl","cwd":"."}\' | sop-lint hook stop',
      'try the gate on a transcript of your own'
    ]
  ],
  run: async (argv) => (await import('../hook-stop.js')).runStopHook(argv)
}
