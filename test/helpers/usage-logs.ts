/**
 * Session logs shaped as Codex CLI and Claude Code write them, made by the
 * tests (nothing is fetched): a Codex rollout is a `session_meta` line, then
 * `event_msg` lines — `token_count` ones among user and agent messages, the
 * first with `info: null` — and `response_item` lines; a Claude Code session
 * is `user` and `assistant` lines, a streamed answer being several assistant
 * lines with the same message id and request id.
 */
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

export interface Usage {
  input_tokens: number
  cached_input_tokens: number
  output_tokens: number
  reasoning_output_tokens: number
  total_tokens: number
}

export function usage(input: number, cached: number, output: number, reasoning = 0): Usage {
  return {
    input_tokens: input,
    cached_input_tokens: cached,
    output_tokens: output,
    reasoning_output_tokens: reasoning,
    total_tokens: input + output
  }
}

export interface RateLimitWindow {
  used_percent: number
  window_minutes?: number
  resets_at?: number
  resets_in_seconds?: number
}

export interface TokenCount {
  timestamp: string
  info: {total_token_usage: Usage; last_token_usage: Usage; model_context_window: number} | null
  rate_limits?: {primary?: RateLimitWindow | null; secondary?: RateLimitWindow | null} | null
}

/** Writes `sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl` below `codexHome`; returns its path. */
export function writeRollout(
  codexHome: string,
  session: {id: string; timestamp: string; cwd: string; events: TokenCount[]}
): string {
  const [date, time] = session.timestamp.split('T') as [string, string]
  const [year, month, day] = date.split('-')
  const folder = path.join(codexHome, 'sessions', year!, month!, day!)
  mkdirSync(folder, {recursive: true})
  const file = path.join(folder, `rollout-${date}T${time.slice(0, 8).replace(/:/g, '-')}-${session.id}.jsonl`)
  const lines: unknown[] = [
    {
      timestamp: session.timestamp,
      type: 'session_meta',
      payload: {
        id: session.id,
        timestamp: session.timestamp,
        cwd: session.cwd,
        originator: 'codex_cli_rs',
        cli_version: '0.58.0',
        instructions: null,
        source: 'cli',
        model_provider: 'openai',
        git: {commit_hash: 'b1e5f0c', branch: 'main', repository_url: 'git@example.invalid:team/invoice-sync.git'}
      }
    },
    {
      timestamp: session.timestamp,
      type: 'turn_context',
      payload: {cwd: session.cwd, approval_policy: 'on-request', model: 'gpt-5-codex', effort: 'medium'}
    }
  ]
  for (const event of session.events) {
    lines.push(
      {
        timestamp: event.timestamp,
        type: 'event_msg',
        payload: {type: 'user_message', message: 'next task, please', images: []}
      },
      {
        timestamp: event.timestamp,
        type: 'response_item',
        payload: {
          type: 'message',
          role: 'assistant',
          content: [{type: 'output_text', text: 'Done: the "token_count" of this turn follows.'}]
        }
      },
      {
        timestamp: event.timestamp,
        type: 'event_msg',
        payload: {type: 'token_count', info: event.info, rate_limits: event.rate_limits ?? null}
      }
    )
  }
  writeFileSync(file, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`)
  return file
}

/** A token_count with usage: `last` is the turn's, `total` the running sum. */
export function tokenCount(
  timestamp: string,
  last: Usage,
  total: Usage,
  rateLimits?: TokenCount['rate_limits'],
  window = 258_400
): TokenCount {
  return {
    timestamp,
    info: {total_token_usage: total, last_token_usage: last, model_context_window: window},
    ...(rateLimits === undefined ? {} : {rate_limits: rateLimits})
  }
}

export interface ClaudeAssistant {
  timestamp: string
  messageId: string
  requestId: string
  usage: {
    input_tokens: number
    cache_creation_input_tokens: number
    cache_read_input_tokens: number
    output_tokens: number
  }
  /** Lines written for this answer (a streamed answer has one per content block). */
  blocks?: number
}

/** Writes `projects/<cwd as Claude names it>/<session>.jsonl` below `claudeHome`; returns its path. */
export function writeClaudeSession(
  claudeHome: string,
  session: {id: string; cwd: string; answers: ClaudeAssistant[]}
): string {
  const folder = path.join(claudeHome, 'projects', session.cwd.replace(/[^A-Za-z\d]/g, '-'))
  mkdirSync(folder, {recursive: true})
  const file = path.join(folder, `${session.id}.jsonl`)
  const lines: unknown[] = []
  let parent: string | null = null
  let counter = 0
  const uuid = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`
  for (const answer of session.answers) {
    const userUuid = uuid()
    lines.push({
      parentUuid: parent,
      isSidechain: false,
      userType: 'external',
      cwd: session.cwd,
      sessionId: session.id,
      version: '1.0.98',
      gitBranch: 'main',
      type: 'user',
      message: {role: 'user', content: 'go on'},
      uuid: userUuid,
      timestamp: answer.timestamp
    })
    parent = userUuid
    const blocks = answer.blocks ?? 1
    for (let block = 0; block < blocks; block++) {
      const lineUuid = uuid()
      lines.push({
        parentUuid: parent,
        isSidechain: false,
        userType: 'external',
        cwd: session.cwd,
        sessionId: session.id,
        version: '1.0.98',
        gitBranch: 'main',
        message: {
          id: answer.messageId,
          type: 'message',
          role: 'assistant',
          model: 'claude-sonnet-4-20250514',
          content: [
            block === 0
              ? {type: 'text', text: 'Looking at the ledger.'}
              : {type: 'tool_use', id: `toolu_${block}`, name: 'Read', input: {file_path: 'progress.md'}}
          ],
          stop_reason: block === blocks - 1 ? 'tool_use' : null,
          stop_sequence: null,
          usage: {...answer.usage, service_tier: 'standard'}
        },
        requestId: answer.requestId,
        type: 'assistant',
        uuid: lineUuid,
        timestamp: answer.timestamp
      })
      parent = lineUuid
    }
  }
  writeFileSync(file, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`)
  return file
}
