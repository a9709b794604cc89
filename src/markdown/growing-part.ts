/**
 * The part of a growing document — progress.md, the handoff notes, the
 * feature log — that its newest entries are in, found from its lines, and the
 * parse of that part with every node at its place in the whole document. The
 * checks (src/engine/growing-documents.ts), the agents' briefing and the plan
 * `--fix` scaffolds read only that part: micromark parses about 1 MB/s here,
 * and such documents grow every session.
 *
 * The part kept is everything from the earliest of (those the document has):
 * - the dated heading with the newest date (the newest entry: the `/status`
 *   capture; the top one of a log written newest-first), or the last line
 *   with a date when it comes before it (the newest row of a log);
 * - the first line naming one of the names asked for (the newest plan's file:
 *   the plan pointer may be anywhere after it);
 * - the first line carrying a date on or after the date asked for (the
 *   feature log's entry for the session that is ending);
 * moved back to the start of the top-level block that line is in, so the
 * part parses as it does in the whole document. When the line is a row of a
 * pipe table, the table's header and delimiter rows are kept with the rows
 * from that one on. Positions in the tree are those of the whole document.
 *
 * The whole document is to be parsed (no part is given) when it is small,
 * when no such line is found, or when the part left out holds anything that
 * reaches past it or changes how the rest is read: an HTML comment
 * (`<!-- sop-lint disable -->` comments must be seen), another raw HTML block
 * that spans blank lines, a link reference definition, or an unclosed fence;
 * and when its first line opens frontmatter that no line closes. Which lines
 * are frontmatter or fenced code is told by the one line scanner kept beside
 * the parser (./line-scan.ts).
 */
import type {Nodes, Root} from 'mdast'
import type {Point, Position} from 'unist'
import {dateIn, newestIndex} from './entries.js'
import {fencedLines, frontmatterEnd, splitLines, type Line} from './line-scan.js'
import {isDelimiterRow} from './table-delimiter.js'

/** Below this size a document is parsed whole: the saving would not be measurable. */
export const partialParseMinBytes = 16 * 1024

/** A run of the document kept in the part that is parsed: `[start, end)` offsets at line starts. */
export interface Segment {
  start: number
  end: number
  /** 1-based line of `start` in the whole document. */
  line: number
}

export interface PartNeeds {
  /** Texts whose first mention must be in the part (the newest plan's file name). */
  names: readonly string[]
  /** Lines dated on or after this `YYYY-MM-DD` must be in the part. */
  since: string | undefined
}

/** `#`: only a line that starts with it can be an ATX heading here. */
const hash = 35
const anyDate = /(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)/g
const datedLine = /(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)/
const listMarker = /^([-+*]|\d{1,9}[.)])([ \t]|$)/
const atxHeading = /^ {0,3}#{1,6}([ \t]|$)/
const tableRow = /^ {0,3}\|/
/** Raw HTML that may span blank lines (CommonMark HTML blocks 1–5), and link reference definitions. */
const reachesPast = /^ {0,3}(<(!--|\?|![A-Za-z]|!\[CDATA\[|script|pre|style|textarea)|\[[^\]]+\]:)/i

/**
 * The segments of `text` to parse, or `undefined` to parse it whole. Pure
 * text in, offsets out; the module comment says what is kept.
 */
export function neededPart(text: string, needs: PartNeeds): Segment[] | undefined {
  if (text.length < partialParseMinBytes) return undefined
  const lines = splitLines(text)
  // Frontmatter left open: the parser reads none, and the whole document is parsed to say so (src/engine/file-problems.ts).
  const first = frontmatterEnd(lines)
  if (first === undefined) return undefined
  // Which lines are inside fenced code (not candidates, not dated entries).
  const fenced = fencedLines(lines, first)
  // The dated headings outside fenced code.
  const headings: Array<{index: number; date: string}> = []
  for (let index = first; index < lines.length; index++) {
    const line = lines[index]!.text
    if (fenced[index] || line.charCodeAt(0) !== hash || !atxHeading.test(line)) continue
    const date = dateIn(line)
    if (date) headings.push({index, date})
  }

  // The newest entry: the dated heading with the newest date (the top one of a log written newest-first).
  const newest = headings[newestIndex(headings.map((heading) => heading.date))]
  let target = newest ? newest.index : Number.POSITIVE_INFINITY
  // The newest dated line (the last row or item of a log kept as a table or a list).
  for (let index = lines.length - 1; index >= first && (index > target || !Number.isFinite(target)); index--) {
    if (!fenced[index] && datedLine.test(lines[index]!.text)) {
      target = index
      break
    }
  }
  for (const name of needs.names) {
    const at = text.indexOf(name)
    if (at !== -1) target = Math.min(target, lineAt(lines, at))
  }
  if (needs.since) {
    // One pass of a global pattern over the text before the target (no string per line).
    const end = Number.isFinite(target) ? lines[target]!.start : text.length
    anyDate.lastIndex = lines[first]!.start
    for (let match = anyDate.exec(text); match && match.index < end; match = anyDate.exec(text)) {
      if (match[1]! >= needs.since && !fenced[lineAt(lines, match.index)]) {
        target = lineAt(lines, match.index)
        break
      }
    }
  }
  if (!Number.isFinite(target) || target <= first) return undefined

  const segments = cutAt(lines, fenced, first, target)
  if (!segments) return undefined
  // Anything left out that the kept part depends on: parse whole.
  const keptFrom = segments.at(-1)!.line - 1
  for (let index = 0; index < keptFrom; index++) {
    if (!fenced[index] && reachesPast.test(lines[index]!.text)) return undefined
  }
  return segments.map((segment) => ({...segment, end: segment.end === -1 ? text.length : segment.end}))
}

function lineAt(lines: readonly Line[], offset: number): number {
  let low = 0
  let high = lines.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (lines[middle]!.start <= offset) low = middle
    else high = middle - 1
  }
  return low
}

const isBlank = (line: Line | undefined) => line === undefined || line.text.trim() === ''

/** Whether a line starts a top-level block whatever came before it (the line before is blank, the line itself is not indented and not a list item). */
function startsBlock(lines: readonly Line[], fenced: Uint8Array, first: number, index: number): boolean {
  const line = lines[index]!
  if (fenced[index] && !(index === first || !fenced[index - 1])) return false
  if (isBlank(line) || /^[ \t]/.test(line.text) || listMarker.test(line.text)) return false
  return index === first || isBlank(lines[index - 1])
}

/** Segments that start at a block boundary at or before line `target`; `undefined` when the boundary is the start. */
function cutAt(lines: readonly Line[], fenced: Uint8Array, first: number, target: number): Segment[] | undefined {
  // A row of a pipe table: keep the header and delimiter rows, and the rows from this one on.
  if (!fenced[target] && tableRow.test(lines[target]!.text)) {
    let top = target
    while (top > first && !fenced[top - 1] && tableRow.test(lines[top - 1]!.text)) top--
    const opensTable = top === first || isBlank(lines[top - 1]) || atxHeading.test(lines[top - 1]!.text)
    if (opensTable && target > top + 2 && isDelimiterRow(lines[top + 1]!.text)) {
      const header = lines[top]!.start
      return [
        {start: header, end: lines[top + 2]!.start, line: top + 1},
        {start: lines[target]!.start, end: -1, line: target + 1}
      ]
    }
  }
  for (let index = target; index > first; index--) {
    if (startsBlock(lines, fenced, first, index)) return [{start: lines[index]!.start, end: -1, line: index + 1}]
  }
  return undefined
}

/** Parses the segments of `text` with `parse` and gives every node its position in the whole text. */
export function parseSegments(parse: (text: string) => Root, text: string, segments: readonly Segment[]): Root {
  const starts: number[] = []
  const lines: number[] = []
  let partial = ''
  let line = 1
  for (const segment of segments) {
    starts.push(partial.length)
    lines.push(line)
    const piece = text.slice(segment.start, segment.end)
    partial += piece
    line += countNewlines(piece)
  }
  const tree = parse(partial)
  const map = (point: Point): Point => {
    const offset = point.offset ?? 0
    let index = starts.length - 1
    while (index > 0 && starts[index]! > offset) index--
    const segment = segments[index]!
    return {
      line: point.line - lines[index]! + segment.line,
      column: point.column,
      offset: offset - starts[index]! + segment.start
    }
  }
  const visit = (node: Nodes) => {
    if (node.position) node.position = {start: map(node.position.start), end: map(node.position.end)} satisfies Position
    if ('children' in node) for (const child of node.children) visit(child as Nodes)
  }
  for (const child of tree.children) visit(child)
  const lineCount = countNewlines(text) + 1
  const lastLine = text.slice(text.lastIndexOf('\n') + 1)
  tree.position = {
    start: {line: 1, column: 1, offset: 0},
    end: {line: lineCount, column: lastLine.length + 1, offset: text.length}
  }
  return tree
}

function countNewlines(text: string): number {
  let count = 0
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++
  return count
}
