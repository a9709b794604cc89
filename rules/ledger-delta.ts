/**
 * A closed row — `tokens_actual` filled — has `delta` = `tokens_actual` −
 * `tokens_planned`, so the ledger shows how far each session missed its
 * budget (procedure Notes: planned vs actual). An empty delta on a closed row
 * carries the computed value, which `--fix` writes into the cell; a delta on
 * a row that is still open, or on a row planned at 0 (nothing was planned,
 * so nothing overran), is reported too.
 */
import {hasColumns, placeOf} from '../src/ledger/parse.js'
import {defineLedgerRule} from './_shared/ledger.js'

export default defineLedgerRule({
  id: 'ledger-delta',
  meta: {
    severity: 'error',
    description: 'closed rows have delta = actual − planned; a row planned at 0 has none',
    messages: {
      deltaOnOpenRow:
        'delta {{delta}} on a row with no tokens_actual: leave delta blank until the session closes, or fill tokens_actual',
      plannedBlank:
        'tokens_planned is blank on a closed row (tokens_actual {{actual}}): write what was planned, 0 (and no delta) when nothing was',
      deltaOnUnplannedRow:
        'delta {{delta}} on a row planned at 0: a row with no plan has no delta — leave delta blank, or write what was planned in tokens_planned',
      deltaBlank: {
        text: 'delta is blank on a closed row: insert {{computed}} (tokens_actual {{actual}} − tokens_planned {{planned}})',
        fix: 'insert'
      },
      deltaWrong: {
        text: 'delta {{delta}} is not tokens_actual {{actual}} − tokens_planned {{planned}}: write {{computed}}',
        fix: 'replace'
      }
    }
  },
  check(table, context) {
    if (table.fatal || !table.usable || !hasColumns(table, 'tokens_planned', 'tokens_actual', 'delta')) return
    for (const row of table.rows) {
      if (row.ragged || row.blank) continue
      const planned = row.data.tokens_planned
      const actual = row.data.tokens_actual
      const delta = row.data.delta
      // A cell with a type error is ledger-schema's to report: there is nothing to compute from it.
      const typed = (column: string, value: unknown) => table.value(row, column) === '' || typeof value === 'number'
      if (!typed('tokens_planned', planned) || !typed('tokens_actual', actual) || !typed('delta', delta)) continue
      const deltaCell = () => placeOf(table.cell(row, 'delta')!)

      if (typeof actual !== 'number') {
        if (typeof delta === 'number' && !row.planning) context.report('deltaOnOpenRow', deltaCell(), {data: {delta}})
        continue
      }
      if (typeof planned !== 'number') {
        context.report('plannedBlank', placeOf(table.cell(row, 'tokens_planned')!), {data: {actual}})
        continue
      }
      if (planned === 0) {
        // Nothing was planned: a delta would count the whole session as overrun.
        if (typeof delta === 'number') context.report('deltaOnUnplannedRow', deltaCell(), {data: {delta}})
        continue
      }
      const computed = actual - planned
      const data = {computed, actual, planned}
      if (typeof delta !== 'number') context.report('deltaBlank', deltaCell(), {data, fix: String(computed)})
      else if (delta !== computed)
        context.report('deltaWrong', deltaCell(), {data: {...data, delta}, fix: String(computed)})
    }
  }
})
