import {parseArgs} from 'node:util'
import {actualFromClaude, actualFromCodex, actualGiven, fillRow, findOpenRow, type ActualFigure, type Figure} from '../accounting/ledger-close.js'
import {UsageError} from '../config/errors.js'
import {loadConfig} from '../config/load.js'
import {formatDiff} from '../fix/diff.js'
import {writeChanges} from '../fix/write-changes.js'
import {claudeProjectsFolder} from '../usage/claude.js'
import {codexSessionsFolder} from '../usage/codex.js'
import {WorkingTreeSource} from '../workspace/source.js'
import type {Command} from './command.js'
import {readDocument} from './read-document.js'
import {findRoot} from './root.js'

const help = `Usage: sop-lint ledger close [--actual N | --from-codex [DIR] | --from-claude [DIR]]
                           [--date YYYY-MM-DD | --line N] [--session ID] [--figure peak|total]
                           [--dry-run] [--root DIR]

Close the token ledger's open planning row at the end of a session: fill its
empty tokens_actual and delta (= tokens_actual − tokens_planned) cells. Every
other byte of the ledger stays as it is; the file is replaced atomically.
Says which figure it wrote and where it comes from.

Where the figure comes from (one of):
  --actual N           the number you give
  --from-codex [DIR]   Codex CLI's session logs (default $CODEX_HOME/sessions,
                       else ~/.codex/sessions): the newest session that ran in
                       this repository and started on or after the row's date
  --from-claude [DIR]  Claude Code's logs (default $CLAUDE_CONFIG_DIR/projects,
                       else ~/.claude/projects), streamed duplicate lines
                       (same message id and request id) counted once

Options:
  --figure peak|total  from logs: the peak context of the session (default; the
                       plan budgets the context window) or its cumulative usage
  --session ID         from logs: the session to use (a prefix of its id)
  --date YYYY-MM-DD    the planning row to close, when several are open
  --line N             the planning row at line N, when several open ones share a date
  --dry-run            print the change as a unified diff and write nothing
  --root DIR           repository root (default: git top level of the cwd)
  -h, --help           show this help`

/** `--flag DIR` or `--flag` alone: node's parseArgs has no optional values, so a following word that is not an option is taken as the folder. */
export function optionalValue(argv: string[], flag: string): {argv: string[]; present: boolean; value: string | undefined} {
  const rest: string[] = []
  let present = false
  let value: string | undefined
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!
    if (arg === flag) {
      present = true
      const next = argv[index + 1]
      if (next !== undefined && !next.startsWith('-')) {
        value = next
        index++
      }
    } else if (arg.startsWith(`${flag}=`)) {
      present = true
      value = arg.slice(flag.length + 1)
    } else {
      rest.push(arg)
    }
  }
  return {argv: rest, present, value}
}

export const ledgerCloseCommand: Command = {
  words: ['ledger', 'close'],
  summary: "fill the open planning row's tokens_actual and delta",
  help,
  async run(argv) {
    const codex = optionalValue(argv, '--from-codex')
    const claude = optionalValue(codex.argv, '--from-claude')
    const {values, positionals} = parseArgs({
      args: claude.argv,
      strict: true,
      allowPositionals: true,
      options: {
        actual: {type: 'string'},
        date: {type: 'string'},
        line: {type: 'string'},
        session: {type: 'string'},
        figure: {type: 'string', default: 'peak'},
        'dry-run': {type: 'boolean', default: false},
        root: {type: 'string'}
      }
    })
    if (positionals.length > 0) throw new UsageError(`ledger close takes no file names (got ${positionals.join(' ')}); see sop-lint ledger close --help`)
    const sources = [values.actual !== undefined, codex.present, claude.present].filter(Boolean).length
    if (sources !== 1) throw new UsageError('ledger close needs one of --actual N, --from-codex [DIR] or --from-claude [DIR]; see sop-lint ledger close --help')
    if (values.figure !== 'peak' && values.figure !== 'total') throw new UsageError(`--figure ${values.figure}: expected peak or total`)
    if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new UsageError(`--date ${values.date}: expected YYYY-MM-DD`)
    if (values.line !== undefined && !/^[1-9]\d*$/.test(values.line)) throw new UsageError(`--line ${values.line}: expected a line number of the ledger`)
    if (values.line !== undefined && values.date !== undefined) throw new UsageError('pass --date or --line, not both')
    const figure = values.figure as Figure

    const root = findRoot(values.root)
    const {config} = await loadConfig(root)
    const ledgerPath = config.paths.ledger
    const before = readDocument(new WorkingTreeSource(root), ledgerPath)
    if (before === undefined) throw new UsageError(`${ledgerPath} does not exist: there is no ledger row to close`)
    const open = findOpenRow(before, config, ledgerPath, values.date, values.line === undefined ? undefined : Number(values.line))

    let actual: ActualFigure
    if (values.actual !== undefined) actual = actualGiven(values.actual)
    else if (codex.present) {
      actual = actualFromCodex(codexSessionsFolder(codex.value), root, open.date, {sessionId: values.session, figure, contextWindow: config.budget.contextWindow})
    } else {
      actual = actualFromClaude(claudeProjectsFolder(claude.value), root, open.date, {sessionId: values.session, figure})
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
}
