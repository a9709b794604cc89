/**
 * The token ledger parses as CSV, its header names the configured columns,
 * every row has a cell per column and every cell has its column's type:
 * YYYY-MM-DD dates, integer token and change counts (delta may be negative),
 * a session id and a task on every row. A quote that breaks the CSV syntax
 * is reported once, where the parser lost sync, and nothing else is checked.
 */
import type {LedgerIssue} from '../src/ledger/parse.js'
import {quoted} from '../src/rule/words.js'
import {defineLedgerRule} from './_shared/ledger.js'

const notChecked = '(nothing else in the ledger is checked until it parses)'

const messages = {
  unclosedQuote: `the quote that opens this cell is never closed, so the parser cannot read on: close the cell with " and write each quote inside it as "" ${notChecked}`,
  textAfterQuote: `{{text}} follows the closing quote of a cell: quote the whole cell and write each quote inside it as "" ${notChecked}`,
  quoteInUnquotedCell: `a quote inside an unquoted cell: put the whole cell in quotes and write this quote as "" ${notChecked}`,
  syntax: `{{error}}: fix the CSV syntax on this line ${notChecked}`,
  ambiguousLineBreaks:
    'the line breaks of the ledger are ambiguous (mixed line endings?), so cells cannot be placed: save it with one kind of line ending',
  empty: {text: 'the ledger is empty: add the header line', fix: 'insert'},
  noHeader: {
    text: 'line {{line}} names none of the ledger’s columns ({{columns}}): insert the header line above it',
    fix: 'insert'
  },
  blankLabel: 'column {{column}} of the header has no name: name it or remove the column',
  duplicateLabel: 'column {{label}} repeats column {{first}}: rename or remove one of them',
  missingColumnFirst: 'the header has no column {{column}}: add it first, with a cell in every row',
  missingColumnAfter: 'the header has no column {{column}}: add it after {{after}}, with a cell in every row',
  notUtf8: 'bytes that are not UTF-8 (read as “\uFFFD”): save the ledger as UTF-8',
  blankRow: 'the row has no values: remove it',
  missingCells:
    'the row has {{count}} cells where the header has {{width}} (none for {{missing}}): add the missing cells, blank when unknown',
  extraCells:
    'the row has {{count}} cells where the header has {{width}}: remove the extra cells, or quote a value that holds a comma ("a, b")',
  blankDate: 'date is blank: every row needs one (YYYY-MM-DD)',
  blankSessionId: 'session_id is blank: every row needs one (write n/a when the session has no id)',
  blankTask: 'task is blank: every row needs one (a planning row says {{planningTask}})',
  notDate: '{{column}} {{value}} is not a YYYY-MM-DD date: write the day as YYYY-MM-DD, e.g. 2026-02-13',
  notDay: '{{column}} {{value}} is not a real day: correct the month or the day',
  negativeCount: '{{column}} {{value}} is negative: counts are 0 or more (only delta may be negative)',
  notInteger:
    '{{column}} {{value}} is not an integer: write whole tokens in digits (e.g. 204000), or leave the cell blank',
  notIntegerMeant: {text: '{{column}} {{value}} is not an integer: write {{expected}}', fix: 'replace'}
} as const

type MessageId = keyof typeof messages

type Data = Record<string, string | number>

export default defineLedgerRule({
  id: 'ledger-schema',
  meta: {severity: 'error', description: 'the ledger parses strictly, with its columns and types', messages},
  check(table, context) {
    for (const issue of table.fatal ? [table.fatal] : table.schemaIssues) {
      const [id, data] = words(issue, context.config.ledger.planningTask)
      context.report(id, issue.place, {data, ...(issue.expected === undefined ? {} : {fix: issue.expected})})
    }
  }
})

/** A ledger issue in words: its message id and the values it names, quoted as cells are. */
function words(issue: LedgerIssue, planningTask: string): [MessageId, Data] {
  switch (issue.kind) {
    case 'textAfterQuote':
      return [issue.kind, {text: quoted(issue.text)}]
    case 'syntax':
      return [issue.kind, {error: issue.error}]
    case 'noHeader':
      return [issue.kind, {line: issue.line, columns: issue.columns.join(', ')}]
    case 'blankLabel':
      return [issue.kind, {column: issue.column}]
    case 'duplicateLabel':
      return [issue.kind, {label: quoted(issue.label), first: issue.first}]
    case 'missingColumn':
      if (issue.after === undefined) return ['missingColumnFirst', {column: quoted(issue.column)}]
      return ['missingColumnAfter', {column: quoted(issue.column), after: quoted(issue.after)}]
    case 'missingCells':
      return [
        issue.kind,
        {count: issue.count, width: issue.width, missing: issue.missing.map((name) => name || '(unnamed)').join(', ')}
      ]
    case 'extraCells':
      return [issue.kind, {count: issue.count, width: issue.width}]
    case 'blankRequired':
      if (issue.column === 'date') return ['blankDate', {}]
      return issue.column === 'session_id' ? ['blankSessionId', {}] : ['blankTask', {planningTask}]
    case 'notDate':
    case 'notDay':
    case 'negativeCount':
      return [issue.kind, {column: issue.column, value: quoted(issue.value)}]
    case 'notInteger':
      if (issue.expected === undefined) return ['notInteger', {column: issue.column, value: quoted(issue.value)}]
      return ['notIntegerMeant', {column: issue.column, value: quoted(issue.value), expected: issue.expected}]
    default:
      return [issue.kind, {}]
  }
}
