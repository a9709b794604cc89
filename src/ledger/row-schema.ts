/**
 * The types of a ledger row's cells. A column's type comes from its name (the
 * real ledger's header, DESIGN §3); a column sop-lint does not know is free
 * text. Issues say what is wrong by kind; rule ledger-schema words them. A
 * plain function per cell, not a zod schema per row: the rules judge every
 * row of the history, and zod's object parse cost a check without a cached
 * result more than all the rest of the ledger's reading.
 */
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

/**
 * What is wrong with a cell, by kind, with the column and the value as
 * written: blank where every row needs one (`blankRequired`), not a
 * YYYY-MM-DD date (`notDate`), not a real day (`notDay`), a negative count
 * (`negativeCount`), not an integer (`notInteger`, with the integer a person
 * meant when that is clear: `12k` → `12000`, carried as `expected`).
 */
export interface CellIssue {
  kind: 'blankRequired' | 'notDate' | 'notDay' | 'negativeCount' | 'notInteger'
  column: string
  value: string
  expected?: string
}

/** A cell typed: its value, or what is wrong with it. */
export type TypedCell = {value: CellValue; issue?: undefined} | {issue: CellIssue}

/** Types the value of a cell of `column`. */
export function typeCell(column: string, value: string): TypedCell {
  const kind = columnKind(column)
  const fail = (issue: CellIssue['kind'], expected?: string): TypedCell => ({
    issue: {kind: issue, column, value, ...(expected === undefined ? {} : {expected})}
  })
  if (value === '') {
    if (kind === 'date' || kind === 'key') return fail('blankRequired')
    return {value: undefined}
  }
  if (kind === 'text' || kind === 'key') return {value}
  if (kind === 'date') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return fail('notDate')
    if (!isCalendarDate(value)) return fail('notDay')
    return {value}
  }
  if (/^-?\d+$/.test(value)) {
    if (kind === 'count' && Number(value) < 0) return fail('negativeCount')
    return {value: Number(value)}
  }
  return fail('notInteger', integerIn(value, kind === 'signed'))
}

/** The integer a person meant by `12k`, `200,000`, `+5000`, ` 5000 ` or `−5000` (a typographic minus), when that is clear. */
function integerIn(value: string, signed: boolean): string | undefined {
  const compact = value
    .trim()
    .replace(/[,_\s]/g, '')
    .replace(/^[\u2212\u2013]/, '-')
  const kilo = /^([+-]?\d+(?:\.\d+)?)k$/i.exec(compact)
  let number: number | undefined
  if (kilo) number = Math.round(Number(kilo[1]) * 1000)
  else if (/^[+-]?\d+(?:\.0+)?$/.test(compact)) number = Number(compact)
  if (number === undefined || !Number.isSafeInteger(number) || (!signed && number < 0)) return undefined
  return String(number)
}
