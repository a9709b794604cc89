/**
 * The token ledger parses as CSV, its header names the configured columns,
 * every row has a cell per column and every cell has its column's type:
 * YYYY-MM-DD dates, integer token and change counts (delta may be negative),
 * a session id and a task on every row. A quote that breaks the CSV syntax
 * is reported once, where the parser lost sync, and nothing else is checked.
 */
import {defineFileRule} from '../src/file-rule.js'
import {isLedger, ledgerOf} from '../src/ledger/load.js'

export default defineFileRule('ledger-schema', isLedger, (context) => {
  const table = ledgerOf(context)
  if (table.fatal) {
    context.report(table.fatal.reason, table.fatal.place)
    return
  }
  for (const issue of table.schemaIssues) {
    context.report(issue.reason, issue.place, issue.expected === undefined ? {} : {expected: issue.expected})
  }
})
