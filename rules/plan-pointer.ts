/**
 * progress.md and the handoff notes point at the newest plan (procedure step 6,
 * “Append the plan pointer to progress.md and docs/SESSION_HANDOFF.md”): a
 * relative link that resolves to it, or a code span or bare path naming
 * `plans/…`. The pointer may be anywhere in the file; the file is scanned once.
 */
import path from 'node:path'
import type {Nodes} from 'mdast'
import {visit, EXIT} from 'unist-util-visit'
import {appendToEntry, newestEntry} from '../src/markdown/entries.js'
import {findPathRefs} from '../src/markdown/path-refs.js'
import {codeSpan, hasControlCharacter} from '../src/markdown/written-text.js'
import {defineRule} from '../src/rule/define-rule.js'
import {classifyPath} from '../src/workspace/repo-path.js'

export default defineRule({
  id: 'plan-pointer',
  meta: {
    severity: 'error',
    description: '`progress.md` and the handoff point at the newest plan',
    messages: {
      progressMissing: {
        text: '`{{file}}` (the progress log) does not point at the newest plan `{{plan}}`: append “- Plan: `{{plan}}`” (procedure step 6)',
        fix: 'insert'
      },
      handoffMissing: {
        text: '`{{file}}` (the handoff notes) does not point at the newest plan `{{plan}}`: append “- Plan: `{{plan}}`” (procedure step 6)',
        fix: 'insert'
      }
    }
  },
  appliesTo: (filePath, {config}) => filePath === config.paths.progress || filePath === config.paths.handoff,
  check({tree, file, config, workspace, path: filePath, report}) {
    const newest = workspace.newestPlan()
    if (!newest) return
    const source = String(file.value)
    if (source.includes(newest.name) && pointsAt(tree, newest.path, path.posix.dirname(filePath))) return
    // Under the newest entry: at the end of a log written oldest-first, under the top entry of one written newest-first.
    const insertion = appendToEntry(tree, source, newestEntry(tree), `Plan: ${codeSpan(newest.path)}`)
    report(filePath === config.paths.progress ? 'progressMissing' : 'handoffMissing', insertion.point, {
      data: {file: filePath, plan: newest.path},
      // A plan whose name holds a line break cannot be pointed at on one line: the message stands without a fix.
      ...(hasControlCharacter(newest.path) ? {} : {fix: insertion.expected})
    })
  }
})

/** Whether a link, link definition, code span or bare path in the tree names `planPath`. */
function pointsAt(tree: Nodes, planPath: string, folder: string): boolean {
  let found = false
  const names = (named: string, fromFolder: string) => {
    const classified = classifyPath(named.replace(/[#?].*$/, ''), fromFolder)
    return classified.kind === 'inside' && classified.path === planPath
  }
  visit(tree, (node) => {
    if (node.type === 'link' || node.type === 'definition') {
      found = names(safeDecode(node.url), folder)
    } else if (node.type === 'inlineCode' || node.type === 'text') {
      found = findPathRefs(node).some((ref) => names(ref.path, ''))
    }
    return found ? EXIT : undefined
  })
  return found
}

function safeDecode(url: string): string {
  try {
    return decodeURI(url)
  } catch {
    return url
  }
}
