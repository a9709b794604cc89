/**
 * The ledger is appended to, session after session, so its dates never go
 * back. A correction row — notes carrying the correction marker, or the
 * correction column filled — restates an earlier entry and may carry an
 * earlier date; it is also not the row later dates are compared with.
 */
import {hasColumns, placeOf, type LedgerRow} from '../src/ledger/parse.js'
import {correctionMarker, defineLedgerRule} from './_shared/ledger.js'

export default defineLedgerRule({
  id: 'ledger-order',
  meta: {
    severity: 'error',
    description: 'dates never go backwards, except correction rows',
    messages: {
      dateGoesBack:
        'date {{date}} goes back from {{previous}} on line {{line}}: append rows in date order, or mark the row as a correction ({{marker}})'
    }
  },
  check(table, context) {
    if (table.fatal || !table.usable || !hasColumns(table, 'date')) return
    let previous: LedgerRow | undefined
    for (const row of table.rows) {
      const date = row.data.date
      if (row.ragged || row.blank || typeof date !== 'string' || row.correction) continue
      const previousDate = previous?.data.date as string | undefined
      if (previous && previousDate !== undefined && date < previousDate) {
        context.report('dateGoesBack', placeOf(table.cell(row, 'date')!), {
          data: {date, previous: previousDate, line: previous.line, marker: correctionMarker(table.options)}
        })
      }
      previous = row
    }
  }
})
