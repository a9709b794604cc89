/**
 * The figures `sop-lint budget` prints for the newest plan: target and band,
 * buffer, buckets, tasks, the tokens of every reading item, and the headroom
 * left for the work once the buffer and the reading are taken.
 */
import type {SopLintConfig} from '../../config/schema.js'
import type {PlanDocument} from '../../plan/plan-document.js'
import type {CountStats} from '../../tokens/cache.js'
import {readingBudget} from '../../tokens/reading-budget.js'
import type {ReadingCount} from '../../tokens/reading.js'
import {tokenBand} from '../../tokens/band.js'

export interface BudgetReport {
  plan: string
  contextWindow: number
  band: {min: number; max: number; minShare: number; maxShare: number}
  target: {tokens: number; text: string} | undefined
  buffer: {tokens: number; text: string} | undefined
  /** Target less buffer. */
  available: number | undefined
  buckets: Array<{name: string; tokens: number; text: string}>
  bucketsTotal: number
  tasks: Array<{
    number: number
    title: string
    tokens: number | undefined
    text: string | undefined
    readingTokens: number | undefined
  }>
  tasksTotal: number
  reading: {
    encoding: 'o200k_base'
    total: number
    required: number
    items: Array<{
      label: string
      path: string | undefined
      from: string
      tokens: number | undefined
      cached: boolean
      counted: boolean
      note: string | undefined
    }>
  }
  /** Target less buffer less reading: what the work itself can use. */
  headroom: number | undefined
  cache: CountStats
}

export function budgetReport(
  plan: PlanDocument,
  planPath: string,
  config: SopLintConfig,
  reading: ReadingCount,
  stats: CountStats
): BudgetReport {
  const {contextWindow, band} = config.budget
  const budget = readingBudget(plan, config)
  const target = plan.budget.target?.amount
  const buffer = plan.budget.buffer?.amount
  const buckets = plan.budget.buckets.map((bucket) => ({
    name: bucket.name,
    tokens: bucket.amount.max,
    text: bucket.amount.text
  }))
  const tasks = plan.tasks.map((task) => ({
    number: task.number,
    title: task.title.replace(/\*\*/g, ''),
    tokens: task.budget?.max,
    text: task.budget?.text,
    readingTokens: reading.perTask.get(task.number)
  }))
  return {
    plan: planPath,
    contextWindow,
    band: {...tokenBand(config), minShare: band.min, maxShare: band.max},
    target: target && {tokens: target.max, text: target.text},
    buffer: buffer && {tokens: buffer.min, text: buffer.text},
    available: budget.available,
    buckets,
    bucketsTotal: buckets.reduce((sum, bucket) => sum + bucket.tokens, 0),
    tasks,
    tasksTotal: tasks.reduce((sum, task) => sum + (task.tokens ?? 0), 0),
    reading: {
      encoding: 'o200k_base',
      total: reading.total,
      required: reading.required,
      items: reading.items.map((item) => ({
        label: item.label,
        path: item.path,
        from: item.from.kind === 'required' ? 'required reading' : `task ${item.from.task}`,
        tokens: item.tokens,
        cached: item.cached,
        counted: item.tokens !== undefined && !item.duplicate,
        note: item.note
      }))
    },
    headroom: budget.available === undefined ? undefined : budget.available - reading.total,
    cache: stats
  }
}

/** The report as a table; with `bars`, a bar per row scaled to the target (a terminal). */
export function formatBudget(report: BudgetReport, options: {bars: boolean; color: boolean}): string {
  const scale = report.target?.tokens ?? report.band.max
  const width = 24
  const number = (tokens: number | undefined) => (tokens === undefined ? '—' : tokens.toLocaleString('en-US'))
  const rows: Array<{label: string; tokens: number | undefined; note?: string; strong?: boolean; over?: boolean}> = []
  const percent = (share: number) => `${Math.round(share * 100)}%`
  rows.push({
    label: 'Target',
    tokens: report.target?.tokens,
    note: `band ${number(report.band.min)}–${number(report.band.max)} (${percent(report.band.minShare)}–${percent(report.band.maxShare)} of ${number(report.contextWindow)})`,
    strong: true
  })
  rows.push({label: 'Buffer', tokens: report.buffer?.tokens})
  rows.push({label: 'Left after the buffer', tokens: report.available, strong: true})
  if (report.buckets.length > 0) {
    rows.push({label: 'Buckets', tokens: report.bucketsTotal, note: 'sum'})
    for (const bucket of report.buckets) rows.push({label: `  ${bucket.name}`, tokens: bucket.tokens})
  }
  rows.push({
    label: 'Tasks',
    tokens: report.tasksTotal,
    note: 'sum',
    over: report.available !== undefined && report.tasksTotal > report.available
  })
  for (const task of report.tasks) {
    const reading = task.readingTokens === undefined ? undefined : `own reading ${number(task.readingTokens)}`
    rows.push({
      label: `  ${task.number}. ${clipText(task.title, 36)}`,
      tokens: task.tokens,
      ...(reading ? {note: reading} : {})
    })
  }
  rows.push({
    label: `Reading (${report.reading.encoding})`,
    tokens: report.reading.total,
    note: 'distinct files and ranges',
    over: report.available !== undefined && report.reading.total > report.available
  })
  for (const item of report.reading.items) {
    const note = [item.from === 'required reading' ? undefined : item.from, item.note].filter(Boolean).join('; ')
    rows.push({label: `  ${clipText(item.label, 44)}`, tokens: item.tokens, ...(note ? {note} : {})})
  }
  rows.push({
    label: 'Headroom (left − reading)',
    tokens: report.headroom,
    strong: true,
    over: report.headroom !== undefined && report.headroom < 0
  })

  const labelWidth = Math.max(...rows.map((row) => row.label.length))
  const numberWidth = Math.max(...rows.map((row) => number(row.tokens).length))
  const paint = (text: string, code: string) => (options.color ? `\u001B[${code}m${text}\u001B[0m` : text)
  const lines = [`Budget of ${report.plan} (tokens)`, '']
  for (const row of rows) {
    let line = `${row.label.padEnd(labelWidth)}  ${number(row.tokens).padStart(numberWidth)}`
    if (options.bars) {
      const filled =
        row.tokens === undefined || row.tokens <= 0 ? 0 : Math.min(width, Math.round((row.tokens / scale) * width))
      const bar = '█'.repeat(filled) + '·'.repeat(width - filled)
      line += `  ${paint(bar, row.over ? '31' : row.strong ? '1' : '36')}`
    }
    if (row.note) line += `  ${row.note}`
    if (row.over) line += `  ${paint('over what the buffer leaves', '31')}`
    lines.push(line.trimEnd())
  }
  return `${lines.join('\n')}\n`
}

function clipText(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text
}
