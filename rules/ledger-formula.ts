/**
 * A spreadsheet opening the ledger runs a cell that starts with `=`, `+`,
 * `-`, `@`, a tab, a carriage return or a line feed as a formula (CSV
 * injection), also in full-width form and after invisible characters: such
 * text cells are errors. A number — `-5000` in delta — is not text and stays
 * as it is. The predicate is the writers' too (src/ledger/formula.ts).
 */
import {formulaStart} from '../src/ledger/formula.js'
import {placeOf, type LedgerRow} from '../src/ledger/parse.js'
import {describeFormulaStart, quoted} from '../src/rule/words.js'
import {defineLedgerRule} from './_shared/ledger.js'

export default defineLedgerRule({
  id: 'ledger-formula',
  meta: {
    severity: 'error',
    description: 'no cell a spreadsheet would run as a formula',
    messages: {
      formula:
        "{{column}} {{value}} starts with {{start}}, which a spreadsheet runs as a formula: prefix it with an apostrophe (') or remove the sign",
      // Given by the pre-push hook for a commit before the tip (src/engine/brought-records.ts): its rows cannot be told apart.
      unparsedCommitLedger:
        'The ledger in this commit does not parse (line {{line}}, column {{column}}), so the rows it adds cannot be checked for cells a spreadsheet runs as formulas: rewrite the commit so that its ledger parses'
    }
  },
  check(table, context) {
    if (table.fatal || !table.header) return
    const check = (row: LedgerRow, index: number, column: string) => {
      const value = row.values[index]!
      const start = formulaStart(value)
      if (start)
        context.report('formula', placeOf(row.cellAt(index)!), {
          data: {column, value: quoted(value), start: describeFormulaStart(start)}
        })
    }
    const {header} = table
    header.values.forEach((_value, index) => check(header, index, 'header cell'))
    for (const row of table.rows) {
      for (let index = 0; index < row.values.length; index++)
        check(row, index, header.values[index] || `column ${index + 1}`)
    }
  }
})
