/**
 * `sop-lint report`: one self-contained HTML page — inline CSS and SVG, no
 * script, no font, no image, no URL — charting planned against actual
 * tokens per session (the ledger's planning rows) over the budget band, the
 * delta of each session, and the whole ledger as a table. A
 * Content-Security-Policy of `default-src 'none'` makes the browser refuse
 * any load, so the page works offline and leaks nothing. Light and dark
 * colours follow `prefers-color-scheme`.
 */
import type {SopLintConfig} from '../../config/schema.js'
import type {LedgerTable} from '../../ledger/parse.js'
import {columnKind} from '../../ledger/row-schema.js'
import {tokenBand} from '../../tokens/band.js'

export interface SessionBar {
  /** Line of the row in the ledger. */
  line: number
  date: string
  session: string
  task: string
  planned: number | undefined
  actual: number | undefined
  delta: number | undefined
}

/**
 * The sessions of the ledger, in file order: its planning rows, and the rows
 * that close a session with a planned and an actual figure of their own (the
 * real ledger records `end_of_session` rows beside planning rows it leaves
 * open). Task rows planned at 0 and correction rows are not sessions.
 */
export function sessionsOf(table: LedgerTable): SessionBar[] {
  const number = (value: unknown) => (typeof value === 'number' ? value : undefined)
  return table.rows
    .filter((row) => !row.ragged && !row.blank && !row.correction)
    .filter(
      (row) =>
        row.planning || ((number(row.data.tokens_planned) ?? 0) > 0 && number(row.data.tokens_actual) !== undefined)
    )
    .map((row) => {
      const planned = number(row.data.tokens_planned)
      const actual = number(row.data.tokens_actual)
      const written = number(row.data.delta)
      return {
        line: row.line,
        date: table.value(row, 'date') ?? '',
        session: table.value(row, 'session_id') ?? '',
        task: table.value(row, 'task') ?? '',
        planned,
        actual,
        delta: written ?? (planned !== undefined && actual !== undefined ? actual - planned : undefined)
      }
    })
}

const escapes: Record<string, string> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => escapes[character]!)
}

function formatCount(tokens: number): string {
  return tokens.toLocaleString('en-US')
}

function signed(delta: number): string {
  return delta > 0 ? `+${formatCount(delta)}` : delta < 0 ? `−${formatCount(-delta)}` : '0'
}

function kilo(tokens: number): string {
  return tokens === 0 ? '0' : `${Math.round(tokens / 1000)}K`
}

/** The chart: a band, a planned marker and an actual bar per session, the delta above. */
export function chartSvg(sessions: readonly SessionBar[], config: SopLintConfig): string {
  const {contextWindow, band} = config.budget
  const {min: bandMin, max: bandMax} = tokenBand(config)
  const values = sessions.flatMap((session) => [session.planned ?? 0, session.actual ?? 0])
  const top = Math.max(contextWindow, ...values) * 1.05
  const left = 64
  const right = 16
  const topPad = 28
  const bottom = 56
  const slot = Math.max(28, Math.min(96, Math.floor(880 / Math.max(1, sessions.length))))
  const width = left + right + slot * Math.max(1, sessions.length)
  const height = 340
  const plot = height - topPad - bottom
  const y = (tokens: number) => topPad + plot - (tokens / top) * plot
  const parts: string[] = []
  parts.push(
    `<svg class="chart" role="img" aria-labelledby="chart-title" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`,
    `<title id="chart-title">Planned and actual tokens per session against the ${Math.round(band.min * 100)}–${Math.round(band.max * 100)}% band of ${formatCount(contextWindow)}</title>`
  )
  const step = top > 400_000 ? 100_000 : 50_000
  for (let tick = 0; tick <= top; tick += step) {
    parts.push(
      `<line class="grid" x1="${left}" x2="${width - right}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}"/>`,
      `<text class="axis" x="${left - 8}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end">${kilo(tick)}</text>`
    )
  }
  parts.push(
    `<rect class="band" data-min="${Math.round(bandMin)}" data-max="${Math.round(bandMax)}" x="${left}" width="${width - left - right}" y="${y(bandMax).toFixed(1)}" height="${(y(bandMin) - y(bandMax)).toFixed(1)}"><title>Band ${formatCount(Math.round(bandMin))}–${formatCount(Math.round(bandMax))} tokens (${Math.round(band.min * 100)}–${Math.round(band.max * 100)}% of ${formatCount(contextWindow)})</title></rect>`,
    `<line class="window" x1="${left}" x2="${width - right}" y1="${y(contextWindow).toFixed(1)}" y2="${y(contextWindow).toFixed(1)}"/>`,
    `<text class="axis" x="${width - right}" y="${(y(contextWindow) - 6).toFixed(1)}" text-anchor="end">window ${kilo(contextWindow)}</text>`
  )
  sessions.forEach((session, index) => {
    const x = left + slot * index
    const barWidth = Math.max(10, slot * 0.5)
    const barX = x + (slot - barWidth) / 2
    const middle = x + slot / 2
    const label = [session.date, session.task, session.session].filter(Boolean).join(' · ')
    parts.push(`<g class="session" data-date="${escapeHtml(session.date)}" data-line="${session.line}">`)
    if (session.actual !== undefined) {
      // Under the band and over it are told apart: one spent less than the plan allowed, the other ran out of room.
      const where =
        session.actual < bandMin ? ' outside under-band' : session.actual > bandMax ? ' outside over-band' : ''
      parts.push(
        `<rect class="bar-actual${where}" data-tokens="${session.actual}" x="${barX.toFixed(1)}" width="${barWidth.toFixed(1)}" y="${y(session.actual).toFixed(1)}" height="${(y(0) - y(session.actual)).toFixed(1)}"><title>${escapeHtml(label)}: actual ${formatCount(session.actual)} tokens</title></rect>`
      )
    } else {
      parts.push(
        `<text class="open" x="${middle.toFixed(1)}" y="${(y(0) - 6).toFixed(1)}" text-anchor="middle">open</text>`
      )
    }
    if (session.planned !== undefined) {
      parts.push(
        `<line class="planned" data-tokens="${session.planned}" x1="${(barX - 4).toFixed(1)}" x2="${(barX + barWidth + 4).toFixed(1)}" y1="${y(session.planned).toFixed(1)}" y2="${y(session.planned).toFixed(1)}"><title>${escapeHtml(label)}: planned ${formatCount(session.planned)} tokens</title></line>`
      )
    }
    if (session.delta !== undefined && session.actual !== undefined) {
      const above = Math.min(y(session.actual), session.planned === undefined ? Infinity : y(session.planned)) - 6
      parts.push(
        `<text class="delta ${session.delta > 0 ? 'over' : 'under'}" data-delta="${session.delta}" x="${middle.toFixed(1)}" y="${above.toFixed(1)}" text-anchor="middle">${signed(session.delta)}</text>`
      )
    }
    parts.push(
      `<text class="axis date" x="${middle.toFixed(1)}" y="${(y(0) + 16).toFixed(1)}" text-anchor="middle">${escapeHtml(session.date.slice(5))}</text>`,
      '</g>'
    )
  })
  parts.push(
    `<line class="axis-line" x1="${left}" x2="${width - right}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}"/>`,
    '</svg>'
  )
  return parts.join('\n')
}

const style = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --grid: #d1d9e0; --band: rgba(26, 127, 55, 0.16); --band-edge: #1a7f37;
  --actual: #0969da; --under-band: #9a6700; --over-band: #cf222e; --planned: #1f2328; --over: #cf222e; --under: #1a7f37; --row: #f6f8fa; --planning: rgba(9, 105, 218, 0.08); }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --grid: #30363d; --band: rgba(63, 185, 80, 0.18); --band-edge: #3fb950;
    --actual: #4493f8; --under-band: #d29922; --over-band: #f85149; --planned: #e6edf3; --over: #f85149; --under: #3fb950; --row: #161b22; --planning: rgba(68, 147, 248, 0.12); }
}
body { margin: 2rem; background: var(--bg); color: var(--fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { font-size: 1.4rem; margin: 0 0 0.25rem; } h2 { font-size: 1.1rem; margin: 2rem 0 0.5rem; }
p.meta { color: var(--muted); margin: 0 0 1rem; }
.figures { display: flex; gap: 2rem; flex-wrap: wrap; margin: 1rem 0; } .figures div { min-width: 8rem; } .figures strong { display: block; font-size: 1.3rem; }
.chart { max-width: 100%; height: auto; }
.chart .grid { stroke: var(--grid); stroke-width: 1; } .chart .axis-line { stroke: var(--muted); }
.chart .axis, .chart .open { fill: var(--muted); font-size: 11px; } .chart .window { stroke: var(--muted); stroke-dasharray: 4 4; }
.chart .band { fill: var(--band); stroke: var(--band-edge); stroke-width: 1; stroke-dasharray: 2 3; }
.chart .bar-actual { fill: var(--actual); } .chart .bar-actual.under-band { fill: var(--under-band); } .chart .bar-actual.over-band { fill: var(--over-band); }
.chart .planned { stroke: var(--planned); stroke-width: 3; }
.chart .delta { font-size: 11px; font-weight: 600; } .chart .delta.over { fill: var(--over); } .chart .delta.under { fill: var(--under); }
.legend { display: flex; gap: 1.25rem; color: var(--muted); margin: 0.5rem 0; flex-wrap: wrap; }
.legend i { display: inline-block; width: 14px; height: 10px; margin-right: 0.35rem; vertical-align: middle; }
.legend .l-band { background: var(--band); border: 1px dashed var(--band-edge); } .legend .l-actual { background: var(--actual); }
.legend .l-under-band { background: var(--under-band); } .legend .l-over-band { background: var(--over-band); } .legend .l-planned { height: 3px; background: var(--planned); }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 0.3rem 0.6rem; border-bottom: 1px solid var(--grid); text-align: left; vertical-align: top; }
td { white-space: nowrap; } td.notes { white-space: normal; min-width: 16rem; } .table-wrap { overflow-x: auto; }
td.number { text-align: right; } tr.planning td { background: var(--planning); }
td.over { color: var(--over); } td.under { color: var(--under); }
`

/** The page. */
export function reportHtml(
  table: LedgerTable,
  config: SopLintConfig,
  options: {ledgerPath: string; generated: string}
): string {
  const sessions = sessionsOf(table)
  const closed = sessions.filter((session) => session.actual !== undefined && session.delta !== undefined)
  const {contextWindow, band} = config.budget
  const {min: bandMin, max: bandMax} = tokenBand(config)
  const inBand = closed.filter((session) => session.actual! >= bandMin && session.actual! <= bandMax).length
  const meanDelta =
    closed.length > 0 ? Math.round(closed.reduce((sum, session) => sum + session.delta!, 0) / closed.length) : undefined
  const header = table.header?.values ?? []
  const deltaIndex = header.indexOf('delta')
  const rowsHtml = table.rows
    .filter((row) => !row.blank)
    .map((row) => {
      const cells = row.values.map((value, index) => {
        const classes = [isNumberColumn(header[index]) ? 'number' : header[index] === 'notes' ? 'notes' : '']
        if (index === deltaIndex && /^-?\d+$/.test(value))
          classes.push(Number(value) > 0 ? 'over' : Number(value) < 0 ? 'under' : '')
        const className = classes.filter(Boolean).join(' ')
        return `<td${className ? ` class="${className}"` : ''}>${escapeHtml(value)}</td>`
      })
      return `<tr${row.planning ? ' class="planning"' : ''} data-line="${row.line}">${cells.join('')}</tr>`
    })
    .join('\n')
  const deltaList = closed
    .map(
      (session) =>
        `<li data-date="${escapeHtml(session.date)}">${escapeHtml(session.date)} ${escapeHtml(session.task)} (line ${session.line}): planned ${formatCount(session.planned!)}, actual ${formatCount(session.actual!)}, delta ${signed(session.delta!)}</li>`
    )
    .join('\n')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Token ledger — planned vs actual</title>
<style>${style}</style>
</head>
<body>
<h1>Token ledger: planned vs actual</h1>
<p class="meta">${escapeHtml(options.ledgerPath)} · ${sessions.length} session${sessions.length === 1 ? '' : 's'} · band ${formatCount(Math.round(bandMin))}–${formatCount(Math.round(bandMax))} tokens (${Math.round(band.min * 100)}–${Math.round(band.max * 100)}% of ${formatCount(contextWindow)}) · written by sop-lint ${escapeHtml(options.generated)}</p>
<div class="figures">
<div><strong>${closed.length}</strong>closed sessions</div>
<div><strong>${closed.length > 0 ? `${inBand}/${closed.length}` : '—'}</strong>actual within the band</div>
<div><strong>${meanDelta === undefined ? '—' : signed(meanDelta)}</strong>mean delta (actual − planned)</div>
<div><strong>${sessions.length - closed.length}</strong>open</div>
</div>
<div class="legend"><span><i class="l-band"></i>band</span><span><i class="l-planned"></i>planned</span><span><i class="l-actual"></i>actual in the band</span><span><i class="l-under-band"></i>actual under it</span><span><i class="l-over-band"></i>actual over it</span></div>
${sessions.length > 0 ? chartSvg(sessions, config) : '<p>No planning rows in the ledger yet.</p>'}
<h2>Delta per session</h2>
${closed.length > 0 ? `<ul class="deltas">\n${deltaList}\n</ul>` : '<p>No closed session yet.</p>'}
<h2>Ledger</h2>
<div class="table-wrap">
<table class="ledger">
<thead><tr>${header.map((label) => `<th>${escapeHtml(label)}</th>`).join('')}</tr></thead>
<tbody>
${rowsHtml}
</tbody>
</table>
</div>
</body>
</html>
`
}

/** A column whose cells are numbers, by the ledger's own typing of its columns: right-aligned in the table. */
function isNumberColumn(column: string | undefined): boolean {
  if (column === undefined) return false
  const kind = columnKind(column)
  return kind === 'count' || kind === 'signed'
}
