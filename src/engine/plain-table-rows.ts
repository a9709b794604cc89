/**
 * Plain rows of long pipe tables are built without the parser. micromark
 * reads a table row at about a quarter of its speed on prose (every cell is
 * tokenized as inline text, then walked again for autolink literals), and
 * the Task ↔ Spec table keeps a row for every task ever done: on five years
 * of sessions its parse alone cost more than the rest of a check.
 *
 * A row is plain when what it holds can only be read one way: it starts and
 * ends with a pipe, has a cell per column of its table, and its cells hold
 * text without any character that opens an inline construct (emphasis,
 * links, HTML, character references, escapes, autolink literals) and code
 * spans of single backticks. Such a row's tree — cells from pipe to pipe,
 * text trimmed of its spaces, code spans — is built here from the line, and
 * the line is left out of the text the parser reads. The tree is then that
 * of the whole text, positions included (test/plain-table-rows.test.ts
 * compares the two on generated rows).
 *
 * Which lines form a table is the parser's call: the rows are put back only
 * into a table the parser found at the top level, starting on the header
 * line, that holds every row left in its text; anything else (a table inside
 * an HTML comment, a header the delimiter row does not match) and the whole
 * text is parsed instead.
 */
import type {Root, RootContent, Table, TableCell, TableRow} from 'mdast'
import type {Processor} from 'unified'
import type {Point} from 'unist'
import type {VFile} from 'vfile'
import {fencedLines, frontmatterEnd, splitLines, type Line} from '../markdown/line-scan.js'
import {isDelimiterRow} from '../markdown/table-delimiter.js'
import {parseSegments, type Segment} from '../markdown/growing-part.js'

/** Below this many plain rows in a document, the parser reads them all: too few to measure. */
export const plainRowsMin = 16

/** A line that may be a plain row: pipes at both ends, and no escape, tab or other control character, nor a character beyond the BMP. */
const plainLine = /^\|[^\\\p{Cc}\p{Cs}\u{10000}-\u{10FFFF}]*\|$/u
/** Text outside code spans that could open an inline construct: emphasis, strikethrough, links, HTML, a character reference, an autolink literal (`www.`, a scheme, an address). */
const opensInline = /[*_~[\]<>&@]|www\.|:\/\//i

/** A table of the text whose plain body rows are left out: its header line, the rows kept for the parser, and the rows built here. */
interface PlainTable {
  header: Line
  kept: Line[]
  built: Array<{line: Line; number: number; pipes: number[]}>
}

/** Tables with plain rows, from the lines (after frontmatter, outside fenced code). */
function plainTables(lines: readonly Line[]): PlainTable[] {
  const first = frontmatterEnd(lines)
  if (first === undefined) return []
  const fenced = fencedLines(lines, first)
  const tables: PlainTable[] = []
  for (let index = first; index + 1 < lines.length; index++) {
    const header = lines[index]!
    const opens =
      index === first || lines[index - 1]!.text.trim() === '' || /^#{1,6}([ \t]|$)/.test(lines[index - 1]!.text)
    if (
      fenced[index] ||
      fenced[index + 1] ||
      !opens ||
      !header.text.startsWith('|') ||
      !isDelimiterRow(lines[index + 1]!.text)
    )
      continue
    const columns = delimiterCells(lines[index + 1]!.text)
    const table: PlainTable = {header, kept: [], built: []}
    let row = index + 2
    for (; row < lines.length && !fenced[row] && lines[row]!.text.startsWith('|'); row++) {
      const line = lines[row]!
      const pipes = plainPipes(line.text, columns)
      if (pipes) table.built.push({line, number: row + 1, pipes})
      else table.kept.push(line)
    }
    if (table.built.length > 0) tables.push(table)
    index = row - 1
  }
  return tables
}

/** How many cells a delimiter row has. */
function delimiterCells(line: string): number {
  let body = line.trim()
  if (body.startsWith('|')) body = body.slice(1)
  if (body.endsWith('|')) body = body.slice(0, -1)
  return body.split('|').length
}

/** The offsets of a plain row's pipes (one more than its cells), or `undefined` when the row is not plain or not as wide as its table. */
function plainPipes(text: string, columns: number): number[] | undefined {
  if (!plainLine.test(text)) return undefined
  const pipes: number[] = []
  for (let at = text.indexOf('|'); at !== -1; at = text.indexOf('|', at + 1)) pipes.push(at)
  if (pipes.length !== columns + 1) return undefined
  for (let cell = 0; cell < columns; cell++) {
    if (!plainCell(text.slice(pipes[cell]! + 1, pipes[cell + 1]!))) return undefined
  }
  return pipes
}

/**
 * Whether a cell is text that opens nothing and code spans of one backtick
 * (no two side by side), each holding text that neither starts nor ends with a space.
 */
function plainCell(cell: string): boolean {
  if (cell.includes('``')) return false
  const parts = cell.split('`')
  if (parts.length % 2 === 0) return false
  return parts.every((part, index) =>
    index % 2 === 0 ? !opensInline.test(part) : !part.startsWith(' ') && !part.endsWith(' ')
  )
}

/** The tree of a plain row, as the parser builds it. */
function buildRow(line: Line, number: number, pipes: readonly number[]): TableRow {
  const point = (column: number): Point => ({line: number, column: column + 1, offset: line.start + column})
  const cells: TableCell[] = []
  for (let cell = 0; cell + 1 < pipes.length; cell++) {
    const from = pipes[cell]!
    const to = pipes[cell + 1]!
    const last = cell + 2 === pipes.length
    cells.push({
      type: 'tableCell',
      children: cellContent(line.text, from + 1, to, point),
      position: {start: point(from), end: point(last ? to + 1 : to)}
    })
  }
  return {type: 'tableRow', children: cells, position: {start: point(0), end: point(line.text.length)}}
}

/** A cell's text between its spaces: runs of text and code spans. */
function cellContent(text: string, from: number, to: number, point: (column: number) => Point): TableCell['children'] {
  let start = from
  let end = to
  while (start < end && text[start] === ' ') start++
  while (end > start && text[end - 1] === ' ') end--
  const content: TableCell['children'] = []
  let at = start
  while (at < end) {
    const open = text.indexOf('`', at)
    const textEnd = open === -1 || open >= end ? end : open
    if (textEnd > at)
      content.push({type: 'text', value: text.slice(at, textEnd), position: {start: point(at), end: point(textEnd)}})
    if (textEnd === end) break
    const close = text.indexOf('`', open + 1)
    content.push({
      type: 'inlineCode',
      value: text.slice(open + 1, close),
      position: {start: point(open), end: point(close + 1)}
    })
    at = close + 1
  }
  return content
}

/**
 * Parses `text` with `parse`, building the plain rows of its tables here
 * (see the module comment); `undefined` when it has too few to be worth it.
 */
export function parseWithPlainRows(parse: (text: string) => Root, text: string): Root | undefined {
  const lines = splitLines(text)
  const tables = plainTables(lines)
  if (tables.reduce((count, table) => count + table.built.length, 0) < plainRowsMin) return undefined
  const tree = parseSegments(parse, text, segmentsWithout(lines, tables, text.length))
  for (const table of tables) {
    const node = tableAt(tree.children, table)
    if (!node) return parse(text)
    const built = table.built.map(({line, number, pipes}) => buildRow(line, number, pipes))
    node.children = inOrder(node.children, built)
    const end = built.at(-1)!.position!.end
    if (end.offset! > node.position!.end.offset!) node.position = {start: node.position!.start, end}
  }
  return tree
}

/** Two runs of rows, each in document order, merged into one. */
function inOrder(parsed: readonly TableRow[], built: readonly TableRow[]): TableRow[] {
  const rows: TableRow[] = []
  let next = 0
  for (const row of parsed) {
    while (next < built.length && built[next]!.position!.start.offset! < row.position!.start.offset!)
      rows.push(built[next++]!)
    rows.push(row)
  }
  return [...rows, ...built.slice(next)]
}

/** The text's lines, less the plain rows, as segments of whole lines. */
function segmentsWithout(lines: readonly Line[], tables: readonly PlainTable[], length: number): Segment[] {
  const left = new Set(tables.flatMap((table) => table.built.map((row) => row.line)))
  const segments: Segment[] = []
  let open: Segment | undefined
  lines.forEach((line, index) => {
    const end = lines[index + 1]?.start ?? length
    if (left.has(line)) {
      open = undefined
      return
    }
    if (open) open.end = end
    else segments.push((open = {start: line.start, end, line: index + 1}))
  })
  return segments
}

/** The top-level table the parser found on the header line, when it holds every row kept in its text. */
function tableAt(children: readonly RootContent[], table: PlainTable): Table | undefined {
  const node = children.find(
    (child): child is Table => child.type === 'table' && child.position?.start.offset === table.header.start
  )
  if (!node) return undefined
  const rows = new Set(node.children.map((row) => row.position?.start.offset))
  return table.kept.every((line) => rows.has(line.start)) ? node : undefined
}

/**
 * A unified plugin (right after the parser, before the preset): the parser
 * builds the plain rows of long tables as above. The preset's parse gate is
 * put in front of it, so the gate judges every byte of the text, plain rows
 * included, before any of it is read; {@link growingDocumentsInPart} then
 * hands it only the part of a growing document it needs. The tree is the
 * whole document's, so a compiler may write it.
 */
export function plainTableRows(this: Processor): undefined {
  const processor = this as unknown as Processor<Root, Root, Root, Root, string>
  const parser = processor.parser
  if (!parser) return
  processor.parser = (document: string, file: VFile) =>
    parseWithPlainRows((part) => parser(part, file) as Root, document) ?? (parser(document, file) as Root)
}
