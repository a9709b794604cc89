/**
 * The `/status` capture of a Claude Code session, from its logs: the context
 * used against the window (`agent.claudeContextWindow`), taken from the
 * newest assistant message's usage — its prompt (input, cache writes and
 * reads) and its answer, which is what the next request carries. Claude
 * Code's logs hold no rate limits, so the 5h and weekly windows are written
 * as missing, in words the status-capture rule reads as such
 * (`crossFile.statusMissing`).
 */
import {UsageError} from '../../config/errors.js'
import type {SopLintConfig} from '../../config/schema.js'
import {formatTokens} from '../../markdown/token-amount.js'
import type {ClaudeSession} from '../../tokens/usage/claude.js'
import {formatTime} from '../../tokens/usage/jsonl.js'
import type {StatusCapture} from './status.js'

export function claudeStatusCapture(session: ClaudeSession, config: SopLintConfig): StatusCapture {
  const newest = session.requests.reduce<ClaudeSession['requests'][number] | undefined>(
    (latest, request) => (!latest || request.time >= latest.time ? request : latest),
    undefined
  )
  if (!newest)
    throw new UsageError(
      `Claude Code session ${session.id} has no assistant message with usage yet: nothing to capture`
    )
  const labels = config.crossFile.statusLabels
  const missing = config.crossFile.statusMissing[0]
  if (missing === undefined)
    throw new UsageError(
      'crossFile.statusMissing is empty: the capture cannot say that Claude Code logs no rate limits'
    )
  const window = config.agent.claudeContextWindow
  const used = newest.context
  const context = `${labels.context[0] ?? 'context window'} ${Math.round((used / window) * 100)}% used (${formatTokens(Math.round(used / 100) * 100)}/${formatTokens(window)})`
  const limits = `${labels.fiveHour[0] ?? '5h limit'} ${missing}, ${labels.weekly[0] ?? 'weekly limit'} ${missing}`
  const line = `\`/status\` (Claude Code, ${formatTokens(window)} window; session ${session.id.slice(0, 8)}, ${formatTime(newest.time)}): ${context}, ${limits} (Claude Code does not log its usage limits).`
  return {
    line,
    notes: [
      'Claude Code logs no 5h or weekly limit: the capture says so; where Claude Code shows you those figures, write them in by hand'
    ]
  }
}
