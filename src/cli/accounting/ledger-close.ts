/**
 * Closing the ledger's open planning row at the end of a session: its
 * `tokens_actual` and `delta` cells, empty until now, get the figure, written
 * as insertions into those cells — every other byte of the file stays as it
 * was (the cautionary tale of this field is a fixer that rewrote a shared CSV
 * and lost rows).
 */
import {UsageError} from '../../config/errors.js'
import type {SopLintConfig} from '../../config/schema.js'
import {csvCell, hasColumns, parseLedger, type Cell, type LedgerRow, type LedgerTable} from '../../ledger/parse.js'
import {formatCount} from '../../tokens/reading-budget.js'
import {claudeCumulative, claudePeakContext, readClaudeSessions, type ClaudeSession} from '../../tokens/usage/claude.js'
import {cumulativeTotal, peakContext, readCodexSessions, type CodexSession} from '../../tokens/usage/codex.js'
import {formatTime, localDate} from '../../tokens/usage/jsonl.js'

/** Which figure of a session goes into `tokens_actual`. */
export type Figure = 'peak' | 'total'

/** The figure to write and the account of where it came from. */
export interface ActualFigure {
  tokens: number
  /** Sentences saying which figure it is, from which session and event, and why. */
  why: string[]
}

export interface OpenRow {
  table: LedgerTable
  row: LedgerRow
  date: string
  planned: number
}

/**
 * The open planning row: the one whose `tokens_actual` is empty. With
 * several open, `date` says which (closing the wrong session's row would
 * put one session's usage against another's plan).
 */
export function findOpenRow(
  text: string,
  config: SopLintConfig,
  ledgerPath: string,
  date: string | undefined,
  line?: number
): OpenRow {
  const table = parseLedger(text, config.ledger)
  if (table.fatal) {
    const place = 'start' in table.fatal.place ? table.fatal.place.start : table.fatal.place
    throw new UsageError(
      `${ledgerPath}:${place.line}:${place.column}: the ledger does not parse; run sop-lint and fix it first`
    )
  }
  const missing = ['date', 'task', 'tokens_planned', 'tokens_actual', 'delta'].filter(
    (column) => !hasColumns(table, column)
  )
  if (missing.length > 0)
    throw new UsageError(
      `${ledgerPath} has no column ${missing.join(', ')}: ledger close fills tokens_actual and delta`
    )
  const open = table.rows.filter((row) => row.planning && !row.ragged && table.value(row, 'tokens_actual') === '')
  const describe = (row: LedgerRow) => `${table.value(row, 'date')} (line ${row.line})`
  let candidates = open
  if (line !== undefined) {
    const row = table.rows.find((candidate) => candidate.line === line)
    if (!row || !row.planning)
      throw new UsageError(
        `line ${line} of ${ledgerPath} is not a planning row${open.length > 0 ? `; open ones: ${open.map(describe).join(', ')}` : ''}`
      )
    if (!open.includes(row))
      throw new UsageError(
        `the planning row ${describe(row)} is closed already (its tokens_actual is filled): nothing to do`
      )
    candidates = [row]
  } else if (date !== undefined) {
    candidates = open.filter((row) => table.value(row, 'date') === date)
    if (candidates.length === 0) {
      const closed = table.rows.some((row) => row.planning && table.value(row, 'date') === date)
      throw new UsageError(
        closed
          ? `the planning row of ${date} in ${ledgerPath} is closed already (its tokens_actual is filled): nothing to do`
          : `${ledgerPath} has no planning row dated ${date}${open.length > 0 ? `; open ones: ${open.map(describe).join(', ')}` : ''}`
      )
    }
  }
  if (candidates.length === 0) {
    throw new UsageError(
      `${ledgerPath} has no open planning row (task ${config.ledger.planningTask} with an empty tokens_actual): nothing to close`
    )
  }
  if (candidates.length > 1) {
    throw new UsageError(
      `${ledgerPath} has ${candidates.length} open planning rows, ${candidates.map(describe).join(', ')}: pass ${date === undefined && new Set(candidates.map((row) => table.value(row, 'date'))).size === candidates.length ? '--date YYYY-MM-DD' : '--line N'} to say which session ended`
    )
  }
  const row = candidates[0]!
  const planned = row.data.tokens_planned
  if (typeof planned !== 'number') {
    throw new UsageError(
      `the planning row ${describe(row)} has no tokens_planned integer (${JSON.stringify(table.value(row, 'tokens_planned'))}): write the plan's target first, delta needs it`
    )
  }
  const delta = table.value(row, 'delta')
  if (delta !== '')
    throw new UsageError(
      `the planning row ${describe(row)} has a delta (${delta}) but no tokens_actual: clear the delta, or fill tokens_actual by hand`
    )
  return {table, row, date: table.value(row, 'date')!, planned}
}

/**
 * The text with `tokens_actual` and `delta` of the row filled: two
 * insertions into empty cells (an empty quoted cell, `""`, is replaced by the
 * figure). Offsets of cells are in the text without its byte order mark.
 */
export function fillRow(text: string, open: OpenRow, actual: number): {text: string; delta: number} {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0
  const delta = actual - open.planned
  const edits = [
    {cell: open.table.cell(open.row, 'tokens_actual')!, value: csvCell(String(actual))},
    {cell: open.table.cell(open.row, 'delta')!, value: csvCell(String(delta))}
  ].sort((a, b) => b.cell.startOffset - a.cell.startOffset)
  let result = text
  for (const {cell, value} of edits) result = replaceCell(result, cell, value, bom)
  return {text: result, delta}
}

function replaceCell(text: string, cell: Cell, value: string, bom: number): string {
  return text.slice(0, cell.startOffset + bom) + value + text.slice(cell.endOffset + bom)
}

/** `--actual N`. */
export function actualGiven(value: string): ActualFigure {
  if (!/^\d+$/.test(value))
    throw new UsageError(`--actual ${value}: expected a whole number of tokens, e.g. --actual 183402`)
  const tokens = Number(value)
  return {tokens, why: [`tokens_actual ${formatCount(tokens)} as given with --actual.`]}
}

/** The session a row closes: the newest one in the repository that started on or after the row's date (or the one named). */
function pickSession<Session extends {id: string; started: Date}>(
  sessions: readonly Session[],
  rowDate: string,
  sessionId: string | undefined,
  where: string
): {session: Session; others: number} {
  if (sessionId !== undefined) {
    const named = sessions.filter((session) => session.id.startsWith(sessionId))
    if (named.length === 0) throw new UsageError(`no session ${sessionId} in ${where}`)
    if (named.length > 1)
      throw new UsageError(`--session ${sessionId} names ${named.length} sessions in ${where}: give more of the id`)
    return {session: named[0]!, others: 0}
  }
  const matching = sessions.filter((session) => localDate(session.started) >= rowDate)
  const session = matching.at(-1)
  if (!session) {
    const latest = sessions.at(-1)
    throw new UsageError(
      `no session in ${where} started on or after ${rowDate}, the planning row's date${latest ? ` (the latest started ${formatTime(latest.started)})` : ''}: pass --session ID, or --actual N`
    )
  }
  return {session, others: matching.length - 1}
}

/** The figure from Codex CLI's rollouts. */
export function actualFromCodex(
  folder: string,
  root: string,
  rowDate: string,
  options: {sessionId: string | undefined; figure: Figure; contextWindow: number}
): ActualFigure {
  const sessions = readCodexSessions(folder, root, options.sessionId === undefined ? rowDate : undefined)
  const where = `the Codex sessions in ${folder} that ran in ${root}`
  const {session, others} = pickSession<CodexSession>(sessions, rowDate, options.sessionId, where)
  const peak = peakContext(session)
  const total = cumulativeTotal(session)
  if (!peak || !total)
    throw new UsageError(
      `Codex session ${session.id} (${session.file}) has no token_count with usage yet: nothing to close with`
    )
  const window = peak.event.modelContextWindow
  const windowNote =
    window !== undefined && window !== options.contextWindow
      ? ` Codex reports model_context_window ${formatCount(window)} (the share of the ${formatCount(options.contextWindow)}-token window it lets a session fill); the plan's band is of ${formatCount(options.contextWindow)}.`
      : ''
  const sessionText = `Codex session ${session.id} (started ${formatTime(session.started)})`
  const othersText = othersNotCounted(others, rowDate)
  if (options.figure === 'total') {
    return {
      tokens: total.tokens,
      why: [
        `tokens_actual is the cumulative usage ${formatCount(total.tokens)} (total_token_usage.total_tokens of the last token_count, ${formatTime(total.event.time)}, line ${total.event.line}) of ${sessionText}, as --figure total asks.`,
        `Its peak context was ${formatCount(peak.tokens)}.${othersText}`
      ]
    }
  }
  return {
    tokens: peak.tokens,
    why: [
      `tokens_actual is the peak context ${formatCount(peak.tokens)} (last_token_usage.total_tokens of the token_count at ${formatTime(peak.event.time)}, line ${peak.event.line}) of ${sessionText}: the plan budgets the context window, and this is the most of it the session held.${windowNote}`,
      `The session's cumulative usage, ${formatCount(total.tokens)} (total_token_usage, every turn's input counted again), was not written; --figure total writes it.${othersText}`
    ]
  }
}

/** The figure from Claude Code's project logs. */
export function actualFromClaude(
  folder: string,
  root: string,
  rowDate: string,
  options: {sessionId: string | undefined; figure: Figure}
): ActualFigure {
  const sessions = readClaudeSessions(folder, root)
  const where = `the Claude Code sessions in ${folder} that ran in ${root}`
  const {session, others} = pickSession<ClaudeSession>(sessions, rowDate, options.sessionId, where)
  const peak = claudePeakContext(session)
  if (!peak)
    throw new UsageError(`Claude Code session ${session.id} has no assistant message with usage: nothing to close with`)
  const cumulative = claudeCumulative(session)
  const sessionText = `Claude Code session ${session.id} (started ${formatTime(session.started)}, ${session.requests.length} requests; ${session.duplicates} streamed duplicate line${session.duplicates === 1 ? '' : 's'} with the same message id and request id counted once)`
  const othersText = othersNotCounted(others, rowDate)
  if (options.figure === 'total') {
    return {
      tokens: cumulative,
      why: [
        `tokens_actual is the cumulative usage ${formatCount(cumulative)} (input, cache writes, cache reads and output of every request) of ${sessionText}, as --figure total asks.${othersText}`
      ]
    }
  }
  return {
    tokens: peak.context,
    why: [
      `tokens_actual is the peak context ${formatCount(peak.context)} (input ${formatCount(peak.input)} + cache writes ${formatCount(peak.cacheCreation)} + cache reads ${formatCount(peak.cacheRead)} + output ${formatCount(peak.output)} of the request at ${formatTime(peak.time)}) of ${sessionText}: the plan budgets the context window, and this is the most of it the session held.`,
      `The session's cumulative usage, ${formatCount(cumulative)}, was not written; --figure total writes it.${othersText}`
    ]
  }
}

/** What the figure leaves out when the logs hold more sessions since the row's date than the one taken. */
function othersNotCounted(others: number, rowDate: string): string {
  return others > 0
    ? ` ${others} earlier session${others > 1 ? 's' : ''} since ${rowDate} ${others > 1 ? 'were' : 'was'} not counted; pass --session ID to choose another.`
    : ''
}
