/**
 * The one session log an agent hook is given (`transcript_path` in its
 * input): a Claude Code session (`<session>.jsonl`, `user` and `assistant`
 * lines) or a Codex rollout (`rollout-*.jsonl`, a `session_meta` line, then
 * `event_msg` lines), told apart by their first record. A hook runs at the
 * end of every turn of a session that may be many megabytes long, so only
 * the head (when the session started) and the tail (the newest usage) are
 * read, the tail in growing steps until a line with usage is found.
 */
import {closeSync, constants, fstatSync, openSync, readSync} from 'node:fs'
import {toRequest} from './claude.js'
import {tokenCountEvent} from './codex.js'
import {objectAt, stringAt} from './jsonl.js'

export type Agent = 'claude' | 'codex'

export interface TranscriptUsage {
  agent: Agent
  /** The first record's time: when the session started. */
  started: Date | undefined
  /** The newest usage: tokens in the context window then, and when; `undefined` before the first answer. */
  newest: {context: number; time: Date} | undefined
}

/** Why a transcript gave no usage, in words that follow “the transcript …”. */
export class TranscriptProblem extends Error {}

const headBytes = 64 * 1024
const firstTailBytes = 64 * 1024
const codexTypes = new Set(['session_meta', 'turn_context', 'event_msg', 'response_item', 'compacted'])

/** The session and its newest usage; throws a {@link TranscriptProblem} when the file cannot be read as either agent's log. */
export function readTranscriptUsage(file: string): TranscriptUsage {
  let fd: number
  try {
    // Without blocking: a FIFO in its place would otherwise hold the hook until something writes to it.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    throw new TranscriptProblem(`${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`)
  }
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) throw new TranscriptProblem(`${file} is not a regular file`)
    const head = readLines(fd, 0, Math.min(headBytes, stats.size))
    let first: Line
    for (const line of head) {
      first = parseObject(line)
      if (first) break
    }
    if (!first) throw new TranscriptProblem(`${file} holds no JSON line`)
    const agent: Agent = typeof first.type === 'string' && codexTypes.has(first.type) ? 'codex' : 'claude'
    return {agent, started: startOf(agent, head), newest: newestUsage(fd, stats.size, agent)}
  } finally {
    closeSync(fd)
  }
}

type Line = Record<string, unknown> | undefined

/** The whole lines of bytes `start`–`end` (a line cut by `start` is dropped), as text: each is parsed only when looked at. */
function readLines(fd: number, start: number, end: number): string[] {
  const buffer = Buffer.alloc(end - start)
  let read = 0
  while (read < buffer.length) {
    const got = readSync(fd, buffer, read, buffer.length - read, start + read)
    if (got === 0) break
    read += got
  }
  let text = buffer.subarray(0, read).toString('utf8')
  if (start > 0) text = text.slice(text.indexOf('\n') + 1)
  // A last line cut by `end`, or still being written, does not parse: it is no record yet.
  return text.split('\n')
}

function parseObject(content: string): Record<string, unknown> | undefined {
  if (!content.startsWith('{')) return undefined
  try {
    const value = JSON.parse(content) as unknown
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

function startOf(agent: Agent, head: readonly string[]): Date | undefined {
  for (const line of head) {
    const value = parseObject(line)
    if (!value) continue
    const text =
      agent === 'codex' && value.type === 'session_meta'
        ? (stringAt(objectAt(value, 'payload'), 'timestamp') ?? stringAt(value, 'timestamp'))
        : stringAt(value, 'timestamp')
    const time = new Date(text ?? '')
    if (!Number.isNaN(time.getTime())) return time
  }
  return undefined
}

/** The newest line with usage, reading back from the end in doubling steps. */
function newestUsage(fd: number, size: number, agent: Agent): TranscriptUsage['newest'] {
  for (let span = firstTailBytes; ; span *= 2) {
    const start = Math.max(0, size - span)
    const lines = readLines(fd, start, size)
    for (let index = lines.length - 1; index >= 0; index--) {
      const found = usageOf(agent, parseObject(lines[index]!))
      if (found) return found
    }
    if (start === 0) return undefined
  }
}

function usageOf(agent: Agent, value: Line): TranscriptUsage['newest'] {
  if (!value) return undefined
  if (agent === 'codex') {
    const event = tokenCountEvent(value, 0)
    return event?.last ? {context: event.last.totalTokens, time: event.time} : undefined
  }
  // A subagent's answers (a sidechain) fill the subagent's window, not the session's.
  if (value.type !== 'assistant' || value.isSidechain === true) return undefined
  const usage = objectAt(objectAt(value, 'message'), 'usage')
  const time = new Date(stringAt(value, 'timestamp') ?? '')
  if (!usage || Number.isNaN(time.getTime())) return undefined
  return {context: toRequest(usage, time, '', 0, undefined).context, time}
}
