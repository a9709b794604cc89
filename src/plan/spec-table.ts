/**
 * The Task ↔ Spec table: a GFM table found by its header, whatever else the
 * tracker file holds. Columns are matched by name with the configured aliases
 * (case-insensitive, a trailing parenthetical ignored), so `| Task | Status |
 * Primary Spec | Notes |` and `| Task | Spec |` both qualify.
 */
import type {Root, Table, TableCell, TableRow} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {SopLintConfig} from '../config/schema.js'
import {normalizeHeading} from '../markdown/heading-text.js'
import {findPathRefs, type PathRef} from '../markdown/path-refs.js'
import {oneLine} from '../markdown/written-text.js'
import {marksNoBehaviourChange} from './task-kind.js'
import type {Task} from './tasks.js'

export interface SpecTable {
  table: Table
  /** Column indexes; `status` is optional. */
  columns: {task: number; status: number | undefined; spec: number}
  rows: SpecRow[]
}

export interface SpecRow {
  row: TableRow
  task: string
  status: string
  specCell: TableCell | undefined
  specText: string
  /** Paths the spec cell names. */
  specs: PathRef[]
}

/** Every table of a document whose header has a task column and a spec column. */
export function findSpecTables(tree: Root, config: SopLintConfig): SpecTable[] {
  const aliases = config.crossFile.specTableColumns
  const column = (header: string[], names: string[]) => {
    const wanted = new Set(names.map(normalizeHeading))
    const index = header.findIndex((cell) => wanted.has(cell))
    return index === -1 ? undefined : index
  }
  const tables: SpecTable[] = []
  for (const node of tree.children) {
    if (node.type !== 'table') continue
    const [head, ...body] = node.children
    if (!head) continue
    const header = head.children.map((cell) => normalizeHeading(toString(cell)))
    const task = column(header, aliases.task)
    const spec = column(header, aliases.spec)
    if (task === undefined || spec === undefined) continue
    const status = column(header, aliases.status)
    tables.push({
      table: node,
      columns: {task, status, spec},
      rows: body.map((row) => {
        const specCell = row.children[spec]
        return {
          row,
          task: cellText(row, task),
          status: status === undefined ? '' : cellText(row, status),
          specCell,
          specText: cellText(row, spec),
          specs: specCell ? findPathRefs(specCell) : []
        }
      })
    })
  }
  return tables
}

function cellText(row: TableRow, index: number): string {
  const cell = row.children[index]
  return cell ? toString(cell).trim() : ''
}

/**
 * A title reduced for matching: no emphasis, numbering, trailing budget or
 * parenthetical, case, punctuation or repeated spaces.
 */
export function normalizeTitle(text: string): string {
  return normalizeHeading(
    text
      .replace(/[*`]/g, '')
      .replace(/^\s*(?:\d+[.)]|task\s+\d+\s*[:.—–-])\s*/i, '')
      .trim()
  )
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * The text before the first `: ` or ` — ` after the title's first character. A lazy
 * `^(.+?)\s*:\s` tried the blanks after each character again, quadratic in a long run of them.
 */
function nameBeforeSeparator(title: string): string | undefined {
  const separator = /:\s|\s[—–-]\s/.exec(title.slice(1))
  return separator ? title.slice(0, separator.index + 1).trimEnd() : undefined
}

/** The titles a task answers to: its whole title, and the name before a colon or dash (“Schema: add the schema” → “Schema”). */
export function taskTitles(task: Task): string[] {
  const whole = task.title
  const head = nameBeforeSeparator(whole)
  return [...new Set([whole, head].filter((title): title is string => Boolean(title)).map(normalizeTitle))].filter(
    Boolean
  )
}

/** Whether a Status cell says the row is done. */
export function isDone(status: string, config: SopLintConfig): boolean {
  const text = status.trim().toLowerCase()
  if (text === '') return false
  return config.crossFile.specDoneStatuses.some((done) => {
    const word = done.toLowerCase()
    if (text === word) return true
    if (!text.startsWith(word)) return false
    // “done (03-02)”, “✅ shipped”: the marker, then anything that is not more of a word.
    return !/[\p{L}\p{N}]/u.test(word.at(-1)!) || !/^[\p{L}\p{N}]/u.test(text.slice(word.length))
  })
}

/** Whether a row says, in any cell, that its task changes no behaviour (“Documentation only.”), so needs no spec. */
export function marksNoSpecNeeded(row: SpecRow, config: SopLintConfig): boolean {
  return marksNoBehaviourChange(toString(row.row), config)
}

/** Whether a spec cell that names no path is one of the configured placeholders (`n/a`, `(tbd)`, …). */
export function isPlaceholder(text: string, config: SopLintConfig): boolean {
  const value = text.trim().toLowerCase()
  return config.crossFile.specPlaceholders.some((placeholder) => placeholder.toLowerCase() === value)
}

/** A Markdown table row with the given cells, each kept on its line. */
export function tableRow(cells: string[]): string {
  return `| ${cells.map((cell) => oneLine(cell).replace(/\|/g, '\\|')).join(' | ')} |`
}
