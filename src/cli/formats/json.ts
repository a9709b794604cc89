import path from 'node:path'
import type {VFile} from 'vfile'
import type {FixData, Suggestion} from '../../rule/message.js'

/**
 * One file in ESLint's JSON formatter shape, so tools that read ESLint output
 * read ours: a message's `fix` is the insertion `--fix` applies, a range of
 * the file's text and the text that replaces it; `suggestions` are the edits
 * only a person applies (a replacement of what someone wrote). The fixable
 * counts count fixes only.
 */
export interface JsonResult {
  filePath: string
  messages: Array<{
    ruleId: string | null
    severity: 1 | 2
    message: string
    messageId?: string
    line: number
    column: number
    endLine: number | undefined
    endColumn: number | undefined
    fix?: FixData
    suggestions?: Suggestion[]
  }>
  errorCount: number
  warningCount: number
  fixableErrorCount: number
  fixableWarningCount: number
  /** On the newest plan's result, when other plans share its date: why it was taken. */
  newestPlan?: {why: string; others: string[]; text: string}
}

/** Which plan a check took as the newest, and why. */
export interface NewestNote {
  /** Absolute path of the plan. */
  file: string
  why: string
  others: string[]
  text: string
}

export function toJsonResults(files: readonly VFile[], quiet: boolean, newest?: NewestNote): JsonResult[] {
  return files.map((file) => {
    const messages = file.messages
      .filter((message) => !quiet || message.fatal)
      .map((message) => ({
        ruleId: message.ruleId ?? null,
        severity: (message.fatal ? 2 : 1) as 1 | 2,
        message: message.reason,
        ...(message.messageId === undefined ? {} : {messageId: message.messageId}),
        line: message.line ?? 1,
        column: message.column ?? 1,
        endLine: message.place && 'end' in message.place ? message.place.end.line : undefined,
        endColumn: message.place && 'end' in message.place ? message.place.end.column : undefined,
        ...(message.fix ? {fix: message.fix} : {}),
        ...(message.suggestions?.length ? {suggestions: message.suggestions} : {})
      }))
    const count = (severity: 1 | 2, fixable: boolean) =>
      messages.filter((message) => message.severity === severity && (!fixable || message.fix)).length
    const filePath = path.resolve(file.cwd, file.path)
    return {
      filePath,
      messages,
      errorCount: count(2, false),
      warningCount: count(1, false),
      fixableErrorCount: count(2, true),
      fixableWarningCount: count(1, true),
      ...(newest?.file === filePath ? {newestPlan: {why: newest.why, others: newest.others, text: newest.text}} : {})
    }
  })
}

export function formatJson(files: readonly VFile[], quiet: boolean, newest?: NewestNote): string {
  return `${JSON.stringify(toJsonResults(files, quiet, newest))}\n`
}
