/**
 * Procedure step 2: "Append a planning row to the ledger noting the next
 * session’s token budget (leave tokens_actual/delta blank until the session
 * ends)", and set the target to 70–80 % of the context window. So the newest
 * plan has a planning row dated on the plan’s date, planned at the plan’s
 * target; an open planning row has no delta; and every planned figure lies
 * in the band.
 */
import type {SopLintConfig} from '../src/config/schema.js'
import {columnKind, csvCell, hasColumns, placeOf, type LedgerTable} from '../src/ledger/parse.js'
import {hasControlCharacter} from '../src/markdown/written-text.js'
import {loadNewestPlan} from '../src/plan/load-plan.js'
import {describeBand, tokenBand, withinBand} from '../src/tokens/band.js'
import {isCalendarDate} from '../src/workspace/plan-name.js'
import type {PlanFile} from '../src/workspace/workspace.js'
import {defineLedgerRule} from './_shared/ledger.js'

export default defineLedgerRule({
  id: 'ledger-planning-row',
  meta: {
    severity: 'error',
    description: 'the newest plan has its planning row, planned within the band',
    messages: {
      notTarget: {
        text: 'tokens_planned {{planned}} on the planning row of `{{plan}}` is not the plan’s target {{target}}: write {{value}}',
        fix: 'replace'
      },
      plannedBlank: {
        text: 'tokens_planned is blank on the planning row of `{{plan}}`: write the plan’s target {{value}}',
        fix: 'insert'
      },
      outsideBand: 'tokens_planned {{planned}} is {{side}} the band {{band}}: plan within the band',
      deltaOnOpenRow:
        'delta is filled on an open planning row: leave tokens_actual and delta blank until the session ends',
      noRow: {
        text: 'No planning row for `{{plan}}`: append one dated {{date}} with task {{task}}{{planned}} and blank tokens_actual and delta (filled when the session ends)',
        fix: 'insert'
      }
    }
  },
  check(table, context) {
    if (table.fatal || !table.usable || !hasColumns(table, 'date', 'task', 'tokens_planned')) return
    const {config, workspace} = context
    const newest = workspace.newestPlan()
    const planDate = newest?.date !== undefined && isCalendarDate(newest.date) ? newest.date : undefined
    const target = planDate ? loadNewestPlan(workspace)?.budget.target?.amount : undefined
    // A ragged planning row is still the plan's row (ledger-schema reports its cells), so it is looked for among all rows.
    const planningRow = planDate
      ? table.rows.filter((row) => row.planning && table.value(row, 'date') === planDate).at(-1)
      : undefined
    const rows = table.rows.filter((row) => !row.ragged && !row.blank)

    const band = tokenBand(config)
    for (const row of rows) {
      const planned = row.data.tokens_planned
      const cell = () => placeOf(table.cell(row, 'tokens_planned')!)
      // A tokens_planned that is not an integer is ledger-schema's to report.
      const typed = typeof planned === 'number' || table.value(row, 'tokens_planned') === ''
      if (
        row === planningRow &&
        target &&
        typed &&
        (typeof planned !== 'number' || planned < target.min || planned > target.max)
      ) {
        const data = {plan: newest!.path, target: target.text, value: target.max}
        if (typeof planned === 'number')
          context.report('notTarget', cell(), {data: {...data, planned}, fix: String(target.max)})
        else context.report('plannedBlank', cell(), {data, fix: String(target.max)})
      } else if (typeof planned === 'number' && planned > 0 && !withinBand({min: planned, max: planned}, config)) {
        context.report('outsideBand', cell(), {
          data: {planned, side: planned < band.min ? 'below' : 'above', band: describeBand(config)}
        })
      }
      if (row.planning && table.value(row, 'tokens_actual') === '' && (table.value(row, 'delta') ?? '') !== '') {
        context.report('deltaOnOpenRow', placeOf(table.cell(row, 'delta')!))
      }
    }

    if (newest && planDate && !planningRow) {
      const row = planningRowText(table, config, newest, planDate, target?.max)
      context.report('noRow', table.end, {
        data: {
          plan: newest.path,
          date: planDate,
          task: config.ledger.planningTask,
          planned: target ? `, tokens_planned ${target.max}` : ''
        },
        // The row names the plan: a name with a line break would split it.
        ...(hasControlCharacter(newest.path)
          ? {}
          : {fix: table.endsWithNewline ? `${row}${table.eol}` : `${table.eol}${row}`})
      })
    }
  }
})

/** The planning row `--fix` appends, cell by cell in the file's own column order. */
function planningRowText(
  table: LedgerTable,
  config: SopLintConfig,
  plan: PlanFile,
  date: string,
  planned: number | undefined
): string {
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
