/**
 * A spreadsheet opening the ledger runs a cell that starts with `=`, `+`,
 * `-`, `@`, a tab, a carriage return or a line feed as a formula (CSV
 * injection): such text cells are errors. A number — `-5000` in delta — is
 * not text and stays as it is.
 */
import {placeOf, type LedgerRow} from '../src/ledger/parse.js'
import {defineRule} from '../src/rule/define-rule.js'
import {isLedger, ledgerOf, quoted} from './_shared/ledger.js'

const triggers: Record<string, string> = {
  '=': '“=”',
  '+': '“+”',
  '-': '“-”',
  '@': '“@”',
  '\t': 'a tab',
  '\r': 'a carriage return',
  '\n': 'a line feed'
}

const number = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

export default defineRule({
  id: 'ledger-formula',
  meta: {
    severity: 'error',
    description: 'no cell a spreadsheet would run as a formula',
    messages: {
      formula:
        "{{column}} {{value}} starts with {{trigger}}, which a spreadsheet runs as a formula: prefix it with an apostrophe (') or remove the sign"
    }
  },
  reads: 'text',
  appliesTo: isLedger,
  check(context) {
    const table = ledgerOf(context)
    if (table.fatal || !table.header) return
    const check = (row: LedgerRow, index: number, column: string) => {
      const value = row.values[index]!
      const first = value.charAt(0)
      if (!Object.hasOwn(triggers, first) || number.test(value)) return
      context.report('formula', placeOf(row.cellAt(index)!), {data: {column, value: quoted(value), trigger: triggers[first]!}})
    }
    const {header} = table
    header.values.forEach((_value, index) => check(header, index, 'header cell'))
    for (const row of table.rows) {
      for (let index = 0; index < row.values.length; index++) check(row, index, header.values[index] || `column ${index + 1}`)
    }
  }
})
