/**
 * What identifies a problem across edits, for a baseline: never its line or
 * column, which move as the progress log and the ledger grow. A message in a
 * Markdown document is its rule and its text with every position taken out;
 * a message on a row of a CSV ledger is also that row's content, so it holds
 * wherever the row moves and ends when the row is changed.
 */
import type {Point, Position} from 'unist'

/** A problem as a baseline keeps it. */
export interface Fingerprint {
  rule: string
  /** The message without positions. */
  message: string
  /** The ledger row the message stands on, as written (CSV files only). */
  row?: string
}

export interface Locatable {
  reason: string
  ruleId?: string | null | undefined
  place?: Point | Position | null | undefined
}

/** The fingerprint of a message on `file` (repository-relative), whose text `text()` gives (read only for CSV files). */
export function fingerprintOf(message: Locatable, file: string, text: () => string | undefined): Fingerprint {
  const fingerprint: Fingerprint = {rule: message.ruleId ?? '', message: withoutPositions(message.reason)}
  if (/\.csv$/i.test(file)) {
    const line = lineOf(message.place)
    const row = line === undefined ? undefined : text()?.split(/\r?\n/)[line - 1]
    if (row !== undefined && row.trim() !== '') fingerprint.row = row
  }
  return fingerprint
}

/** One string per fingerprint, for counting and comparing. */
export function fingerprintKey(fingerprint: Fingerprint): string {
  return JSON.stringify([fingerprint.rule, fingerprint.message, fingerprint.row ?? null])
}

/** A message's text with its positions taken out: `line 12`, `lines 3–9`, `12:4`, `12:4-12:9`. */
export function withoutPositions(reason: string): string {
  return reason
    .replace(/\b(lines?|rows?|columns?|col) \d+(?:[–-]\d+)?\b/gi, (_match, word: string) => `${word} …`)
    .replace(/(?<![\w./-])\d+:\d+(-\d+(:\d+)?)?(?![\w/])/g, '…')
}

function lineOf(place: Point | Position | null | undefined): number | undefined {
  if (!place) return undefined
  return 'start' in place ? place.start.line : place.line
}
