import {mkdirSync} from 'node:fs'
import path from 'node:path'
import {parseArgs} from 'node:util'
import writeFileAtomic from 'write-file-atomic'
import {reportHtml, sessionsOf} from '../accounting/report-html.js'
import {UsageError} from '../config/errors.js'
import {loadConfig} from '../config/load.js'
import {parseLedger} from '../ledger/parse.js'
import {WorkingTreeSource} from '../workspace/source.js'
import type {Command} from './command.js'
import {readDocument} from './read-document.js'
import {findRoot} from './root.js'
import {packageVersion} from './version.js'

const help = `Usage: sop-lint report [--out FILE] [--root DIR]

Write one self-contained HTML page from the token ledger: an SVG chart of
planned against actual tokens per session (the planning rows) over the
budget band (70–80% of the context window by default), the delta of each
session, and the ledger as a table. Inline CSS and SVG only — no script, no
font, no URL — so it opens offline; light and dark colours follow the
system's setting.

Options:
  --out FILE   where to write it (default: sop-lint-report.html in the
               current folder)
  --root DIR   repository root (default: git top level of the cwd)
  -h, --help   show this help`

export const reportCommand: Command = {
  words: ['report'],
  summary: 'write an HTML chart of planned vs actual tokens per session',
  help,
  async run(argv) {
    const {values, positionals} = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {out: {type: 'string'}, root: {type: 'string'}}
    })
    if (positionals.length > 0) throw new UsageError(`report takes no file names (got ${positionals.join(' ')}); use --out FILE`)
    const root = findRoot(values.root)
    const {config} = await loadConfig(root)
    const ledgerPath = config.paths.ledger
    const text = readDocument(new WorkingTreeSource(root), ledgerPath)
    if (text === undefined) throw new UsageError(`${ledgerPath} does not exist: there is nothing to chart`)
    const table = parseLedger(text, config.ledger)
    if (table.fatal) {
      const place = 'start' in table.fatal.place ? table.fatal.place.start : table.fatal.place
      throw new UsageError(`${ledgerPath}:${place.line}:${place.column}: the ledger does not parse; run sop-lint and fix it first`)
    }
    const out = path.resolve(values.out ?? 'sop-lint-report.html')
    mkdirSync(path.dirname(out), {recursive: true})
    await writeFileAtomic(out, reportHtml(table, config, {ledgerPath, generated: packageVersion()}))
    const sessions = sessionsOf(table)
    const closed = sessions.filter((session) => session.actual !== undefined).length
    process.stdout.write(`sop-lint: wrote ${path.relative(process.cwd(), out) || out} (${sessions.length} sessions, ${closed} closed)\n`)
    return 0
  }
}
