/**
 * Codex CLI's session logs: `$CODEX_HOME/sessions/YYYY/MM/DD/rollout-*.jsonl`
 * (default `~/.codex/sessions`). Each starts with a `session_meta` line
 * (`payload.id`, `payload.timestamp`, `payload.cwd`); each model turn appends
 * an `event_msg` whose payload is a `token_count`: `info` (null before the
 * first answer) with `total_token_usage` (the session's cumulative usage),
 * `last_token_usage` (the last turn: its `total_tokens` is what is in the
 * context window now) and `model_context_window`, and `rate_limits` with a
 * `primary` and a `secondary` window (`used_percent`, `window_minutes`, and
 * `resets_at` in epoch seconds — `resets_in_seconds` in older versions);
 * either window may be missing.
 */
import os from 'node:os'
import path from 'node:path'
import {isInside, listFolder, numberAt, objectAt, readJsonLines, stringAt} from './jsonl.js'

export interface CodexUsage {
  inputTokens: number
  cachedInputTokens: number
  outputTokens: number
  reasoningOutputTokens: number
  totalTokens: number
}

export interface RateWindow {
  usedPercent: number
  windowMinutes: number | undefined
  resetsAt: Date | undefined
}

export interface TokenCountEvent {
  time: Date
  /** Line of the rollout file. */
  line: number
  /** `undefined` where the log says `info: null`. */
  total: CodexUsage | undefined
  last: CodexUsage | undefined
  modelContextWindow: number | undefined
  rateLimits: {primary: RateWindow | undefined; secondary: RateWindow | undefined} | undefined
}

export interface CodexSession {
  file: string
  id: string
  started: Date
  cwd: string | undefined
  events: TokenCountEvent[]
}

/** The sessions folder: `--from-codex DIR`, else `$CODEX_HOME/sessions`, else `~/.codex/sessions`. */
export function codexSessionsFolder(given: string | undefined, env = process.env): string {
  if (given !== undefined) return path.resolve(given)
  if (env.CODEX_HOME) return path.join(env.CODEX_HOME, 'sessions')
  return path.join(os.homedir(), '.codex', 'sessions')
}

/**
 * Every session of the folder that ran in `root` (or a folder below it),
 * oldest first. Day folders before `sinceDate` (YYYY-MM-DD, with a day of
 * slack for time zones) are not read.
 */
export function readCodexSessions(folder: string, root: string, sinceDate?: string): CodexSession[] {
  const since = sinceDate === undefined ? undefined : shiftDate(sinceDate, -1)
  const sessions: CodexSession[] = []
  for (const year of listFolder(folder).filter((name) => /^\d{4}$/.test(name))) {
    for (const month of listFolder(path.join(folder, year)).filter((name) => /^\d{2}$/.test(name))) {
      for (const day of listFolder(path.join(folder, year, month)).filter((name) => /^\d{2}$/.test(name))) {
        if (since !== undefined && `${year}-${month}-${day}` < since) continue
        const dayFolder = path.join(folder, year, month, day)
        for (const name of listFolder(dayFolder).filter((file) => /^rollout-.*\.jsonl$/.test(file))) {
          const session = readRollout(path.join(dayFolder, name))
          if (session?.cwd !== undefined && isInside(session.cwd, root)) sessions.push(session)
        }
      }
    }
  }
  return sessions.sort((a, b) => a.started.getTime() - b.started.getTime())
}

/** One rollout file: its session_meta and its token_count events. */
export function readRollout(file: string): CodexSession | undefined {
  const lines = readJsonLines(file, ['"session_meta"', '"token_count"'])
  let session: CodexSession | undefined
  const events: TokenCountEvent[] = []
  for (const {line, value} of lines) {
    const record = value as Record<string, unknown>
    const payload = objectAt(record, 'payload')
    if (record.type === 'session_meta' && payload && !session) {
      const id = stringAt(payload, 'id')
      const started = new Date(stringAt(payload, 'timestamp') ?? stringAt(record, 'timestamp') ?? '')
      if (id === undefined || Number.isNaN(started.getTime())) continue
      session = {file, id, started, cwd: stringAt(payload, 'cwd'), events}
    } else {
      const event = tokenCountEvent(record, line)
      if (event) events.push(event)
    }
  }
  return session
}

/** A rollout line as a token_count event; `undefined` for any other line, or one without a readable time. */
export function tokenCountEvent(record: Record<string, unknown>, line: number): TokenCountEvent | undefined {
  const payload = objectAt(record, 'payload')
  if (record.type !== 'event_msg' || payload?.type !== 'token_count') return undefined
  const time = new Date(stringAt(record, 'timestamp') ?? '')
  if (Number.isNaN(time.getTime())) return undefined
  const info = objectAt(payload, 'info')
  const limits = objectAt(payload, 'rate_limits')
  return {
    time,
    line,
    total: usage(objectAt(info, 'total_token_usage')),
    last: usage(objectAt(info, 'last_token_usage')),
    modelContextWindow: numberAt(info, 'model_context_window'),
    rateLimits: limits && {
      primary: rateWindow(objectAt(limits, 'primary'), time),
      secondary: rateWindow(objectAt(limits, 'secondary'), time)
    }
  }
}

function usage(value: Record<string, unknown> | undefined): CodexUsage | undefined {
  if (!value) return undefined
  const totalTokens = numberAt(value, 'total_tokens')
  const inputTokens = numberAt(value, 'input_tokens') ?? 0
  const outputTokens = numberAt(value, 'output_tokens') ?? 0
  return {
    inputTokens,
    cachedInputTokens: numberAt(value, 'cached_input_tokens') ?? 0,
    outputTokens,
    reasoningOutputTokens: numberAt(value, 'reasoning_output_tokens') ?? 0,
    totalTokens: totalTokens ?? inputTokens + outputTokens
  }
}

function rateWindow(value: Record<string, unknown> | undefined, eventTime: Date): RateWindow | undefined {
  const usedPercent = numberAt(value, 'used_percent')
  if (usedPercent === undefined) return undefined
  const resetsAt = numberAt(value, 'resets_at')
  const resetsIn = numberAt(value, 'resets_in_seconds')
  return {
    usedPercent,
    windowMinutes: numberAt(value, 'window_minutes'),
    resetsAt:
      resetsAt !== undefined
        ? new Date(resetsAt * 1000)
        : resetsIn !== undefined
          ? new Date(eventTime.getTime() + resetsIn * 1000)
          : undefined
  }
}

function shiftDate(date: string, days: number): string {
  const time = new Date(`${date}T00:00:00Z`)
  time.setUTCDate(time.getUTCDate() + days)
  return time.toISOString().slice(0, 10)
}

/** The turn with the most tokens in the context window (`last_token_usage.total_tokens`, as Codex's /status counts it). */
export function peakContext(session: CodexSession): {tokens: number; event: TokenCountEvent} | undefined {
  let peak: {tokens: number; event: TokenCountEvent} | undefined
  for (const event of session.events) {
    if (!event.last) continue
    if (!peak || event.last.totalTokens > peak.tokens) peak = {tokens: event.last.totalTokens, event}
  }
  return peak
}

/** The session's cumulative usage: `total_token_usage.total_tokens` of its last token_count with info. */
export function cumulativeTotal(session: CodexSession): {tokens: number; event: TokenCountEvent} | undefined {
  const event = [...session.events].reverse().find((candidate) => candidate.total !== undefined)
  return event ? {tokens: event.total!.totalTokens, event} : undefined
}
