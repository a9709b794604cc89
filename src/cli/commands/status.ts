/**
 * `sop-lint status` as the command line and `--help` know it: its words, options and
 * help. Its work is in ../status.ts, loaded when it runs (through ../on-demand.ts): a run of one command
 * reads no other command's code (src/cli/commands.ts).
 */
import type {Command} from '../command.js'
import {configOption, dryRunOption, helpOption, rootOption, workspaceOption, type OptionSpecs} from '../options.js'

export const statusOptions = {
  'from-codex': {
    type: 'string',
    value: 'DIR',
    optional: true,
    help: 'capture from Codex (the default): its sessions folder (default $CODEX_HOME/sessions, else ~/.codex/sessions)'
  },
  'from-claude': {
    type: 'string',
    value: 'DIR',
    optional: true,
    help: 'capture from Claude Code: its projects folder (default $CLAUDE_CONFIG_DIR/projects, else ~/.claude/projects)'
  },
  session: {type: 'string', value: 'ID', help: 'the session to capture (a prefix of its id)'},
  'dry-run': dryRunOption,
  root: rootOption,
  workspace: workspaceOption,
  config: configOption,
  help: helpOption
} as const satisfies OptionSpecs

export const statusCommand: Command = {
  words: ['status'],
  summary: 'write the /status capture (Codex, or Claude Code) into progress.md',
  usage: 'sop-lint status [--from-codex [DIR] | --from-claude [DIR]] [options]',
  description: `Write the /status capture of the current session into progress.md.

From Codex (the default): context used against the window it names (the
configured window, 272K by default; Codex's own model_context_window, e.g.
258,400 for a 272K model, is given beside it), the 5h and weekly limits used,
with the times they reset. The figures come from the newest token_count
event of the newest Codex session that ran in this repository; its
rate-limit windows are told apart by window_minutes (300 = 5h, 10080 =
weekly), and either may be missing.

From Claude Code (--from-claude): context used against agent.claudeContextWindow
(200K by default), from the usage of the newest assistant message of the
newest Claude Code session that ran in this repository (its prompt and its
answer). Claude Code's logs hold no rate limits: the capture says "5h limit
not in the logs, weekly limit not in the logs", which the status-capture
rule accepts.

The capture replaces a capture line of the newest entry that still holds
placeholders (TODO%, as --fix writes it); otherwise it is appended to the
end of progress.md as a list item.`,
  options: statusOptions,
  examples: [
    ['sop-lint status', "write the newest Codex session's capture into progress.md"],
    ['sop-lint status --from-claude', "write the newest Claude Code session's capture"],
    [
      'sop-lint status --from-codex ~/backup/sessions --dry-run',
      'show the capture from another sessions folder, write nothing'
    ]
  ],
  run: async (argv) => (await import('../on-demand.js')).runStatus(argv)
}
