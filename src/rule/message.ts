/**
 * What a sop-lint message carries besides vfile's fields, in ESLint's terms:
 * the message id of the rule's `meta.messages` it was made from, the fix
 * `--fix` applies, and the suggestions only a person applies (in the editor).
 * `expected` (vfile's field, which unified-language-server turns into quick
 * fixes) holds the text of either.
 */
import type {Point, Position} from 'unist'
import type {VFileMessage} from 'vfile-message'
import type {MessageSpec, ReportOptions} from './define-rule.js'

/** An edit of a file's text: `range` is `[start, end)` in UTF-16 offsets of the text without a byte order mark. */
export interface FixData {
  range: [number, number]
  text: string
}

export interface Suggestion {
  desc: string
  fix: FixData
}

declare module 'vfile-message' {
  interface VFileMessage {
    /** The id of the message in its rule's `meta.messages`. */
    messageId?: string | undefined
    /** An insertion `--fix` applies (and the editor offers). */
    fix?: FixData | undefined
    /** Edits only offered, never applied by `--fix`: replacements of what a person wrote. */
    suggestions?: Suggestion[] | undefined
  }
}

/** A message as plain data: what a check result keeps of a vfile message (src/engine/cache/), and what a rule judging outside a check returns. */
export interface PlainMessage {
  reason: string
  place?: Point | Position | undefined
  ruleId?: string | undefined
  source?: string | undefined
  /** `true` an error, `false` a warning (as VFileMessage says it). */
  fatal?: boolean | null | undefined
  url?: string | undefined
  messageId?: string | undefined
  expected?: string[] | undefined
  fix?: FixData | undefined
  suggestions?: Suggestion[] | undefined
  note?: string | undefined
}

/** Turns a message's fix into a suggestion: `--fix` will not apply it (the editor still offers it). */
export function demoteFix(message: VFileMessage): void {
  if (!message.fix) return
  message.suggestions = [...(message.suggestions ?? []), {desc: describeEdit(message.fix.text, true), fix: message.fix}]
  message.fix = undefined
}

/** Characters of a quoted text in an edit's description, the ellipsis included: the width of an editor's menu. */
const shown = 48

/**
 * What an edit does, in one short line: a suggestion's description, and the
 * title an editor shows for the quick fix (`Insert “## Validation matrix” (7 lines)`,
 * `Replace with “-5500”`), never the whole text it writes.
 */
export function describeEdit(text: string, insertion: boolean): string {
  return `${insertion ? 'Insert' : 'Replace with'} ${quoteFirstLine(text)}${linesOf(text)}`
}

/** The first line of a text that has any, whitespace collapsed, cut with an ellipsis, in quotes. */
export function quoteFirstLine(text: string): string {
  const line = (text.split(/\r?\n/).find((candidate) => candidate.trim() !== '') ?? '').replace(/\s+/g, ' ').trim()
  const chars = [...line]
  return `“${chars.length > shown ? `${chars.slice(0, shown - 1).join('')}…` : line}”`
}

/** ` (N lines)` for a text of more than one non-empty line. */
export function linesOf(text: string): string {
  const count = text.split(/\r?\n/).filter((line) => line.trim() !== '').length
  return count > 1 ? ` (${count} lines)` : ''
}

/** A message in words: its template in `messages` filled with `data`, and what its spec says of its fix and severity. */
export function wordMessage(
  owner: string,
  messages: Readonly<Record<string, MessageSpec | string>>,
  messageId: string,
  data: ReportOptions['data'] = {}
): MessageSpec & {reason: string} {
  const spec = messages[messageId]
  if (spec === undefined) throw new Error(`${owner} has no message ${messageId}`)
  const words: MessageSpec = typeof spec === 'string' ? {text: spec} : spec
  return {...words, reason: fill(words.text, data, `${owner}/${messageId}`)}
}

/** The template with each `{{name}}` replaced by its value; a name without one is the rule's mistake. */
function fill(template: string, data: Record<string, string | number>, where: string): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    if (!Object.hasOwn(data, name)) throw new Error(`${where}: no value for {{${name}}}`)
    return String(data[name])
  })
}
