/**
 * Reads the token ledger: csv-parse, strict (no `relax_*` option except the
 * column count, which sop-lint checks itself to report every ragged row with
 * its place instead of stopping at the first), decides the values; the
 * scanner places every cell at its line and column; src/ledger/row-schema.ts
 * types the cells. A syntax error is fatal — after a stray quote the parser has lost
 * sync and every later cell would be misread — so the table then holds that
 * one error and no rows.
 */
import {CsvError, parse} from 'csv-parse/sync'
import type {Point as UnistPoint, Position} from 'unist'
import type {SopLintConfig} from '../config/schema.js'
import {inertValue} from './formula.js'
import {typeCell, type CellIssue, type CellValue} from './row-schema.js'
import {scanRecords, type ScanError, type ScanResult} from './scan.js'

export type LedgerOptions = SopLintConfig['ledger']

/** A point in the ledger: line and column as an editor shows them (after a BOM), offset in the file's text (BOM included). */
export type Point = Required<UnistPoint>

/** A cell, made when a rule asks for it; its points are worked out when a message needs them. */
export class Cell {
  readonly value: string
  readonly startOffset: number
  readonly endOffset: number
  private readonly at: (offset: number) => Point

  constructor(value: string, startOffset: number, endOffset: number, at: (offset: number) => Point) {
    this.value = value
    this.startOffset = startOffset
    this.endOffset = endOffset
    this.at = at
  }

  get start(): Point {
    return this.at(this.startOffset)
  }

  get end(): Point {
    return this.at(this.endOffset)
  }
}

/** A record of the file (the header or a row): its values and, on demand, its cells and points. */
export class LedgerRow {
  /** The cells' values, as csv-parse read them. */
  readonly values: string[]
  /** More or fewer cells than the header: not typed, and left alone by the rules that need typed cells. */
  ragged = false
  /** Every cell empty. */
  blank = false
  /** Typed values of the configured columns whose cells are valid (a blank optional cell is `undefined`). */
  data: Partial<Record<string, CellValue>> = {}
  /** Notes carry the correction marker, or the correction column is filled. */
  correction = false
  /** Task is the planning task. */
  planning = false
  /** session_id names no session (`n/a`): the row has no key. */
  keyless = false
  /** Task records a moment of a session (`session_status_snapshot`): one session may have several. */
  snapshot = false
  private readonly scan: ScanResult
  private readonly record: number
  private readonly at: (offset: number) => Point

  constructor(values: string[], scan: ScanResult, record: number, at: (offset: number) => Point) {
    this.values = values
    this.scan = scan
    this.record = record
    this.at = at
  }

  get startOffset(): number {
    return this.scan.recordStart[this.record]!
  }

  get start(): Point {
    return this.at(this.startOffset)
  }

  get end(): Point {
    return this.at(this.scan.recordEnd[this.record]!)
  }

  /** Line the row starts on. */
  get line(): number {
    return this.start.line
  }

  cellAt(index: number): Cell | undefined {
    if (index < 0 || index >= this.values.length) return undefined
    const cell = this.scan.recordFirstCell[this.record]! + index
    return new Cell(this.values[index]!, this.scan.cellStart[cell]!, this.scan.cellEnd[cell]!, this.at)
  }

  get cells(): Cell[] {
    return this.values.map((_value, index) => this.cellAt(index)!)
  }
}

/**
 * What is wrong with the ledger, by kind, with the values the rules' messages
 * name. Syntax errors (fatal: the parser lost sync):
 * - `unclosedQuote`, `textAfterQuote` (`{text}`: what follows the quote),
 *   `quoteInUnquotedCell`, `syntax` (`{error}`: csv-parse's words),
 *   `ambiguousLineBreaks` (cells cannot be placed).
 *
 * The header and the rows:
 * - `empty` (no header line), `noHeader` (`{line, columns}`: the first line
 *   names none of them), `blankLabel` (`{column}`: 1-based), `duplicateLabel`
 *   (`{label, first}`), `missingColumn` (`{column, after?}`);
 * - `notUtf8`, `blankRow`, `missingCells` (`{count, width, missing}`),
 *   `extraCells` (`{count, width}`);
 * - a cell whose value does not fit its column: {@link CellIssue}.
 */
export type LedgerIssue = (
  | {kind: 'unclosedQuote' | 'quoteInUnquotedCell' | 'ambiguousLineBreaks' | 'empty' | 'notUtf8' | 'blankRow'}
  | {kind: 'textAfterQuote'; text: string}
  | {kind: 'syntax'; error: string}
  | {kind: 'noHeader'; line: number; columns: readonly string[]}
  | {kind: 'blankLabel'; column: number}
  | {kind: 'duplicateLabel'; label: string; first: number}
  | {kind: 'missingColumn'; column: string; after: string | undefined}
  | {kind: 'missingCells'; count: number; width: number; missing: string[]}
  | {kind: 'extraCells'; count: number; width: number}
  | CellIssue
) & {
  place: Point | Position
  /** Replacement for `place` (a range) or text to insert at it (a point). */
  expected?: string
}

export interface LedgerTable {
  options: LedgerOptions
  /** A syntax error: when set, there is no header and no row. */
  fatal: LedgerIssue | undefined
  header: LedgerRow | undefined
  /** Header label → index of its cell (the first, when a label repeats); empty when the header names no configured column. */
  columnIndex: Map<string, number>
  rows: LedgerRow[]
  /** What ledger-schema reports: header, ragged rows, types, encoding; in file order. */
  schemaIssues: LedgerIssue[]
  /** Whether the other rules have rows to check: it parsed and its header names configured columns. */
  usable: boolean
  /** The record delimiter the file uses (`\n` when it has none yet). */
  eol: string
  endsWithNewline: boolean
  /** The end of the file: where appended rows go. */
  end: Point
  /** The cell of a column in a row (with its place, for a message). */
  cell(row: LedgerRow, column: string): Cell | undefined
  /** The value of a column in a row. */
  value(row: LedgerRow, column: string): string | undefined
}

export function parseLedger(source: string, options: LedgerOptions, utf8?: boolean): LedgerTable {
  const bom = source.charCodeAt(0) === 0xfeff ? 1 : 0
  const text = bom ? source.slice(1) : source
  const point = pointer(text, bom)
  const scan = scanRecords(text)
  const table: LedgerTable = {
    options,
    fatal: undefined,
    header: undefined,
    columnIndex: new Map(),
    rows: [],
    schemaIssues: [],
    usable: false,
    eol: scan.recordDelimiter ?? '\n',
    endsWithNewline: /[\r\n]$/.test(text),
    end: point(text.length),
    cell: (row, column) => {
      const index = table.columnIndex.get(column)
      return index === undefined ? undefined : row.cellAt(index)
    },
    value: (row, column) => {
      const index = table.columnIndex.get(column)
      return index === undefined ? undefined : row.values[index]
    }
  }

  let values: string[][]
  try {
    values = parse(text, {skip_empty_lines: true, relax_column_count: true}) as string[][]
  } catch (error) {
    table.fatal = syntaxError(error, scan.error, text, point)
    return table
  }
  const recordCount = scan.recordStart.length
  const placed =
    !scan.error &&
    recordCount === values.length &&
    values.every((record, index) => record.length === scan.recordFirstCell[index + 1]! - scan.recordFirstCell[index]!)
  if (!placed) {
    table.fatal = {kind: 'ambiguousLineBreaks', place: point(0)}
    return table
  }

  const records = values.map((record, index) => new LedgerRow(record, scan, index, point))
  const issues: Array<LedgerIssue & {order: number}> = []
  const add = (issue: LedgerIssue, order: number) => issues.push({...issue, order})
  const headerText = options.columns.map(csvCell).join(',')

  const [header, ...rows] = records
  if (!header) {
    add({kind: 'empty', place: point(0), expected: `${headerText}${table.eol}`}, 0)
  } else {
    table.header = header
    readHeader(table, header, options, headerText, add)
  }
  // `utf8`: the bytes were valid UTF-8, so a “\uFFFD” is a character the ledger holds.
  for (const offset of utf8 === true ? [] : undecodable(text)) {
    add({kind: 'notUtf8', place: point(offset)}, offset)
  }
  table.usable = options.columns.some((column) => table.columnIndex.has(column))
  if (!table.usable || !header) {
    table.schemaIssues = sortIssues(issues)
    return table
  }

  const columns = options.columns.filter((column) => table.columnIndex.has(column))
  const width = header.values.length
  for (const row of rows) {
    const cellCount = row.values.length
    row.ragged = cellCount !== width
    row.blank = row.values.every((value) => value === '')
    table.rows.push(row)
    const order = row.startOffset
    if (row.blank) {
      add({kind: 'blankRow', place: {start: row.start, end: row.end}}, order)
      continue
    }
    if (cellCount < width) {
      const missing = header.values.slice(cellCount)
      add({kind: 'missingCells', count: cellCount, width, missing, place: row.end}, order)
    } else if (cellCount > width) {
      add({kind: 'extraCells', count: cellCount, width, place: {start: row.cellAt(width)!.start, end: row.end}}, order)
    }
    const notes = table.value(row, 'notes') ?? ''
    const correction = options.correctionColumn === undefined ? undefined : table.value(row, options.correctionColumn)
    row.correction = notes.includes(options.correctionMarker) || (correction !== undefined && correction.trim() !== '')
    row.planning = table.value(row, 'task') === options.planningTask
    const session = (table.value(row, 'session_id') ?? '').trim().toLowerCase()
    row.keyless = options.noSessionIds.some((value) => value.trim().toLowerCase() === session)
    const task = (table.value(row, 'task') ?? '').toLowerCase()
    row.snapshot = options.snapshotWords.some((word) => task.includes(word.toLowerCase()))
    if (row.ragged) continue

    for (const column of columns) {
      const typed = typeCell(column, table.value(row, column)!)
      if (typed.issue === undefined) {
        row.data[column] = typed.value
        continue
      }
      const cell = table.cell(row, column)!
      add({...typed.issue, place: placeOf(cell)}, cell.startOffset)
    }
  }
  table.schemaIssues = sortIssues(issues)
  return table
}

/** A cell's place in messages: its range, or the point between its delimiters when it is empty. */
export function placeOf(cell: Cell): Point | Position {
  return cell.startOffset === cell.endOffset ? cell.start : {start: cell.start, end: cell.end}
}

/**
 * A value as the ledger's writers write a cell: text a spreadsheet would run
 * as a formula gets an apostrophe in front (the predicate of ledger-formula),
 * then it is quoted when it holds a delimiter, a quote, a line break or edge
 * spaces.
 */
export function csvCell(value: string): string {
  const inert = inertValue(value)
  return /[",\r\n]|^\s|\s$/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert
}

/** Whether the header has every one of these columns (the rules that need them check first). */
export function hasColumns(table: LedgerTable, ...columns: string[]): boolean {
  return columns.every((column) => table.columnIndex.has(column))
}

export {columnKind} from './row-schema.js'

function readHeader(
  table: LedgerTable,
  header: LedgerRow,
  options: LedgerOptions,
  headerText: string,
  add: (issue: LedgerIssue, order: number) => void
): void {
  if (!options.columns.some((column) => header.values.includes(column))) {
    add(
      {
        kind: 'noHeader',
        line: header.start.line,
        columns: options.columns,
        place: header.start,
        expected: `${headerText}${table.eol}`
      },
      header.startOffset
    )
    return
  }
  const seen = new Map<string, number>()
  header.cells.forEach((cell, index) => {
    const label = cell.value
    if (label.trim() === '') {
      add({kind: 'blankLabel', column: index + 1, place: placeOf(cell)}, cell.startOffset)
      return
    }
    const first = seen.get(label)
    if (first !== undefined) {
      add({kind: 'duplicateLabel', label, first: first + 1, place: placeOf(cell)}, cell.startOffset)
      return
    }
    seen.set(label, index)
  })
  for (const [label, index] of seen) table.columnIndex.set(label, index)
  options.columns.forEach((column, position) => {
    if (seen.has(column)) return
    const before = options.columns
      .slice(0, position)
      .reverse()
      .find((name) => seen.has(name))
    const after = before === undefined ? undefined : header.cellAt(seen.get(before)!)!
    add(
      {kind: 'missingColumn', column, after: before, place: after ? after.end : header.start},
      after ? after.endOffset : header.startOffset
    )
  })
}

function syntaxError(
  error: unknown,
  scanned: ScanError | undefined,
  text: string,
  point: (offset: number) => Point
): LedgerIssue {
  if (scanned) {
    const place = point(scanned.offset)
    switch (scanned.kind) {
      case 'unclosed-quote':
        return {kind: 'unclosedQuote', place}
      case 'text-after-quote':
        return {kind: 'textAfterQuote', text: text.slice(scanned.offset, scanned.offset + 1), place}
      case 'quote-in-unquoted-cell':
        return {kind: 'quoteInUnquotedCell', place}
    }
  }
  const line =
    error instanceof CsvError && typeof (error as CsvError & {lines?: unknown}).lines === 'number'
      ? (error as CsvError & {lines: number}).lines
      : 1
  return {
    kind: 'syntax',
    error: error instanceof Error ? error.message : String(error),
    place: lineStart(text, line, point)
  }
}

function lineStart(text: string, line: number, point: (offset: number) => Point): Point {
  let offset = 0
  for (let current = 1; current < line; current++) {
    const next = text.slice(offset).search(/\r\n|\n|\r/)
    if (next === -1) break
    offset += next + (text.startsWith('\r\n', offset + next) ? 2 : 1)
  }
  return point(offset)
}

/** Offsets of the first replacement character (an undecodable byte sequence) on each line. */
function undecodable(text: string): number[] {
  const offsets: number[] = []
  let lineEnd = -1
  for (let index = text.indexOf('\uFFFD'); index !== -1; index = text.indexOf('\uFFFD', index + 1)) {
    if (index < lineEnd) continue
    offsets.push(index)
    const rest = text.slice(index).search(/[\r\n]/)
    lineEnd = rest === -1 ? text.length : index + rest
  }
  return offsets
}

function sortIssues(issues: Array<LedgerIssue & {order: number}>): LedgerIssue[] {
  return issues
    .map((issue, index) => ({issue, index}))
    .sort((a, b) => a.issue.order - b.issue.order || a.index - b.index)
    .map(({issue: {order: _order, ...issue}}) => issue)
}

/** Maps offsets of `text` to points; lines break at `\r\n`, `\n` or `\r`, as editors count them. */
function pointer(text: string, bom: number): (offset: number) => Point {
  const starts = [0]
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code === 13) {
      if (text.charCodeAt(index + 1) === 10) index++
      starts.push(index + 1)
    } else if (code === 10) {
      starts.push(index + 1)
    }
  }
  return (offset) => {
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (starts[middle]! <= offset) low = middle
      else high = middle - 1
    }
    return {line: low + 1, column: offset - starts[low]! + 1, offset: offset + bom}
  }
}
