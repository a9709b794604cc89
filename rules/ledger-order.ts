/**
 * The ledger is appended to, session after session, so its dates never go
 * back. A correction row — notes carrying the correction marker, or the
 * correction column filled — restates an earlier entry and may carry an
 * earlier date; it is also not the row later dates are compared with.
 */
import {defineFileRule} from '../src/file-rule.js'
import {isLedger, ledgerOf} from '../src/ledger/load.js'
import {hasColumns, placeOf, type LedgerRow} from '../src/ledger/parse.js'

export default defineFileRule('ledger-order', isLedger, (context) => {
  const table = ledgerOf(context)
  if (table.fatal || !table.usable || !hasColumns(table, 'date')) return
  const marker = table.options.correctionColumn
    ? `${table.options.correctionMarker} in notes, or a value in ${table.options.correctionColumn}`
    : `${table.options.correctionMarker} in notes`
  let previous: LedgerRow | undefined
  for (const row of table.rows) {
    const date = row.data.date
    if (row.ragged || row.blank || typeof date !== 'string' || row.correction) continue
    const previousDate = previous?.data.date as string | undefined
    if (previous && previousDate !== undefined && date < previousDate) {
      context.report(
        `row-constraint: date ${date} goes back from ${previousDate} on line ${previous.line}: append rows in date order, or mark the row as a correction (${marker})`,
        placeOf(table.cell(row, 'date')!)
      )
    }
    previous = row
  }
})
