import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import type {Point, Position} from 'unist'

/** A change to a file's text: insert at `start` when `start === end`, else replace the range. */
export interface TextEdit {
  start: number
  end: number
  text: string
}

/**
 * The edits a file's messages carry (`place` + one `expected`, as
 * markdownlint's fixInfo and ESLint's fix carry them). Offsets are into
 * `text`, the file's text without a byte order mark, as the parsers saw it.
 */
export function editsFromMessages(file: VFile, text: string): TextEdit[] {
  const toOffset = location(text).toOffset
  const edits: TextEdit[] = []
  for (const message of file.messages) {
    if (message.expected?.length !== 1 || !message.place) continue
    const {start, end} = 'start' in message.place ? message.place : {start: message.place, end: message.place}
    const from = offsetOf(start, toOffset, text)
    const to = 'start' in message.place ? offsetOf(end, toOffset, text) : from
    if (from === undefined || to === undefined) continue
    edits.push({start: from, end: to, text: message.expected[0]!})
  }
  return edits
}

function offsetOf(point: Point | Position['start'], toOffset: ReturnType<typeof location>['toOffset'], text: string): number | undefined {
  // A point past the last line (the end of a file without a final newline) is the end of the text.
  return toOffset(point) ?? (point.line >= text.split('\n').length ? text.length : undefined)
}

/**
 * Applies the edits that do not overlap, in order of position; insertions at
 * one point are applied together in the order they were reported. Edits
 * that overlap one already taken wait for the next pass (ESLint's model).
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): {text: string; applied: number} {
  const sorted = edits
    .map((edit, index) => ({edit, index}))
    .sort((a, b) => a.edit.start - b.edit.start || a.index - b.index)
    .map(({edit}) => edit)
  const taken: TextEdit[] = []
  let lastEnd = -1
  let lastWasReplacement = false
  for (const edit of sorted) {
    const insertion = edit.start === edit.end
    const overlaps = edit.start < lastEnd || (edit.start === lastEnd && (lastWasReplacement || !insertion))
    if (overlaps && taken.length > 0) continue
    taken.push(edit)
    lastEnd = edit.end
    lastWasReplacement = !insertion
  }
  let result = ''
  let cursor = 0
  for (const edit of taken) {
    result += text.slice(cursor, edit.start) + edit.text
    cursor = edit.end
  }
  return {text: result + text.slice(cursor), applied: taken.length}
}
