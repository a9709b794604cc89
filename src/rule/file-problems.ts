/**
 * What stops a file from being checked, found before any rule sees it, in
 * words: a file that cannot be read, one too large or binary named as
 * Markdown, frontmatter left open, bytes that are not UTF-8, a file the
 * procedure gives a role that is a folder or a link sop-lint does not
 * follow, Markdown past a limit of the parse gate (the parser would take
 * time, stack or memory out of proportion to it). Each is one error at the
 * file with no rule id: like a parse error, it cannot be turned off. The
 * engine finds them; the words are here, with the rules'.
 */
import type {Point} from 'unist'
import type {VFile} from 'vfile'
import type {ParseLimits, Refusal} from '../markdown/parse-limits.js'
import type {Unusable} from '../workspace/source.js'
import {wordMessage} from './message.js'
import {describeUnusable} from './words.js'

const messages = {
  unusable: '`{{path}}` {{why}}: not checked; make it a readable file inside the repository',
  unreadable: '`{{path}}` cannot be read: not checked; make it a readable file inside the repository',
  tooLarge:
    '`{{path}}` is {{size}}, more than the {{limit}} sop-lint parses (limits.maxMarkdownBytes): not checked; split it, or raise the limit in the config',
  binary:
    '`{{path}}` is a binary file (it holds NUL bytes), not Markdown: not checked; remove it or give it another name',
  frontmatterOpen:
    '`{{path}}` starts with a `{{fence}}` line that no closing one ends: its lists are not read as lists; close the frontmatter or remove that line (--fix leaves the file alone until then)',
  notUtf8:
    '`{{path}}` has bytes that are not UTF-8 (read as “\uFFFD”): save it as UTF-8; --fix will not write it until then',
  roleUnusable: '`{{path}}` ({{role}}) {{why}}: not checked; make it a readable file inside the repository',
  parsedTooLarge:
    '`{{path}}` is {{size}}, more than the {{limit}} sop-lint parses at once (limits.maxParsedBytes): not checked; split it, or raise the limit in the config',
  partParsedTooLarge:
    'The part of `{{path}}` the checks need (from line {{line}}) is {{size}}, more than the {{limit}} sop-lint parses at once (limits.maxParsedBytes): not checked; split it, or raise the limit in the config',
  nestedTooDeep:
    '`{{path}}` nests block quotes, list items and footnote definitions more than {{limit}} deep (line {{line}}), more than sop-lint parses (limits.maxNesting): not checked; nest them less deeply, or raise the limit in the config',
  tooManyMarks:
    '`{{path}}` has more than {{limit}} marks of emphasis and links (`*` `_` `~` `[` `]`) in one paragraph (line {{line}}), more than sop-lint parses (limits.maxParagraphMarks): not checked; split the paragraph, escape the marks that are text (`\\*`), or raise the limit in the config',
  tooManyLazyLines:
    '`{{path}}` has a paragraph with more than {{limit}} lines that leave out the `>` or indent of the block quote or list item it is in (line {{line}}), more than sop-lint parses (limits.maxLazyLines): not checked; start those lines with `>` or indent them, or raise the limit in the config'
} as const

/** The message of each limit of the parse gate (src/engine/parse-gate.ts). */
const refusalMessages = {
  maxNesting: 'nestedTooDeep',
  maxParagraphMarks: 'tooManyMarks',
  maxLazyLines: 'tooManyLazyLines'
} as const

/** The roles the procedure gives files, as messages name them. */
export const roleNames = {
  progress: 'the progress log',
  handoff: 'the handoff notes',
  taskSpecTable: 'the Task ↔ Spec table',
  featureLog: 'the feature log',
  glossary: 'the glossary',
  ledger: 'the token ledger',
  plan: 'a plan'
} as const

export type FileProblem =
  | {id: 'unusable'; why: Unusable}
  | {id: 'unreadable' | 'binary' | 'notUtf8'}
  | {id: 'tooLarge'; bytes: number; limit: number}
  | {id: 'frontmatterOpen'; fence: string}
  | {id: 'roleUnusable'; role: keyof typeof roleNames; why: Unusable}
  | {id: 'notParsed'; refusal: Refusal; limits: ParseLimits}

/** Adds a file problem to a file: an error with no rule id. */
export function addFileProblem(
  file: VFile,
  path: string,
  problem: FileProblem,
  place: Point = {line: 1, column: 1}
): void {
  const {messageId, reason} = wordFileProblem(path, problem)
  const message = file.message(reason, {place, source: 'sop-lint'})
  message.fatal = true
  message.messageId = messageId
}

/** A file problem in words, and its message id. */
export function wordFileProblem(
  path: string,
  problem: FileProblem
): {messageId: keyof typeof messages; reason: string} {
  const data: Record<string, string | number> = {path}
  let messageId: keyof typeof messages
  if (problem.id === 'notParsed') {
    const {refusal, limits} = problem
    const limit = limits[refusal.limit]
    if (refusal.limit === 'maxParsedBytes') {
      messageId = refusal.fromLine === 1 ? 'parsedTooLarge' : 'partParsedTooLarge'
      Object.assign(data, {size: formatBytes(refusal.bytes), limit: formatBytes(limit), line: refusal.fromLine})
    } else {
      messageId = refusalMessages[refusal.limit]
      Object.assign(data, {limit, line: refusal.line})
    }
  } else {
    messageId = problem.id
    if ('why' in problem) data.why = describeUnusable(problem.why)
    if (problem.id === 'tooLarge')
      Object.assign(data, {size: formatBytes(problem.bytes), limit: formatBytes(problem.limit)})
    if (problem.id === 'frontmatterOpen') data.fence = problem.fence
    if (problem.id === 'roleUnusable') data.role = roleNames[problem.role]
  }
  return {messageId, reason: wordMessage('sop-lint', messages, messageId, data).reason}
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`
  return `${bytes} bytes`
}
