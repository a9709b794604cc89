/**
 * Text sop-lint writes (what `--fix`, quick fixes and `plan new` insert) is
 * often taken from documents, decoded: a link's `%00` or `%0A`, a character
 * reference `&#10;`, a raw control byte in a title, a file name with a line
 * break. Written as it is, a NUL makes the file binary and a line break splits
 * a table row or a list item. So a value goes into a line only through
 * these: a title or name is kept on one line, a path with a control character
 * is not written at all, and no inserted text carries a control character
 * other than tab and line breaks.
 */

/** C0 and C1 control characters and DEL. */
const controlRun = /\p{Cc}+/gu
const controlCharacter = /\p{Cc}/u
/** A control character that no text sop-lint inserts may hold: all but tab, line feed and carriage return. */
const unwritableCharacter = /(?![\t\n\r])\p{Cc}/u

/** A title or name for one line of a row, item or heading: each run of control characters (line breaks, tabs, NUL…) becomes one space. */
export function oneLine(text: string): string {
  return text.replace(controlRun, ' ')
}

/** Whether a path or name holds a control character: sop-lint does not write such a path (it would split the line, or name no file). */
export function hasControlCharacter(text: string): boolean {
  return controlCharacter.test(text)
}

/** Whether a text to insert is free of control characters but tab and line breaks: the last check on everything a fix carries. */
export function isWritable(text: string): boolean {
  return !unwritableCharacter.test(text)
}

/** A code span that holds `text` as it is: fenced with more backticks than any run in it, and padded when it starts or ends with one. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((run) => run[0].length))
  const fence = '`'.repeat(longest + 1)
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${text}${pad}${fence}`
}
