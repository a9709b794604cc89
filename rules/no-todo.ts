/**
 * No placeholder is left: `TODO`, `TBD`, `FIXME` mark what a person still has
 * to decide (procedure step 4 asks for a concrete plan). Placeholder text that
 * sop-lint itself wrote (`TODO: task title`, see src/plan/template/placeholders.ts)
 * is an unfilled scaffold: an error in the plan and in every file sop-lint
 * scaffolds, whatever the rule's severity, since a plan of placeholders is
 * not a plan. A person's own placeholder in a plan is reported at the rule's
 * severity (a warning by default). A word that names something is not a
 * placeholder: followed by lower-case text in the middle of a phrase
 * ("the TODO table"); at the start of a clause ("TODO write the tests",
 * "End: TBD later") it is one.
 */
import {visit} from 'unist-util-visit'
import {location} from 'vfile-location'
import {mayHoldTemplatePlaceholder, templatePlaceholderPattern} from '../src/plan/template/placeholders.js'
import {defineRule} from '../src/rule/define-rule.js'
import type {Workspace} from '../src/workspace/workspace.js'

export default defineRule({
  id: 'no-todo',
  meta: {
    severity: 'warn',
    description:
      "no placeholder left: sop-lint's own (`TODO: task title`, an unfilled scaffold) is an error in the plan and the files it scaffolds; a person's `TODO`, `TBD`, `FIXME` a warning",
    messages: {
      placeholder: 'Placeholder `{{word}}` left in the plan: replace it with the decision it stands for',
      unfilledScaffold: {
        text: 'Unfilled scaffold: `{{text}}` is placeholder text sop-lint wrote: replace it with what it asks for',
        error: true
      }
    }
  },
  appliesTo: (path, workspace) => workspace.planAt(path) !== undefined || scaffolded(path, workspace),
  check({tree, file, config, workspace, path, report}) {
    const isPlan = workspace.planAt(path) !== undefined
    const words = config.plan.placeholders.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    if (words.length === 0) return
    const source = String(file.value)
    // Outside plans only sop-lint's own placeholders are looked for: none in the whole text, none in any of its parts.
    if (!isPlan && !mayHoldTemplatePlaceholder(source, config)) return
    const template = templatePlaceholderPattern(config)!
    // A dot ends a sentence ("End: TBD.") unless a file ending follows it (`TODO.md`).
    const pattern = new RegExp(`(?<![\\w/.-])(${words.join('|')})(?![\\w/-]|\\.\\w)`, 'gu')
    const alone = new RegExp(`^\\s*(${words.join('|')})\\s*$`, 'u')
    const place = location(source)
    const range = (from: number, to: number) => ({start: place.toPoint(from)!, end: place.toPoint(to)!})

    visit(tree, (node) => {
      if (node.type !== 'text' && node.type !== 'inlineCode') return
      const from = node.position?.start.offset
      const to = node.position?.end.offset
      if (from === undefined || to === undefined) return
      // Search the source, not the value: a value drops the `> ` and indents of continuation lines.
      const text = source.slice(from, to)
      const filled: Array<[number, number]> = []
      for (const match of text.matchAll(template)) {
        const start = from + match.index
        filled.push([start, start + match[0].length])
        report('unfilledScaffold', range(start, start + match[0].length), {data: {text: match[0]}})
      }
      if (!isPlan) return
      // A code span that holds nothing but the word is a placeholder command (`| 1 | \`TODO\` |`).
      if (node.type === 'inlineCode') {
        const word = alone.exec(node.value)?.[1]
        if (word && filled.length === 0) report('placeholder', range(from, to), {data: {word}})
        return
      }
      let next = 0
      for (const match of text.matchAll(pattern)) {
        const start = from + match.index
        // Both lists are in document order: the placeholders sop-lint wrote are skipped with one pointer.
        while (next < filled.length && filled[next]![1] <= start) next++
        if (next < filled.length && start >= filled[next]![0]) continue
        const after = text.slice(match.index + match[0].length)
        if (/^\s+\p{Ll}/u.test(after) && !startsClause(source, start)) continue
        report('placeholder', range(start, start + match[0].length), {data: {word: match[1]!}})
      }
    })
  }
})

/** The files sop-lint scaffolds besides plans, where its own placeholders are an error too. */
function scaffolded(path: string, {config: {paths}}: Workspace): boolean {
  return [paths.progress, paths.handoff, paths.taskSpecTable, paths.featureLog, paths.glossary].includes(path)
}

/** How far back a clause start is looked for: a marker or a colon is right before the word, and a bound keeps a long line linear. */
const clauseWindow = 80

/**
 * Whether the text before `offset` on its line ends a clause: nothing but a
 * list marker, heading or quote marker, or a colon, semicolon, dash or
 * opening bracket. "CLI docs, TODO table" and "the TODO list" name things;
 * "- TODO write the tests" and "End: TBD later" are placeholders.
 */
function startsClause(source: string, offset: number): boolean {
  const window = source.slice(Math.max(0, offset - clauseWindow), offset)
  const newline = window.lastIndexOf('\n')
  // The line's start is within the window, or the window starts the document: only then can the word open the line.
  const line = newline !== -1 ? window.slice(newline + 1) : offset <= clauseWindow ? window : undefined
  const before = trimEndOf(line ?? window)
  if (line !== undefined && /^[ \t]*(?:>[ \t]*)*(?:[-*+]|\d+[.)]|#{1,6}|\|)?$/u.test(before)) return true
  return /(?:[:;([|—–]|\s-)$/u.test(before)
}

/** The text without trailing blanks and emphasis markers (`**TODO`), scanned from the end. */
function trimEndOf(text: string): string {
  let end = text.length
  while (end > 0 && /[\s*_]/u.test(text[end - 1]!)) end--
  return text.slice(0, end)
}
