/**
 * The JSON object Claude Code and Codex write on a command hook's standard
 * input: `session_id`, `transcript_path`, `cwd`, `hook_event_name`, and for
 * Stop `stop_hook_active` (true when the agent is already going on because a
 * Stop hook blocked it). Fields of the wrong type are taken as missing; only
 * input that is no JSON object at all is refused.
 */
import {existsSync, statSync} from 'node:fs'
import path from 'node:path'
import {UsageError} from '../config/errors.js'
import {findRoot} from './root.js'

export interface AgentHookInput {
  sessionId: string | undefined
  transcriptPath: string | undefined
  cwd: string | undefined
  event: string | undefined
  stopHookActive: boolean
}

/** Input that cannot be read, in words that follow “the hook's input …”. */
export class HookInputError extends Error {}

/** Larger input is no hook payload (Codex adds the last answer to Stop's, which stays far below this). */
const maxInputBytes = 16 * 1024 * 1024

/** Standard input to its end, as text; a terminal (someone running the hook by hand) gives nothing. */
export async function readHookStdin(): Promise<string> {
  if (process.stdin.isTTY) return ''
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of process.stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
    size += bytes.length
    if (size > maxInputBytes) throw new HookInputError(`is over ${maxInputBytes / 1024 / 1024} MB`)
    chunks.push(bytes)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export function parseHookInput(text: string): AgentHookInput {
  if (text.trim() === '') throw new HookInputError('is empty (the agent writes one JSON object on standard input)')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new HookInputError(`is not JSON (it starts “${text.trim().slice(0, 40)}”)`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new HookInputError('is not a JSON object')
  const record = value as Record<string, unknown>
  const field = (key: string) =>
    typeof record[key] === 'string' && record[key] !== '' ? (record[key] as string) : undefined
  return {
    sessionId: field('session_id'),
    transcriptPath: field('transcript_path'),
    cwd: field('cwd'),
    event: field('hook_event_name'),
    stopHookActive: record.stop_hook_active === true
  }
}

/**
 * The repository a hook runs for: `--root`, else the nearest folder from the
 * session's folder up that holds `.git` (a folder, or the file of a worktree
 * or submodule) — git's top level, found without starting git at every turn —,
 * else the session's folder.
 */
export function hookRoot(rootOption: string | undefined, cwd: string): string {
  if (rootOption !== undefined) return findRoot(rootOption, cwd)
  const start = path.resolve(cwd)
  let isFolder = false
  try {
    isFolder = statSync(start).isDirectory()
  } catch {}
  if (!isFolder) throw new UsageError(`the session's folder ${cwd} does not exist`)
  for (let folder = start; ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, '.git'))) return folder
    if (path.dirname(folder) === folder) return start
  }
}
