/**
 * The zod schema of a ledger row, built from the configured columns. A
 * column's type comes from its name (the real ledger's header, DESIGN §3);
 * a column sop-lint does not know is free text. Every issue's message is the
 * finished sentence a person reads, in Frictionless's vocabulary.
 */
import {z} from 'zod'
import {isCalendarDate} from '../workspace/plan-name.js'

/** `date`: YYYY-MM-DD; `key`: required text; `text`: free text; `count`: integer ≥ 0; `signed`: integer. */
export type ColumnKind = 'date' | 'key' | 'text' | 'count' | 'signed'

const knownColumns: Record<string, ColumnKind> = {
  date: 'date',
  session_id: 'key',
  task: 'key',
  tokens_planned: 'count',
  tokens_actual: 'count',
  delta: 'signed',
  commits: 'count',
  lines_added: 'count',
  lines_deleted: 'count',
  features_added: 'count',
  tests_added: 'count',
  notes: 'text'
}

export function columnKind(column: string): ColumnKind {
  return Object.hasOwn(knownColumns, column) ? knownColumns[column]! : 'text'
}

/** A typed cell: a date or text as written, a number, or `undefined` for a blank optional cell. */
export type CellValue = string | number | undefined

const blankAdvice: Record<string, string> = {
  date: 'every row needs one (YYYY-MM-DD)',
  session_id: 'every row needs one (write n/a when the session has no id)',
  task: 'every row needs one (a planning row says next_session_planning)'
}

/** The fix sop-lint may offer, carried by an issue beside its message. */
export interface CellIssueParams {
  expected?: string
}

export function cellSchema(column: string): z.ZodType<CellValue, string> {
  const kind = columnKind(column)
  return z.string().transform((value, context): CellValue => {
    const fail = (message: string, expected?: string) => {
      context.issues.push({code: 'custom', message, input: value, params: expected === undefined ? {} : {expected}})
      return z.NEVER
    }
    if (value === '') {
      if (kind === 'date' || kind === 'key') return fail(`constraint-error: ${column} is blank: ${blankAdvice[column] ?? 'every row needs one'}`)
      return undefined
    }
    if (kind === 'text' || kind === 'key') return value
    if (kind === 'date') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        return fail(`type-error: ${column} ${quoted(value)} is not a YYYY-MM-DD date: write the day as YYYY-MM-DD, e.g. 2026-02-13`)
      }
      if (!isCalendarDate(value)) return fail(`type-error: ${column} ${quoted(value)} is not a real day: correct the month or the day`)
      return value
    }
    if (/^-?\d+$/.test(value)) {
      const number = Number(value)
      if (kind === 'count' && number < 0) {
        return fail(`constraint-error: ${column} ${quoted(value)} is negative: counts are 0 or more (only delta may be negative)`)
      }
      return number
    }
    const suggestion = integerIn(value, kind === 'signed')
    return fail(
      suggestion === undefined
        ? `type-error: ${column} ${quoted(value)} is not an integer: write whole tokens in digits (e.g. 204000), or leave the cell blank`
        : `type-error: ${column} ${quoted(value)} is not an integer: write ${suggestion}`,
      suggestion
    )
  })
}

/** The row schema for the configured columns the header has. */
export function rowSchema(columns: readonly string[]) {
  return z.object(Object.fromEntries(columns.map((column) => [column, cellSchema(column)])) as Record<string, z.ZodType<CellValue, string>>)
}

/** The integer a person meant by `12k`, `200,000`, `+5000`, ` 5000 ` or `−5000` (a typographic minus), when that is clear. */
function integerIn(value: string, signed: boolean): string | undefined {
  const compact = value.trim().replace(/[,_\s]/g, '').replace(/^[\u2212\u2013]/, '-')
  const kilo = /^([+-]?\d+(?:\.\d+)?)k$/i.exec(compact)
  let number: number | undefined
  if (kilo) number = Math.round(Number(kilo[1]) * 1000)
  else if (/^[+-]?\d+(?:\.0+)?$/.test(compact)) number = Number(compact)
  if (number === undefined || !Number.isSafeInteger(number) || (!signed && number < 0)) return undefined
  return String(number)
}

const escapes: Record<string, string> = {'\t': '\\t', '\r': '\\r', '\n': '\\n'}

/** Characters a message would show as nothing, or as a plain space: control, format and other invisible characters, blanks but the space. */
const unseen = /(?! )[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{White_Space}]/gu

/** A cell's text as messages show it: in curly quotes, control and invisible characters written as escapes (`\t`, `\u200B`), long text cut. */
export function quoted(value: string): string {
  const visible = value.replace(unseen, (character) => escapes[character] ?? unicodeEscape(character))
  return `“${visible.length > 40 ? `${visible.slice(0, 39)}…` : visible}”`
}

function unicodeEscape(character: string): string {
  const hex = character.codePointAt(0)!.toString(16).toUpperCase()
  return hex.length > 4 ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`
}
