/**
 * A row is written once: no two rows are identical, and no two rows share a
 * date, session_id and task (the ledger's key) — except correction rows,
 * which restate an earlier row on purpose.
 */
import {hasColumns} from '../src/ledger/parse.js'
import {correctionMarker, defineLedgerRule} from './_shared/ledger.js'

const keyColumns = ['date', 'session_id', 'task'] as const

export default defineLedgerRule({
  id: 'ledger-duplicate',
  meta: {
    severity: 'error',
    description:
      'no repeated rows or keys, except correction rows, rows of no session (`n/a`) and snapshots of one session',
    messages: {
      sameRow: 'the row is identical to line {{line}}: remove it',
      sameKey:
        'date, session_id and task ({{key}}) repeat line {{line}}: give the row its own session_id, or mark it as a correction ({{marker}})'
    }
  },
  check(table, context) {
    if (table.fatal || !table.usable) return
    const withKey = hasColumns(table, ...keyColumns)
    const rowsSeen = new Map<string, number>()
    const keysSeen = new Map<string, number>()
    for (const row of table.rows) {
      if (row.blank || row.correction) continue
      const place = {start: row.start, end: row.end}
      const whole = JSON.stringify(row.values)
      const sameRow = rowsSeen.get(whole)
      if (sameRow !== undefined) {
        context.report('sameRow', place, {data: {line: sameRow}})
        continue
      }
      rowsSeen.set(whole, row.line)
      // A row of no session has no key; moments of one session (snapshots) repeat its key on purpose.
      if (!withKey || row.ragged || row.keyless || row.snapshot) continue
      const values = keyColumns.map((column) => table.value(row, column)!)
      if (values.some((value) => value === '')) continue
      const key = JSON.stringify(values)
      const sameKey = keysSeen.get(key)
      if (sameKey !== undefined) {
        context.report('sameKey', place, {
          data: {key: values.join(', '), line: sameKey, marker: correctionMarker(table.options)}
        })
        continue
      }
      keysSeen.set(key, row.line)
    }
  }
})
