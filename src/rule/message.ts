/**
 * What a sop-lint message carries besides vfile's fields, in ESLint's terms:
 * the message id of the rule's `meta.messages` it was made from, the fix
 * `--fix` applies, and the suggestions only a person applies (in the editor).
 * `expected` (vfile's field, which unified-language-server turns into quick
 * fixes) holds the text of either.
 */
import type {Point, Position} from 'unist'
import type {VFileMessage} from 'vfile-message'

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
  message.suggestions = [...(message.suggestions ?? []), {desc: describeEdit(message.fix, true), fix: message.fix}]
  message.fix = undefined
}

/** What an edit does, for a suggestion's description: `Insert “…”` or `Replace with “…”`. */
export function describeEdit(fix: FixData, insertion: boolean): string {
  const line = fix.text.replace(/\s+/g, ' ').trim()
  const shown = line.length > 60 ? `${line.slice(0, 59)}…` : line
  return insertion ? `Insert “${shown}”` : `Replace with “${shown}”`
}
