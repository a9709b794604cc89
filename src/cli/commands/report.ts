/**
 * `sop-lint report` as the command line and `--help` know it: its words, options and
 * help. Its work is in ../report.ts, loaded when it runs (through ../on-demand.ts): a run of one command
 * reads no other command's code (src/cli/commands.ts).
 */
import type {Command} from '../command.js'
import {configOption, helpOption, rootOption, workspaceOption, type OptionSpecs} from '../options.js'

export const reportOptions = {
  out: {
    type: 'string',
    short: 'o',
    value: 'FILE',
    help: 'where to write it (default: sop-lint-report.html in the current folder); its folder must exist'
  },
  root: rootOption,
  workspace: workspaceOption,
  config: configOption,
  help: helpOption
} as const satisfies OptionSpecs

export const reportCommand: Command = {
  words: ['report'],
  summary: 'write an HTML chart of planned vs actual tokens per session',
  usage: 'sop-lint report [options]',
  description: `Write one self-contained HTML page from the token ledger: an SVG chart of
planned against actual tokens per session (the planning rows) over the
budget band (70–80% of the context window by default), sessions under their
plan and over it in colours of their own, the delta of each session, and the
ledger as a table. Inline CSS and SVG only — no script, no font, no URL — so
it opens offline; light and dark colours follow the system's setting.`,
  options: reportOptions,
  examples: [
    ['sop-lint report', 'write sop-lint-report.html in the current folder'],
    ['sop-lint report -o site/tokens.html', 'write it into the folder site/, which must exist']
  ],
  run: async (argv) => (await import('../on-demand.js')).runReport(argv)
}
