/** A change to a file's text: insert at `start` when `start === end`, else replace the range. */
export interface TextEdit {
  start: number
  end: number
  text: string
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
