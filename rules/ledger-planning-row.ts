/**
 * Procedure step 2: "Append a planning row to the ledger noting the next
 * session’s token budget (leave tokens_actual/delta blank until the session
 * ends)", and set the target to 70–80 % of the context window. So the newest
 * plan has a planning row dated on the plan’s date, planned at the plan’s
 * target; an open planning row has no delta; and every planned figure lies
 * in the band.
 */
import type {SopLintConfig} from '../src/config/schema.js'
import {defineFileRule} from '../src/file-rule.js'
import {isLedger, ledgerOf} from '../src/ledger/load.js'
import {columnKind, csvCell, hasColumns, placeOf, type LedgerTable} from '../src/ledger/parse.js'
import {hasControlCharacter} from '../src/markdown/written-text.js'
import {loadNewestPlan} from '../src/plan/load-plan.js'
import {describeBand, tokenBand, withinBand} from '../src/tokens/band.js'
import {isCalendarDate} from '../src/workspace/plan-name.js'
import type {PlanFile} from '../src/workspace/workspace.js'

export default defineFileRule('ledger-planning-row', isLedger, (context) => {
  const table = ledgerOf(context)
  if (table.fatal || !table.usable || !hasColumns(table, 'date', 'task', 'tokens_planned')) return
  const {config, workspace} = context
  const newest = workspace.newestPlan()
  const planDate = newest?.date !== undefined && isCalendarDate(newest.date) ? newest.date : undefined
  const target = planDate ? loadNewestPlan(workspace)?.budget.target?.amount : undefined
  // A ragged planning row is still the plan's row (ledger-schema reports its cells), so it is looked for among all rows.
  const planningRow = planDate ? table.rows.filter((row) => row.planning && table.value(row, 'date') === planDate).at(-1) : undefined
  const rows = table.rows.filter((row) => !row.ragged && !row.blank)

  const band = tokenBand(config)
  const bandText = () => describeBand(config)
  for (const row of rows) {
    const planned = row.data.tokens_planned
    const cell = () => placeOf(table.cell(row, 'tokens_planned')!)
    // A tokens_planned that is not an integer is ledger-schema's to report.
    const typed = typeof planned === 'number' || table.value(row, 'tokens_planned') === ''
    if (row === planningRow && target && typed && (typeof planned !== 'number' || planned < target.min || planned > target.max)) {
      const value = target.max
      context.report(
        typeof planned === 'number'
          ? `tokens_planned ${planned} on the planning row of \`${newest!.path}\` is not the plan’s target ${target.text}: write ${value}`
          : `tokens_planned is blank on the planning row of \`${newest!.path}\`: write the plan’s target ${value}`,
        cell(),
        {expected: String(value)}
      )
    } else if (typeof planned === 'number' && planned > 0 && !withinBand({min: planned, max: planned}, config)) {
      context.report(
        `constraint-error: tokens_planned ${planned} is ${planned < band.min ? 'below' : 'above'} the band ${bandText()}: plan within the band`,
        cell()
      )
    }
    if (row.planning && table.value(row, 'tokens_actual') === '' && (table.value(row, 'delta') ?? '') !== '') {
      context.report(
        'constraint-error: delta is filled on an open planning row: leave tokens_actual and delta blank until the session ends',
        placeOf(table.cell(row, 'delta')!)
      )
    }
  }

  if (newest && planDate && !planningRow) {
    const row = planningRowText(table, config, newest, planDate, target?.max)
    context.report(
      `No planning row for \`${newest.path}\`: append one dated ${planDate} with task ${config.ledger.planningTask}${target ? `, tokens_planned ${target.max}` : ''} and blank tokens_actual and delta (filled when the session ends)`,
      table.end,
      // The row names the plan: a name with a line break would split it.
      hasControlCharacter(newest.path) ? {} : {expected: table.endsWithNewline ? `${row}${table.eol}` : `${table.eol}${row}`}
    )
  }
})

/** The planning row `--fix` appends, cell by cell in the file's own column order. */
function planningRowText(table: LedgerTable, config: SopLintConfig, plan: PlanFile, date: string, planned: number | undefined): string {
  const sessionId = plan.name.endsWith(config.plan.suffix) ? plan.name.slice(0, -config.plan.suffix.length) : plan.name
  const values: Record<string, string> = {
    date,
    session_id: sessionId,
    task: config.ledger.planningTask,
    tokens_planned: planned === undefined ? '' : String(planned),
    tokens_actual: '',
    delta: '',
    notes: `Planned token budget for ${plan.path}`
  }
  const seen = new Set<string>()
  return table
    .header!.cells.map((cell) => {
      const label = cell.value
      if (seen.has(label)) return ''
      seen.add(label)
      if (Object.hasOwn(values, label)) return csvCell(values[label]!)
      if (label === config.ledger.correctionColumn) return ''
      return columnKind(label) === 'count' ? '0' : ''
    })
    .join(',')
}

