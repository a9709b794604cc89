/**
 * Normalises a heading for matching: case, a trailing parenthetical
 * ("Required Reading (Pre-flight)"), a trailing colon, `&` versus `and`,
 * dashes and white space do not matter.
 */
export function normalizeHeading(text: string): string {
  let value = text.trim().toLowerCase()
  let previous
  do {
    previous = value
    value = withoutTrailingParenthetical(value).trimEnd()
    if (value.endsWith(':') || value.endsWith('.')) value = value.slice(0, -1).trimEnd()
  } while (value !== previous)
  return value
    .replace(/&/g, ' and ')
    .replace(/[‐-―-]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * The text without a trailing `(…)` that holds no parenthesis. Found from the end:
 * a pattern `\s*\(…\)$` tried at every place scans each run of blanks again from each of its blanks.
 */
function withoutTrailingParenthetical(value: string): string {
  if (!value.endsWith(')')) return value
  const open = value.lastIndexOf('(')
  if (open < 0 || value.indexOf(')', open) !== value.length - 1) return value
  return value.slice(0, open)
}
