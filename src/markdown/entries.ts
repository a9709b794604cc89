/**
 * Reading the documents that only grow — progress.md, the handoff, the
 * feature log — the way their authors write them: dated entries appended at
 * the end, under a dated heading, as a dated list item or as a dated table
 * row. One pass over the top-level blocks; nothing else of the history is read.
 */
import type {Heading, List, ListItem, Root, RootContent, Table, TableRow} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Point} from 'unist'
import {openBlockAtEnd} from './open-block.js'
import {isCalendarDate} from '../workspace/plan-name.js'

const datePattern = /(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)/

/** The first calendar date `YYYY-MM-DD` in a text. */
export function dateIn(text: string): string | undefined {
  const date = datePattern.exec(text)?.[1]
  return date !== undefined && isCalendarDate(date) ? date : undefined
}

/** A dated entry of a log: a heading, a list item or a table row that carries a date. */
export interface DatedEntry {
  date: string
  node: Heading | ListItem | TableRow
  /** The table or list that holds the entry, when it is a row or an item. */
  container: Table | List | undefined
}

/** The newest entry of a log: its dated heading and the blocks up to the next dated heading. */
export interface NewestEntry {
  heading: Heading
  date: string
  /** Top-level blocks from the heading up to the next dated heading, or to the end of the document. */
  blocks: RootContent[]
  /** Whether the entry is the last one of the document (a log written oldest-first). */
  last: boolean
}

/**
 * Which of a log's dated entries (their dates, in document order) is the
 * newest: the one with the newest date; among several of that date, the last
 * in a log written oldest-first, the first in one written newest-first —
 * the direction most steps from entry to entry take.
 */
export function newestIndex(dates: readonly string[]): number {
  if (dates.length === 0) return -1
  let up = 0
  let down = 0
  for (let index = 1; index < dates.length; index++) {
    if (dates[index]! > dates[index - 1]!) up++
    else if (dates[index]! < dates[index - 1]!) down++
  }
  const newest = dates.reduce((max, date) => (date > max ? date : max))
  return down > up ? dates.indexOf(newest) : dates.lastIndexOf(newest)
}

/**
 * The top-level heading that starts the newest session (see
 * {@link newestIndex}), with its blocks up to the next dated heading.
 */
export function newestEntry(tree: Root): NewestEntry | undefined {
  const blocks = tree.children
  const dated = blocks.flatMap((node, index) => {
    if (node.type !== 'heading') return []
    const date = dateIn(toString(node))
    return date ? [{node, index, date}] : []
  })
  const at = newestIndex(dated.map((entry) => entry.date))
  if (at === -1) return undefined
  const {node, index, date} = dated[at]!
  const next = dated[at + 1]
  return {heading: node, date, blocks: blocks.slice(index, next?.index), last: next === undefined}
}

/**
 * A list item appended to the newest entry of a log: at the end of the
 * document when the entry is the last one (see {@link appendListItem}), else
 * after the entry's last block, before the next entry.
 */
export function appendToEntry(tree: Root, source: string, entry: NewestEntry | undefined, text: string): Insertion {
  if (!entry || entry.last) return appendListItem(tree, source, text)
  const last = entry.blocks.at(-1)!
  const end = last.position!.end
  if (last.type === 'list' && !last.ordered) {
    const start = last.children[0]?.position?.start
    const marker = start?.offset === undefined ? '-' : source[start.offset]
    const bullet = marker === '*' || marker === '+' ? marker : '-'
    return {point: end, expected: `\n${' '.repeat((start?.column ?? 1) - 1)}${bullet} ${text}`}
  }
  return {point: end, expected: `\n\n- ${text}`}
}

/**
 * Every dated entry of a document, in document order: dated headings, top-level
 * list items whose first line carries a date, and body rows of tables (the
 * first cell, from the left, that holds a date dates the row).
 */
export function datedEntries(tree: Root): DatedEntry[] {
  const entries: DatedEntry[] = []
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const date = dateIn(toString(node))
      if (date) entries.push({date, node, container: undefined})
    } else if (node.type === 'list') {
      for (const item of node.children) {
        const first = item.children[0]
        const date = first ? dateIn(toString(first).split('\n')[0]!) : undefined
        if (date) entries.push({date, node: item, container: node})
      }
    } else if (node.type === 'table') {
      for (const row of node.children.slice(1)) {
        const date = row.children.map((cell) => dateIn(toString(cell))).find((found) => found !== undefined)
        if (date) entries.push({date, node: row, container: node})
      }
    }
  }
  return entries
}

/** Text to insert at a point: what `expected` carries for `--fix` and quick fixes. */
export interface Insertion {
  point: Point
  expected: string
}

/**
 * Appends a list item at the very end of a document. It joins a trailing
 * bullet list (same bullet, same indent); after anything else it starts a list
 * after a blank line. The point is the end of the file rather than the end of
 * the last block, so remark-message-control, which drops messages in the gap
 * between the last block and the end of the file, keeps the message.
 */
export function appendListItem(tree: Root, source: string, text: string): Insertion {
  const last = tree.children.at(-1)
  if (last?.type === 'list' && !last.ordered && last.position) {
    const start = last.children[0]?.position?.start
    const marker = start?.offset === undefined ? '-' : source[start.offset]
    const bullet = marker === '*' || marker === '+' ? marker : '-'
    return appendAtEnd(tree, source, `${' '.repeat((start?.column ?? 1) - 1)}${bullet} ${text}`, false)
  }
  return appendAtEnd(tree, source, `- ${text}`, true)
}

/** Appends a block (a heading, a table) at the end of a document, after a blank line. */
export function appendBlock(tree: Root, source: string, block: string): Insertion {
  return appendAtEnd(tree, source, block, true)
}

/**
 * Appends a row to a table: at the end of the file when the table ends the
 * document (so that the message survives remark-message-control), else right
 * after the table's last row.
 */
export function appendRow(tree: Root, source: string, table: Table, row: string): Insertion {
  const end = table.position!.end
  if (tree.children.at(-1) === table && newlinesAfter(source, end.offset!) === 1)
    return appendAtEnd(tree, source, row, false)
  return {point: end, expected: `\n${row}`}
}

function appendAtEnd(tree: Root, source: string, text: string, blankLine: boolean): Insertion {
  const last = tree.children.at(-1)
  const point = endOfFile(source)
  if (!last?.position) return {point, expected: `${text}\n`}
  // A comment or fence left open swallows the rest of the file: appended after it, the text would be hidden (and appended
  // again on every run). It goes before that block instead, which stays as the person left it.
  const open = openBlockAtEnd(tree, source)
  if (open) {
    const before = source.slice(0, open.offset)
    const lead = before === '' || /\n[ \t]*\r?\n$/.test(before) ? '' : '\n'
    return {point: open, expected: `${lead}${text}\n\n`}
  }
  const newlines = newlinesAfter(source, last.position.end.offset!)
  const wanted = blankLine ? 2 : 1
  const lead = '\n'.repeat(Math.max(0, wanted - newlines))
  return {point, expected: `${lead}${text}${newlines === 0 ? '' : '\n'}`}
}

function newlinesAfter(source: string, offset: number): number {
  return (source.slice(offset).match(/\n/g) ?? []).length
}

/** The point after the last character of a text. */
function endOfFile(source: string): Point {
  const lines = source.split(/\r?\n|\r/)
  return {line: lines.length, column: lines.at(-1)!.length + 1, offset: source.length}
}
