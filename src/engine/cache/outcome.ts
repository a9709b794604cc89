/**
 * A check's result in a form that can be kept as JSON and reported later:
 * its files (paths relative to the repository root, so any working folder
 * can report them) with their messages, and the few facts a commit check
 * adds its own judgement with.
 */
import path from 'node:path'
import type {VFile} from 'vfile'
import type {Severity} from '../../config/schema.js'
import type {FreshnessSettings} from '../../plan/freshness.js'
import type {PlainMessage} from '../../rule/message.js'
import type {NewestChoice} from '../../workspace/workspace.js'

export type StoredMessage = PlainMessage

export interface StoredFile {
  /** Repository-relative POSIX path. */
  path: string
  messages: StoredMessage[]
}

/** What a check knew besides its messages, for judging a commit's date against it and for reports. */
export interface CheckFacts {
  newestPlan:
    | {
        path: string
        name: string
        date: string | undefined
        /** Why it is the newest (see NewestChoice), with the other plans of its date and the file that points at it. */
        why?: NewestChoice['why']
        others?: string[]
        pointer?: string | undefined
      }
    | undefined
  freshness: FreshnessSettings & {severity: Severity}
  severities: Record<string, Severity>
  /** `paths.ledger`: the hook checks the rows each pushed commit adds to it. */
  ledger: string
  agent: AgentFacts
}

/** What `sop-lint hook stop` judges the end of a session with, besides the messages. */
export interface AgentFacts {
  /** Share of the context window past which the session must leave its plan. */
  stopThreshold: number
  /** Windows the context use is measured against, per agent. */
  contextWindow: {claude: number; codex: number}
  /** About how many tokens the reason of a blocked stop may take. */
  reasonTokens: number
  /** The planning files (role files and the plans folder): one written during the session is work of the session. */
  planningPaths: string[]
}

export interface CheckOutcome {
  files: StoredFile[]
  facts: CheckFacts
}

export function storeFiles(files: readonly VFile[], root: string): StoredFile[] {
  return files.map((file) => ({
    path: path.relative(root, path.resolve(file.cwd, file.path)).split(path.sep).join('/'),
    messages: file.messages.map((message) => ({
      reason: message.reason,
      place: message.place ?? undefined,
      ruleId: message.ruleId ?? undefined,
      source: message.source ?? undefined,
      fatal: message.fatal,
      url: message.url ?? undefined,
      messageId: message.messageId,
      expected: message.expected ?? undefined,
      fix: message.fix,
      suggestions: message.suggestions,
      note: message.note ?? undefined
    }))
  }))
}

export function hasErrors(files: readonly StoredFile[]): boolean {
  return files.some((file) => file.messages.some((message) => message.fatal))
}
