import path from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import {reportHtml, sessionsOf} from './accounting/report-html.js'
import {UsageError} from '../config/errors.js'
import {parseLedger} from '../ledger/parse.js'
import type {Command} from './command.js'
import {configChoice} from './config-choice.js'
import {configOption, helpOption, parseOptions, rootOption, workspaceOption, type OptionSpecs} from './options.js'
import {outputPath, writeFailed} from './output-path.js'
import {readDocument} from './read-document.js'
import {chosenWorkspace} from './workspace-choice.js'
import {packageVersion} from '../config/package-version.js'

const options = {
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
  options,
  examples: [
    ['sop-lint report', 'write sop-lint-report.html in the current folder'],
    ['sop-lint report -o site/tokens.html', 'write it into the folder site/, which must exist']
  ],
  async run(argv) {
    const {values, positionals} = parseOptions(options, argv, 'sop-lint report')
    if (positionals.length > 0)
      throw new UsageError(`report takes no file names (got ${positionals.join(' ')}); use --out FILE`)
    const given = values.out ?? 'sop-lint-report.html'
    const out = outputPath('--out', given)
    const {config, source} = await chosenWorkspace(values, 'report', configChoice(values))
    const ledgerPath = config.paths.ledger
    const text = readDocument(source, ledgerPath)
    if (text === undefined) throw new UsageError(`${ledgerPath} does not exist: there is nothing to chart`)
    const table = parseLedger(text, config.ledger)
    if (table.fatal) {
      const place = 'start' in table.fatal.place ? table.fatal.place.start : table.fatal.place
      throw new UsageError(
        `${ledgerPath}:${place.line}:${place.column}: the ledger does not parse; run sop-lint and fix it first`
      )
    }
    try {
      await writeFileAtomic(out, reportHtml(table, config, {ledgerPath, generated: packageVersion()}))
    } catch (error) {
      throw writeFailed('--out', given, error)
    }
    const sessions = sessionsOf(table)
    const closed = sessions.filter((session) => session.actual !== undefined).length
    process.stdout.write(
      `sop-lint: wrote ${path.relative(process.cwd(), out) || out} (${sessions.length} sessions, ${closed} closed)\n`
    )
    return 0
  }
}
