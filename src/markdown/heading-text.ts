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
    value = value
      .replace(/\s*\([^()]*\)\s*$/, '')
      .replace(/[:.]\s*$/, '')
      .trim()
  } while (value !== previous)
  return value
    .replace(/&/g, ' and ')
    .replace(/[‐-―-]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
}
