/**
 * The `/status` capture `sop-lint status` writes into progress.md, from the
 * newest Codex `token_count` event: the context used against the window it
 * names, and the rate-limit windows labelled by their length (300 minutes is
 * the 5h limit, 10080 the weekly one). It is written in the words the
 * status-capture rule reads (src/tokens/status-capture.ts), so the rule
 * accepts what the command writes.
 */
import type {Root} from 'mdast'
import {UsageError} from '../../config/errors.js'
import type {SopLintConfig} from '../../config/schema.js'
import {appendToEntry, newestEntry} from '../../markdown/entries.js'
import {readStatusCapture} from '../../tokens/status-capture.js'
import {parseMarkdown} from '../../markdown/parse.js'
import {formatTokens} from '../../markdown/token-amount.js'
import {oneLine} from '../../markdown/written-text.js'
import {formatCount} from '../../tokens/reading-budget.js'
import type {CodexSession, RateWindow, TokenCountEvent} from '../../tokens/usage/codex.js'
import {formatTime} from '../../tokens/usage/jsonl.js'

export interface StatusCapture {
  /** The capture, one line without a list marker. */
  line: string
  /** Notes for the person running the command (a window Codex did not report…). */
  notes: string[]
}

const fiveHourMinutes = 300
const weekMinutes = 10_080

/** The capture of a session's newest token_count events (usage and rate limits may come from different events). */
export function statusCapture(session: CodexSession, config: SopLintConfig): StatusCapture {
  const withInfo = [...session.events].reverse().find((event) => event.last !== undefined)
  const withLimits = [...session.events].reverse().find((event) => event.rateLimits !== undefined)
  if (!withInfo && !withLimits)
    throw new UsageError(
      `Codex session ${session.id} (${session.file}) has no token_count event yet: nothing to capture`
    )
  const labels = config.crossFile.statusLabels
  const window = config.budget.contextWindow
  const parts: string[] = []
  const notes: string[] = []
  if (withInfo) {
    const used = withInfo.last!.totalTokens
    const percent = Math.round((used / window) * 100)
    const reported = withInfo.modelContextWindow
    const effective =
      reported !== undefined && reported !== window
        ? `; Codex reports model_context_window ${formatCount(reported)}, ${Math.round((used / reported) * 100)}% of it`
        : ''
    parts.push(
      `${labels.context[0] ?? 'context window'} ${percent}% used (${formatTokens(roundTo(used))}/${formatTokens(window)}${effective})`
    )
  } else {
    notes.push('the session has no token usage yet (every token_count has info: null): no context percentage written')
  }
  const windows = rateWindows(withLimits)
  const fiveHour = windows.find((entry) => entry.minutes === fiveHourMinutes)
  const weekly = windows.find((entry) => entry.minutes === weekMinutes)
  if (fiveHour) parts.push(`${labels.fiveHour[0] ?? '5h limit'} ${limitText(fiveHour.window)}`)
  else notes.push('Codex reported no 5h window (window_minutes 300)')
  if (weekly) parts.push(`${labels.weekly[0] ?? 'weekly limit'} ${limitText(weekly.window)}`)
  else
    notes.push(
      'Codex reported no weekly window (window_minutes 10080): status-capture asks for one, so add it from the /status pane'
    )
  for (const other of windows.filter((entry) => entry !== fiveHour && entry !== weekly)) {
    parts.push(
      `${other.minutes === undefined ? 'unlabelled' : `${other.minutes}-minute`} window ${limitText(other.window)}`
    )
  }
  const time =
    withInfo && withLimits
      ? withInfo.time > withLimits.time
        ? withInfo.time
        : withLimits.time
      : (withInfo ?? withLimits)!.time
  const line = `\`/status\` (Codex, ${formatTokens(window)} window; session ${oneLine(session.id.slice(0, 8))}, ${formatTime(time)}): ${parts.join(', ')}.`
  return {line, notes}
}

function roundTo(tokens: number): number {
  return Math.round(tokens / 100) * 100
}

function limitText(window: RateWindow): string {
  const percent = Number(window.usedPercent.toFixed(1))
  return `${percent}% used${window.resetsAt ? ` (resets ${formatTime(window.resetsAt)})` : ''}`
}

function rateWindows(event: TokenCountEvent | undefined): Array<{minutes: number | undefined; window: RateWindow}> {
  const limits = event?.rateLimits
  if (!limits) return []
  return [limits.primary, limits.secondary].flatMap((window) =>
    window ? [{minutes: window.windowMinutes, window}] : []
  )
}

/**
 * progress.md with the capture: it replaces a capture line of the newest
 * entry that still holds placeholders (`TODO%`, as `--fix` writes it), else
 * it is appended as a list item to the newest entry (at the end of a log
 * written oldest-first, under the top entry of one written newest-first).
 */
export function writeCapture(source: string, capture: string, config: SopLintConfig): string {
  const tree: Root = parseMarkdown(source)
  const entry = newestEntry(tree)
  const from = entry?.heading.position?.start.offset ?? 0
  const to = entry && !entry.last ? entry.blocks.at(-1)!.position!.end.offset! : source.length
  const placeholder = readStatusCapture(source.slice(from, to), config).find(
    (measurement) => measurement.value === undefined && !measurement.missing
  )
  if (placeholder) {
    const at = from + placeholder.valueStart
    const lineStart = source.lastIndexOf('\n', at) + 1
    const lineEnd = source.indexOf('\n', at)
    const end = lineEnd === -1 ? source.length : lineEnd
    const marker = /^\s*(?:[-*+]|\d+[.)])\s+/.exec(source.slice(lineStart, end))?.[0] ?? ''
    return source.slice(0, lineStart) + marker + capture + source.slice(end)
  }
  const insertion = appendToEntry(tree, source, entry, capture)
  const at = insertion.point.offset ?? source.length
  return source.slice(0, at) + insertion.expected + source.slice(at)
}
