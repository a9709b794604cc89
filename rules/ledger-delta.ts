/**
 * A closed row — `tokens_actual` filled — has `delta` = `tokens_actual` −
 * `tokens_planned`, so the ledger shows how far each session missed its
 * budget (procedure Notes: planned vs actual). An empty delta on a closed row
 * carries the computed value, which `--fix` writes into the cell; a delta on
 * a row that is still open, or on a row planned at 0 (nothing was planned,
 * so nothing overran), is reported too.
 */
import {defineFileRule} from '../src/file-rule.js'
import {isLedger, ledgerOf} from '../src/ledger/load.js'
import {hasColumns, placeOf} from '../src/ledger/parse.js'

export default defineFileRule('ledger-delta', isLedger, (context) => {
  const table = ledgerOf(context)
  if (table.fatal || !table.usable || !hasColumns(table, 'tokens_planned', 'tokens_actual', 'delta')) return
  for (const row of table.rows) {
    if (row.ragged || row.blank) continue
    const plannedValue = row.data.tokens_planned
    const actualValue = row.data.tokens_actual
    const deltaValue = row.data.delta
    // A cell with a type error is ledger-schema's to report: there is nothing to compute from it.
    const typed = (column: string, value: unknown) => table.value(row, column) === '' || typeof value === 'number'
    if (!typed('tokens_planned', plannedValue) || !typed('tokens_actual', actualValue) || !typed('delta', deltaValue)) continue
    const delta = () => placeOf(table.cell(row, 'delta')!)

    if (typeof actualValue !== 'number') {
      if (typeof deltaValue === 'number' && !row.planning) {
        context.report(
          `constraint-error: delta ${deltaValue} on a row with no tokens_actual: leave delta blank until the session closes, or fill tokens_actual`,
          delta()
        )
      }
      continue
    }
    if (typeof plannedValue !== 'number') {
      context.report(
        `constraint-error: tokens_planned is blank on a closed row (tokens_actual ${actualValue}): write what was planned, 0 (and no delta) when nothing was`,
        placeOf(table.cell(row, 'tokens_planned')!)
      )
      continue
    }
    if (plannedValue === 0) {
      // Nothing was planned: a delta would count the whole session as overrun.
      if (typeof deltaValue === 'number') {
        context.report(
          `constraint-error: delta ${deltaValue} on a row planned at 0: a row with no plan has no delta — leave delta blank, or write what was planned in tokens_planned`,
          delta()
        )
      }
      continue
    }
    const computed = actualValue - plannedValue
    if (typeof deltaValue !== 'number') {
      context.report(
        `constraint-error: delta is blank on a closed row: insert ${computed} (tokens_actual ${actualValue} − tokens_planned ${plannedValue})`,
        delta(),
        {expected: String(computed)}
      )
    } else if (deltaValue !== computed) {
      context.report(
        `constraint-error: delta ${deltaValue} is not tokens_actual ${actualValue} − tokens_planned ${plannedValue}: write ${computed}`,
        delta(),
        {expected: String(computed)}
      )
    }
  }
})
