/**
 * A row is written once: no two rows are identical, and no two rows share a
 * date, session_id and task (the ledger's key) — except correction rows,
 * which restate an earlier row on purpose.
 */
import {defineFileRule} from '../src/file-rule.js'
import {isLedger, ledgerOf} from '../src/ledger/load.js'
import {hasColumns} from '../src/ledger/parse.js'

const keyColumns = ['date', 'session_id', 'task'] as const

export default defineFileRule('ledger-duplicate', isLedger, (context) => {
  const table = ledgerOf(context)
  if (table.fatal || !table.usable) return
  const withKey = hasColumns(table, ...keyColumns)
  const rowsSeen = new Map<string, number>()
  const keysSeen = new Map<string, number>()
  const marker = table.options.correctionColumn
    ? `${table.options.correctionMarker} in notes, or a value in ${table.options.correctionColumn}`
    : `${table.options.correctionMarker} in notes`
  for (const row of table.rows) {
    if (row.blank || row.correction) continue
    const place = {start: row.start, end: row.end}
    const whole = JSON.stringify(row.values)
    const sameRow = rowsSeen.get(whole)
    if (sameRow !== undefined) {
      context.report(`duplicate-row: the row is identical to line ${sameRow}: remove it`, place)
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
      context.report(
        `primary-key: date, session_id and task (${values.join(', ')}) repeat line ${sameKey}: give the row its own session_id, or mark it as a correction (${marker})`,
        place
      )
      continue
    }
    keysSeen.set(key, row.line)
  }
})
