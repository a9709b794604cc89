/**
 * A spreadsheet opening the ledger runs a cell that starts with `=`, `+`,
 * `-`, `@`, a tab, a carriage return or a line feed as a formula (CSV
 * injection), also in full-width form and after invisible characters: such
 * text cells are errors. A number — `-5000` in delta — is not text and stays
 * as it is. The predicate is the writers' too (src/ledger/formula.ts).
 */
import {defineFileRule} from '../src/file-rule.js'
import {formulaStart} from '../src/ledger/formula.js'
import {isLedger, ledgerOf} from '../src/ledger/load.js'
import {placeOf, quoted, type LedgerRow} from '../src/ledger/parse.js'

export default defineFileRule('ledger-formula', isLedger, (context) => {
  const table = ledgerOf(context)
  if (table.fatal || !table.header) return
  const check = (row: LedgerRow, index: number, column: string | undefined) => {
    const value = row.values[index]!
    const start = formulaStart(value)
    if (!start) return
    context.report(
      `constraint-error: ${column ?? 'header cell'} ${quoted(value)} starts with ${start.name}, which a spreadsheet runs as a formula: prefix it with an apostrophe (') or remove the sign`,
      placeOf(row.cellAt(index)!)
    )
  }
  const {header} = table
  header.values.forEach((_value, index) => check(header, index, undefined))
  for (const row of table.rows) {
    for (let index = 0; index < row.values.length; index++) check(row, index, header.values[index] || `column ${index + 1}`)
  }
})

