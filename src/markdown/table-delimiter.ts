/**
 * Whether a line is a GFM table's delimiter row (`| --- | :-: |`). Read cell by
 * cell: one pattern over the whole line tried every split of each run of blanks,
 * quadratic in a long one.
 */
export function isDelimiterRow(line: string): boolean {
  let body = line.trim()
  if (body.startsWith('|')) body = body.slice(1)
  if (body.endsWith('|')) body = body.slice(0, -1)
  return body.trim() !== '' && body.split('|').every((cell) => /^:?-+:?$/.test(cell.trim()))
}
