/**
 * Claude Code's session logs: `~/.claude/projects/<folder>/<session>.jsonl`
 * (`$CLAUDE_CONFIG_DIR/projects` when set), the folder being the session's
 * cwd with every character other than a letter or digit written as `-`.
 * Every assistant line carries `sessionId`, `cwd`, `timestamp`, `requestId`
 * and `message.id` with `message.usage` (`input_tokens`,
 * `cache_creation_input_tokens`, `cache_read_input_tokens`, `output_tokens`).
 * A streamed answer is written as several lines — one per content block —
 * that share the message id and the request id and repeat the usage: they
 * are one request, counted once.
 */
import os from 'node:os'
import path from 'node:path'
import {isInside, listFolder, numberAt, objectAt, readJsonLines, stringAt} from './jsonl.js'

export interface ClaudeRequest {
  time: Date
  file: string
  line: number
  /** `message.id` + `requestId`; `undefined` when a line lacks either (counted as its own request). */
  key: string | undefined
  input: number
  cacheCreation: number
  cacheRead: number
  output: number
  /** Tokens in the context window for this request: the prompt (input, cache writes and reads) and the answer. */
  context: number
}

export interface ClaudeSession {
  id: string
  files: string[]
  cwd: string
  started: Date
  requests: ClaudeRequest[]
  /** Lines dropped as streamed duplicates of a request already counted. */
  duplicates: number
}

/** The projects folder: `--from-claude DIR`, else `$CLAUDE_CONFIG_DIR/projects`, else `~/.claude/projects`. */
export function claudeProjectsFolder(given: string | undefined, env = process.env): string {
  if (given !== undefined) return path.resolve(given)
  if (env.CLAUDE_CONFIG_DIR) return path.join(env.CLAUDE_CONFIG_DIR, 'projects')
  return path.join(os.homedir(), '.claude', 'projects')
}

/** How Claude Code names a project's folder: its cwd, every other character than a letter or digit as `-`. */
export function projectFolderName(cwd: string): string {
  return cwd.replace(/[^A-Za-z\d]/g, '-')
}

/**
 * Every Claude Code session that ran in `root` (or below it), oldest first,
 * each request counted once. Only project folders whose name starts as the
 * root's does are read; the cwd of each line decides.
 */
export function readClaudeSessions(folder: string, root: string): ClaudeSession[] {
  const prefix = projectFolderName(path.resolve(root))
  const sessions = new Map<string, ClaudeSession>()
  const seen = new Map<string, ClaudeRequest>()
  for (const project of listFolder(folder).filter((name) => name.startsWith(prefix))) {
    for (const name of listFolder(path.join(folder, project)).filter((file) => file.endsWith('.jsonl'))) {
      const file = path.join(folder, project, name)
      for (const {line, value} of readJsonLines(file, ['"assistant"'])) {
        const record = value as Record<string, unknown>
        if (record.type !== 'assistant') continue
        const message = objectAt(record, 'message')
        const usage = objectAt(message, 'usage')
        const cwd = stringAt(record, 'cwd')
        const time = new Date(stringAt(record, 'timestamp') ?? '')
        if (!usage || cwd === undefined || !isInside(cwd, root) || Number.isNaN(time.getTime())) continue
        const id = stringAt(record, 'sessionId') ?? path.basename(name, '.jsonl')
        let session = sessions.get(id)
        if (!session) {
          session = {id, files: [], cwd, started: time, requests: [], duplicates: 0}
          sessions.set(id, session)
        }
        if (!session.files.includes(file)) session.files.push(file)
        if (time < session.started) session.started = time
        const messageId = stringAt(message, 'id')
        const requestId = stringAt(record, 'requestId')
        const key = messageId !== undefined && requestId !== undefined ? `${messageId}:${requestId}` : undefined
        const request = toRequest(usage, time, file, line, key)
        const earlier = key === undefined ? undefined : seen.get(key)
        if (earlier) {
          session.duplicates++
          // Streamed lines repeat the usage; where they differ, the last block's output is the answer's.
          if (request.output > earlier.output)
            Object.assign(earlier, {...request, time: earlier.time, line: earlier.line})
          continue
        }
        if (key !== undefined) seen.set(key, request)
        session.requests.push(request)
      }
    }
  }
  return [...sessions.values()].sort((a, b) => a.started.getTime() - b.started.getTime())
}

/** One answer's usage as a request: what its prompt and answer put in the context window. */
export function toRequest(
  usage: Record<string, unknown>,
  time: Date,
  file: string,
  line: number,
  key: string | undefined
): ClaudeRequest {
  const input = numberAt(usage, 'input_tokens') ?? 0
  const cacheCreation = numberAt(usage, 'cache_creation_input_tokens') ?? 0
  const cacheRead = numberAt(usage, 'cache_read_input_tokens') ?? 0
  const output = numberAt(usage, 'output_tokens') ?? 0
  return {
    time,
    file,
    line,
    key,
    input,
    cacheCreation,
    cacheRead,
    output,
    context: input + cacheCreation + cacheRead + output
  }
}

/** The request with the most tokens in context. */
export function claudePeakContext(session: ClaudeSession): ClaudeRequest | undefined {
  let peak: ClaudeRequest | undefined
  for (const request of session.requests) if (!peak || request.context > peak.context) peak = request
  return peak
}

/** Every token of every request, once: input, cache writes, cache reads and output. */
export function claudeCumulative(session: ClaudeSession): number {
  return session.requests.reduce((sum, request) => sum + request.context, 0)
}
