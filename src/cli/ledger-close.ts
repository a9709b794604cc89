import {
  actualFromClaude,
  actualFromCodex,
  actualGiven,
  fillRow,
  findOpenRow,
  type ActualFigure,
  type Figure
} from './accounting/ledger-close.js'
import {UsageError} from '../config/errors.js'
import {didYouMean} from '../config/suggest.js'
import {formatDiff} from '../engine/fix/diff.js'
import {writeChanges} from '../engine/fix/write-changes.js'
import {claudeProjectsFolder} from '../tokens/usage/claude.js'
import {codexSessionsFolder} from '../tokens/usage/codex.js'
import {configChoice} from './config-choice.js'
import {logsFolder} from './logs-folder.js'
import {parseOptions} from './options.js'
import {readDocument} from './read-document.js'
import {chosenWorkspace} from './workspace-choice.js'
import {ledgerCloseOptions as options} from './commands/ledger-close.js'

export async function runLedgerClose(argv: string[]): Promise<number> {
  const {values, positionals} = parseOptions(options, argv, 'sop-lint ledger close')
  const codex = values['from-codex']
  const claude = values['from-claude']
  if (positionals.length > 0)
    throw new UsageError(
      `ledger close takes no file names (got ${positionals.join(' ')}); see sop-lint ledger close --help`
    )
  const sources = [values.actual !== undefined, codex !== undefined, claude !== undefined].filter(Boolean).length
  if (sources !== 1)
    throw new UsageError(
      'ledger close needs one of --actual N, --from-codex [DIR] or --from-claude [DIR]; see sop-lint ledger close --help'
    )
  const figureName = values.figure ?? 'peak'
  if (figureName !== 'peak' && figureName !== 'total')
    throw new UsageError(`--figure ${figureName}: expected peak or total${didYouMean(figureName, ['peak', 'total'])}`)
  if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date))
    throw new UsageError(`--date ${values.date}: expected YYYY-MM-DD`)
  if (values.line !== undefined && !/^[1-9]\d*$/.test(values.line))
    throw new UsageError(`--line ${values.line}: expected a line number of the ledger`)
  if (values.line !== undefined && values.date !== undefined) throw new UsageError('pass --date or --line, not both')
  const figure: Figure = figureName

  const {root, config, source} = await chosenWorkspace(values, 'ledger close', await configChoice(values))
  const ledgerPath = config.paths.ledger
  const before = readDocument(source, ledgerPath)
  if (before === undefined) throw new UsageError(`${ledgerPath} does not exist: there is no ledger row to close`)
  const open = findOpenRow(
    before,
    config,
    ledgerPath,
    values.date,
    values.line === undefined ? undefined : Number(values.line)
  )

  let actual: ActualFigure
  if (values.actual !== undefined) actual = actualGiven(values.actual)
  else if (codex !== undefined) {
    const given = codex === true ? undefined : codex
    const folder = logsFolder('--from-codex', given, codexSessionsFolder(given), 'Codex')
    actual = actualFromCodex(folder, root, open.date, {
      sessionId: values.session,
      figure,
      contextWindow: config.budget.contextWindow
    })
  } else {
    const given = claude === true ? undefined : claude
    const folder = logsFolder('--from-claude', given, claudeProjectsFolder(given), 'Claude Code')
    actual = actualFromClaude(folder, root, open.date, {sessionId: values.session, figure})
  }

  const {text: after, delta} = fillRow(before, open, actual.tokens)
  const summary = `the planning row of ${open.date} (line ${open.row.line}): tokens_actual ${actual.tokens}, delta ${delta} (${actual.tokens} − ${open.planned} planned)`
  const account = actual.why.map((line) => `  ${line}\n`).join('')
  if (values['dry-run']) {
    process.stdout.write(formatDiff([{path: ledgerPath, before, after}]))
    process.stdout.write(`sop-lint: would close ${summary}; nothing written (dry run)\n${account}`)
    return 0
  }
  const outcome = await writeChanges(root, [{path: ledgerPath, before, after}])
  const skipped = outcome.skipped[0]
  if (skipped) throw new UsageError(`${ledgerPath} ${skipped.reason}`)
  process.stdout.write(`sop-lint: closed ${summary} in ${ledgerPath}\n${account}`)
  return 0
}
