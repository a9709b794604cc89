/**
 * `sop-lint ledger close` as the command line and `--help` know it: its words, options and
 * help. Its work is in ../ledger-close.ts, loaded when it runs (through ../on-demand.ts): a run of one command
 * reads no other command's code (src/cli/commands.ts).
 */
import type {Command} from '../command.js'
import {configOption, dryRunOption, helpOption, rootOption, workspaceOption, type OptionSpecs} from '../options.js'

export const ledgerCloseOptions = {
  actual: {type: 'string', value: 'N', help: 'the figure: the number of tokens you give'},
  'from-codex': {
    type: 'string',
    value: 'DIR',
    optional: true,
    help: "the figure from Codex CLI's session logs (default $CODEX_HOME/sessions, else ~/.codex/sessions): the newest session that ran in this repository and started on or after the row's date"
  },
  'from-claude': {
    type: 'string',
    value: 'DIR',
    optional: true,
    help: "the figure from Claude Code's logs (default $CLAUDE_CONFIG_DIR/projects, else ~/.claude/projects), streamed duplicate lines (same message id and request id) counted once"
  },
  figure: {
    type: 'string',
    value: 'peak|total',
    help: 'from logs: the peak context of the session (the default; the plan budgets the context window) or its cumulative usage'
  },
  session: {type: 'string', value: 'ID', help: 'from logs: the session to use (a prefix of its id)'},
  date: {type: 'string', value: 'YYYY-MM-DD', help: 'the planning row to close, when several are open'},
  line: {type: 'string', value: 'N', help: 'the planning row at line N, when several open ones share a date'},
  'dry-run': dryRunOption,
  root: rootOption,
  workspace: workspaceOption,
  config: configOption,
  help: helpOption
} as const satisfies OptionSpecs

export const ledgerCloseCommand: Command = {
  words: ['ledger', 'close'],
  summary: "fill the open planning row's tokens_actual and delta",
  usage: 'sop-lint ledger close (--actual N | --from-codex [DIR] | --from-claude [DIR]) [options]',
  description: `Close the token ledger's open planning row at the end of a session: fill its
empty tokens_actual and delta (= tokens_actual − tokens_planned) cells. Every
other byte of the ledger stays as it is; the file is replaced atomically.
Says which figure it wrote and where it comes from: one of --actual,
--from-codex and --from-claude.`,
  options: ledgerCloseOptions,
  examples: [
    ['sop-lint ledger close --actual 183402', 'close the open row with a figure you read yourself'],
    ['sop-lint ledger close --from-codex --dry-run', "show the change the newest Codex session's peak context makes"],
    ['sop-lint ledger close --from-claude --date 2026-03-04', "close the row of 4 March from Claude Code's logs"]
  ],
  run: async (argv) => (await import('../on-demand.js')).runLedgerClose(argv)
}
