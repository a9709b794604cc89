import path from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import {reportHtml, sessionsOf} from './accounting/report-html.js'
import {UsageError} from '../config/errors.js'
import {parseLedger} from '../ledger/parse.js'
import {configChoice} from './config-choice.js'
import {parseOptions} from './options.js'
import {outputPath, writeFailed} from './output-path.js'
import {readDocument} from './read-document.js'
import {chosenWorkspace} from './workspace-choice.js'
import {packageVersion} from '../config/package-version.js'
import {reportOptions as options} from './commands/report.js'

export async function runReport(argv: string[]): Promise<number> {
  const {values, positionals} = parseOptions(options, argv, 'sop-lint report')
  if (positionals.length > 0)
    throw new UsageError(`report takes no file names (got ${positionals.join(' ')}); use --out FILE`)
  const given = values.out ?? 'sop-lint-report.html'
  const out = outputPath('--out', given)
  const {config, source} = await chosenWorkspace(values, 'report', await configChoice(values))
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
