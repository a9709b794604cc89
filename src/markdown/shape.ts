/**
 * A pre-scan of Markdown, linear in its length, for the shapes micromark
 * cannot parse in time or stack proportional to their size (measured with
 * micromark 4 on a shared machine: ten times the input took 23–27 times as long):
 *
 * - containers nested in each other (block quotes, list items, footnote
 *   definitions): each line re-enters every open one, and the trees' depth
 *   ends in "Maximum call stack size exceeded" (10,000 nested quotes, 20 KB);
 * - marks of emphasis and links in one paragraph, heading or table cell:
 *   every closing mark walks back over the paragraph's events, and every
 *   match splices them (`a*a*a*…` of 40 KB: 8 s; marks nested thousands
 *   deep also overflow the stack);
 * - lazy continuation lines (a line of a paragraph in a block quote or list
 *   item without its `>` or indent): each walks back over its paragraph
 *   (`> a` and 20,000 such lines: 13 s).
 *
 * A file past a limit is reported and not parsed. The scan follows
 * CommonMark's container rules closely enough to never count less nesting
 * than the parser builds (a property test compares it with micromark on
 * generated documents); where it cannot tell, it counts more.
 */
import type {SopLintConfig} from '../config/schema.js'
import {isDelimiterRow} from './table-delimiter.js'

/** The limits the scan checks (`limits` of the config). */
export type ShapeLimits = Pick<SopLintConfig['limits'], 'maxNesting' | 'maxParagraphMarks' | 'maxLazyLines'>

export interface ShapeExcess {
  /** The limit passed. */
  limit: keyof ShapeLimits
  /** How many there are on the first line past it. */
  count: number
  /** That line, 1-based. */
  line: number
}

/**
 * An open container. Its continuation lines start with `>` (a block quote) or
 * with `size` columns of white space, or are blank (a list item or footnote
 * definition), after the prefixes of the containers it is in.
 */
type Container = {kind: 'quote'} | {kind: 'item' | 'footnote'; size: number}

interface Fence {
  marker: number
  length: number
  /** How many containers the fence is in: a line that does not continue them all ends it. */
  depth: number
}

/** The paragraph, heading or table row whose marks are counted, and how many containers it is in. */
interface Run {
  table: boolean
  depth: number
  marks: number
  lazy: number
}

/** A place in a line: a tab may be partly consumed, so the column is kept apart from the position. */
interface Cursor {
  position: number
  column: number
}

const space = 0x20
const tab = 0x09
const greaterThan = 0x3e
const backtick = 0x60
const tilde = 0x7e
const backslash = 0x5c
const underscore = 0x5f
const hash = 0x23
const leftBracket = 0x5b
const caret = 0x5e

/** The first place where `text` goes past a limit, or nothing. */
export function firstExcess(text: string, limits: ShapeLimits): ShapeExcess | undefined {
  const stack: Container[] = []
  let fence: Fence | undefined
  let run: Run | undefined
  let start = frontmatterEnd(text)
  let lineNumber = 0
  for (let index = text.indexOf('\n'); index !== -1 && index < start; index = text.indexOf('\n', index + 1))
    lineNumber++

  while (start <= text.length) {
    lineNumber++
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    const line = text.charCodeAt(end - 1) === 0x0d ? text.slice(start, end - 1) : text.slice(start, end)
    start = end + 1

    const cursor: Cursor = {position: 0, column: 0}
    const matched = continueContainers(line, stack, cursor)
    const rest = afterWhiteSpace(line, cursor)
    const blank = rest.position >= line.length
    const indent = rest.column - cursor.column

    if (fence) {
      if (matched >= fence.depth) {
        if (!blank && indent < 4 && closesFence(line, rest.position, fence)) fence = undefined
        continue
      }
      // A container of the fence ended, and the fence with it (fenced code takes no lazy lines).
      fence = undefined
    }

    if (run && !blank && !(run.table && matched < run.depth) && !interrupts(line, rest, indent)) {
      // The paragraph goes on (lazily when a container is not continued), or the table has another row.
      if (run.table) {
        run.marks = 0
      } else if (matched < run.depth) {
        run.lazy++
        if (run.lazy > limits.maxLazyLines) return {limit: 'maxLazyLines', count: run.lazy, line: lineNumber}
      } else if (line.includes('|', rest.position) && isDelimiterRow(line.slice(rest.position))) {
        run = {table: true, depth: run.depth, marks: 0, lazy: 0}
        continue
      }
      run.marks += marks(line, rest.position)
      if (run.marks > limits.maxParagraphMarks) return {limit: 'maxParagraphMarks', count: run.marks, line: lineNumber}
      continue
    }

    stack.length = matched
    run = undefined
    if (blank || indent >= 4) continue // a blank line, or indented code

    // Containers that start on this line, each at most three spaces after the one before.
    let at = rest
    let indentedCode = false
    const isThematicBreak = thematicBreakTest(line)
    while (!indentedCode && at.column - cursor.column < 4 && !isThematicBreak(at.position)) {
      if (line.charCodeAt(at.position) === greaterThan) {
        stack.push({kind: 'quote'})
        cursor.position = at.position + 1
        cursor.column = at.column + 1
        consumeColumns(line, cursor, 1)
      } else {
        const content = containerContent(line, at)
        if (content === undefined) break
        // A footnote definition's lines are indented four columns, whatever the length of its label.
        stack.push(
          content.footnote ? {kind: 'footnote', size: 4} : {kind: 'item', size: content.column - cursor.column}
        )
        cursor.position = content.position
        cursor.column = content.column
        indentedCode = content.code
      }
      if (stack.length > limits.maxNesting) return {limit: 'maxNesting', count: stack.length, line: lineNumber}
      at = afterWhiteSpace(line, cursor)
    }
    if (indentedCode || at.column - cursor.column >= 4 || isThematicBreak(at.position)) continue
    if (at.position >= line.length) {
      // micromark may read a marker that ends the line as paragraph text instead (an empty item cannot interrupt):
      // taking the next line as that paragraph's lazy continuation keeps every container open.
      if (stack.length > matched) run = {table: false, depth: stack.length, marks: 0, lazy: 0}
      continue
    }

    const code = line.charCodeAt(at.position)
    if ((code === backtick || code === tilde) && runLength(line, at.position, code) >= 3) {
      fence = {marker: code, length: runLength(line, at.position, code), depth: stack.length}
      continue
    }
    const count = marks(line, at.position)
    if (count > limits.maxParagraphMarks) return {limit: 'maxParagraphMarks', count, line: lineNumber}
    // An ATX heading is one line, a run of its own; anything else starts a paragraph.
    if (!(code === hash && isAtxHeading(line, at.position)))
      run = {table: false, depth: stack.length, marks: count, lazy: 0}
  }
  return undefined
}

/** Where the text after a YAML or TOML frontmatter block starts (0 when there is none, or it is never closed). */
function frontmatterEnd(text: string): number {
  const open = /^\uFEFF?(---|\+\+\+)[ \t]*\r?\n/.exec(text)
  if (!open) return 0
  const close = open[1] === '---' ? /^(?:---|\.\.\.)[ \t]*$/m : /^\+\+\+[ \t]*$/m
  const rest = text.slice(open[0].length)
  const found = close.exec(rest)
  if (!found) return 0
  const after = text.indexOf('\n', open[0].length + found.index)
  return after === -1 ? text.length + 1 : after + 1
}

/**
 * Consumes the prefixes of the open containers, outermost first, as far as
 * the line continues them; returns how many it continues. A blank line
 * continues list items and footnote definitions, not block quotes.
 */
function continueContainers(line: string, stack: readonly Container[], cursor: Cursor): number {
  // micromark lets a footnote definition that consumes no indent pass on the four columns its parent
  // footnote definition just consumed: `[^a]:[^b]:` and `[^a]:\n    [^b]:` nest b in a, continued by four.
  let afterFootnoteIndent = false
  for (let index = 0; index < stack.length; index++) {
    const container = stack[index]!
    const next = afterWhiteSpace(line, cursor)
    if (container.kind === 'quote') {
      if (next.column - cursor.column > 3 || line.charCodeAt(next.position) !== greaterThan) return index
      cursor.position = next.position + 1
      cursor.column = next.column + 1
      consumeColumns(line, cursor, 1)
      afterFootnoteIndent = false
    } else if (next.position < line.length) {
      const indent = next.column - cursor.column
      if (container.kind === 'footnote' && indent === 0 && afterFootnoteIndent) continue
      if (indent < container.size) return index
      consumeColumns(line, cursor, container.size)
      afterFootnoteIndent = container.kind === 'footnote'
    }
  }
  return stack.length
}

/** Moves the cursor over up to `columns` columns of white space (part of a tab, if it must). */
function consumeColumns(line: string, cursor: Cursor, columns: number): void {
  const target = cursor.column + columns
  while (cursor.column < target) {
    const code = line.charCodeAt(cursor.position)
    if (code !== space && code !== tab) return
    // The cursor may stand inside a tab: it ends at the next tab stop all the same.
    const charEnd = code === tab ? nextTabStop(cursor.column) : cursor.column + 1
    if (charEnd <= target) {
      cursor.position++
      cursor.column = charEnd
    } else {
      cursor.column = target
    }
  }
}

/** The first character after the white space at the cursor, and its column. */
function afterWhiteSpace(line: string, cursor: Cursor): Cursor {
  let position = cursor.position
  let column = cursor.column
  for (;;) {
    const code = line.charCodeAt(position)
    if (code === space) column++
    else if (code === tab) column = nextTabStop(column)
    else return {position, column}
    position++
  }
}

/** CommonMark's tab stops: every fourth column. */
function nextTabStop(column: number): number {
  return column + 4 - (column % 4)
}

function runLength(line: string, position: number, code: number): number {
  let index = position
  while (line.charCodeAt(index) === code) index++
  return index - position
}

/**
 * A list item marker (`-`, `+`, `*`, `1.`, `1)`) or footnote label (`[^a]:`)
 * at `at`: where its content starts (position and column), and whether that
 * content is indented code (five or more spaces after a list marker).
 */
function containerContent(
  line: string,
  at: Cursor
): {position: number; column: number; footnote: boolean; code: boolean} | undefined {
  const position = at.position
  const code = line.charCodeAt(position)
  let markerEnd: number
  if (code === 0x2d || code === 0x2b || code === 0x2a) {
    markerEnd = position + 1
  } else if (code >= 0x30 && code <= 0x39) {
    markerEnd = position
    while (markerEnd - position < 9 && line.charCodeAt(markerEnd) >= 0x30 && line.charCodeAt(markerEnd) <= 0x39)
      markerEnd++
    const delimiter = line.charCodeAt(markerEnd)
    if (delimiter !== 0x2e && delimiter !== 0x29) return undefined
    markerEnd++
  } else if (code === leftBracket && line.charCodeAt(position + 1) === caret) {
    const close = line.indexOf(']:', position + 2)
    if (close === -1 || close === position + 2 || /[\s\]]/.test(line.slice(position + 2, close))) return undefined
    const content = afterWhiteSpace(line, {position: close + 2, column: at.column + close + 2 - position})
    return {position: content.position, column: content.column, footnote: true, code: false}
  } else {
    return undefined
  }
  const next = line.charCodeAt(markerEnd)
  if (markerEnd < line.length && next !== space && next !== tab) return undefined
  const markerColumn = at.column + markerEnd - position
  const content = afterWhiteSpace(line, {position: markerEnd, column: markerColumn})
  const gap = content.column - markerColumn
  const empty = content.position >= line.length
  // One to four spaces belong to the marker; after more (or at the end of the line) the content is one column on.
  if (empty || gap > 4) {
    const cursor = {position: markerEnd, column: markerColumn}
    consumeColumns(line, cursor, 1)
    return {position: cursor.position, column: cursor.column, footnote: false, code: !empty}
  }
  return {position: content.position, column: content.column, footnote: false, code: false}
}

/** Whether a line ends the paragraph before it instead of continuing it: a heading, fence, break, quote, list item or footnote definition. */
function interrupts(line: string, at: Cursor, relativeIndent: number): boolean {
  if (relativeIndent >= 4) return false
  const position = at.position
  const code = line.charCodeAt(position)
  if (code === greaterThan) return true
  if ((code === backtick || code === tilde) && runLength(line, position, code) >= 3) return true
  if (code === hash && isAtxHeading(line, position)) return true
  if (thematicBreakTest(line)(position)) return true
  return containerContent(line, at) !== undefined
}

function isAtxHeading(line: string, position: number): boolean {
  const level = runLength(line, position, hash)
  const next = line.charCodeAt(position + level)
  return level <= 6 && (position + level >= line.length || next === space || next === tab)
}

/**
 * Whether the rest of a line from a position is a thematic break: three or
 * more `*`, `-` or `_` (one of them) and blanks. Read from the end of the
 * line once: asked again for each list marker of a line such as `- - - … x`,
 * a scan to the end each time would cost the square of its length.
 */
function thematicBreakTest(line: string): (position: number) => boolean {
  let end = line.length
  while (end > 0 && (line.charCodeAt(end - 1) === space || line.charCodeAt(end - 1) === tab)) end--
  const marker = line.charCodeAt(end - 1)
  if (marker !== 0x2a && marker !== 0x2d && marker !== underscore) return () => false
  // The markers of the run of markers and blanks that ends the line, from the last one back.
  let start = end
  let count = 0
  let thirdFromLast = -1
  for (let index = end - 1; index >= 0; index--) {
    const code = line.charCodeAt(index)
    if (code === marker) {
      count++
      if (count === 3) thirdFromLast = index
    } else if (code !== space && code !== tab) break
    start = index
  }
  return (position) => position >= start && position <= thirdFromLast && line.charCodeAt(position) === marker
}

function closesFence(line: string, position: number, fence: Fence): boolean {
  if (line.charCodeAt(position) !== fence.marker) return false
  const length = runLength(line, position, fence.marker)
  return length >= fence.length && line.slice(position + length).trim() === ''
}

/** Marks that open or close emphasis, strikethrough and links; `_` inside a word does neither. */
function marks(line: string, from: number): number {
  let count = 0
  for (let index = from; index < line.length; index++) {
    const code = line.charCodeAt(index)
    if (code === backslash) {
      index++
    } else if (code === 0x2a || code === tilde || code === leftBracket || code === 0x5d) {
      count++
    } else if (
      code === underscore &&
      !(isWordCharacter(line.charCodeAt(index - 1)) && isWordCharacter(line.charCodeAt(index + 1)))
    ) {
      count++
    }
  }
  return count
}

function isWordCharacter(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code > 0x7f
  )
}
