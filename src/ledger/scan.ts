/**
 * Where every record and cell of a CSV text starts and ends. csv-parse decides
 * what the values are and whether the text is valid; it does not say where a
 * cell is (its `raw` and `info.lines` drift with CRLF and skipped blank
 * lines), so this scanner walks the same grammar — RFC 4180 as csv-parse reads
 * it without any `relax_*` option: `,` between cells, `"` quoting with `""`
 * inside, the record delimiter discovered from the first line break (`\r\n`,
 * `\n` or `\r`), empty lines skipped — and keeps offsets only, in flat arrays
 * (a 100,000-row ledger has over a million cells).
 */

export type ScanErrorKind = 'unclosed-quote' | 'text-after-quote' | 'quote-in-unquoted-cell'

export interface ScanError {
  kind: ScanErrorKind
  /** Where the parser loses sync: the opening quote, the text after a closing quote, or the stray quote. */
  offset: number
}

export interface ScanResult {
  /** Offset of each record's first character. */
  recordStart: number[]
  /** Offset of the record delimiter that ends each record, or of the end of the text. */
  recordEnd: number[]
  /** Index of each record's first cell in `cellStart`/`cellEnd`; one more entry closes the last record. */
  recordFirstCell: number[]
  /** Offset of each cell's first character (its opening quote when quoted). */
  cellStart: number[]
  /** Offset just after each cell (after its closing quote when quoted). */
  cellEnd: number[]
  /** The record delimiter, once a line break was seen. */
  recordDelimiter: string | undefined
  /** Set when the text is not valid CSV; the arrays then hold the records before the broken one. */
  error: ScanError | undefined
}

const comma = 44
const quote = 34
const lineFeed = 10
const carriageReturn = 13

export function scanRecords(text: string): ScanResult {
  const result: ScanResult = {
    recordStart: [],
    recordEnd: [],
    recordFirstCell: [0],
    cellStart: [],
    cellEnd: [],
    recordDelimiter: undefined,
    error: undefined
  }
  const {cellStart, cellEnd} = result
  const length = text.length
  let delimiter: string | undefined
  let position = 0

  /** Length of the record delimiter at `index`, or 0; the first line break fixes the delimiter, as csv-parse does. */
  const breakAt = (index: number): number => {
    const code = text.charCodeAt(index)
    if (code !== lineFeed && code !== carriageReturn) return 0
    if (delimiter === undefined) {
      delimiter = code === carriageReturn ? (text.charCodeAt(index + 1) === lineFeed ? '\r\n' : '\r') : '\n'
      return delimiter.length
    }
    return text.startsWith(delimiter, index) ? delimiter.length : 0
  }
  /** Whether an unquoted cell ends at a line break at `index` (before the delimiter is known, any line break ends it). */
  const lineBreakAhead = (index: number): boolean => delimiter === undefined || text.startsWith(delimiter, index)
  const fail = (kind: ScanErrorKind, offset: number): ScanResult => {
    cellStart.length = cellEnd.length = result.recordFirstCell.at(-1)!
    result.recordDelimiter = delimiter
    result.error = {kind, offset}
    return result
  }

  while (position < length) {
    const blank = breakAt(position)
    if (blank > 0) {
      position += blank
      continue
    }
    const recordStart = position
    let recordEnd = length
    for (;;) {
      const start = position
      if (text.charCodeAt(position) === quote) {
        let index = position + 1
        for (;;) {
          const next = text.indexOf('"', index)
          if (next === -1) return fail('unclosed-quote', start)
          if (text.charCodeAt(next + 1) === quote) {
            index = next + 2
            continue
          }
          index = next + 1
          break
        }
        position = index
      } else {
        let index = position
        while (index < length) {
          const code = text.charCodeAt(index)
          if (code === comma || ((code === lineFeed || code === carriageReturn) && lineBreakAhead(index))) break
          if (code === quote) return fail('quote-in-unquoted-cell', index)
          index++
        }
        position = index
      }
      cellStart.push(start)
      cellEnd.push(position)
      if (position >= length) break
      if (text.charCodeAt(position) === comma) {
        position++
        continue
      }
      const lineBreak = breakAt(position)
      if (lineBreak === 0) return fail('text-after-quote', position)
      recordEnd = position
      position += lineBreak
      break
    }
    result.recordStart.push(recordStart)
    result.recordEnd.push(recordEnd)
    result.recordFirstCell.push(cellStart.length)
  }
  result.recordDelimiter = delimiter
  return result
}
