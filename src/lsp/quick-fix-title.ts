/**
 * Titles of quick fixes as an editor's menu shows them: one short line.
 * unified-language-server titles a fix with the whole text it inserts
 * (`Insert \`## Validation matrix\n\n| Task | …\``: a section, newlines and
 * all); here the title names the first line of that text, cut to a menu's
 * width, and how many lines it adds, in the words of a suggestion's
 * description (describeEdit).
 */
import {describeEdit, linesOf, quoteFirstLine} from '../rule/message.js'

interface TextEdit {
  range: {start: {line: number; character: number}; end: {line: number; character: number}}
  newText: string
}

export interface CodeActionLike {
  title: string
  edit?: {changes?: Record<string, TextEdit[]>}
}

/** The action with a short title, when it is one of unified-language-server's insert, replace or remove fixes. */
export function withShortTitle<Action extends CodeActionLike>(action: Action): Action {
  const edits = Object.values(action.edit?.changes ?? {}).flat()
  if (edits.length !== 1) return action
  const {range, newText} = edits[0]!
  const empty = range.start.line === range.end.line && range.start.character === range.end.character
  if (newText !== '' && empty) return {...action, title: describeEdit(newText, true)}
  const replaced = between(action.title, 'Replace `', `\` with \`${newText}\``)
  if (newText !== '' && replaced !== undefined)
    return {...action, title: `Replace ${quoteFirstLine(replaced)} with ${quoteFirstLine(newText)}${linesOf(newText)}`}
  const removed = between(action.title, 'Remove `', '`')
  if (newText === '' && removed !== undefined) return {...action, title: `Remove ${quoteFirstLine(removed)}`}
  return action
}

function between(title: string, start: string, end: string): string | undefined {
  return title.startsWith(start) && title.endsWith(end) && title.length >= start.length + end.length
    ? title.slice(start.length, title.length - end.length)
    : undefined
}
