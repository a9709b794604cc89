/**
 * No placeholder is left in a plan: `TODO`, `TBD`, `FIXME` mark what a
 * person still has to decide (procedure step 4 asks for a concrete plan). A
 * word followed by lower-case text ("TODO table") is a name, not a placeholder.
 */
import type {Text} from 'mdast'
import {visit} from 'unist-util-visit'
import {definePlanRule} from '../src/rule.js'

export default definePlanRule('no-todo', (plan, {config, report}) => {
  const words = config.plan.placeholders.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  if (words.length === 0) return
  const pattern = new RegExp(`(?<![\\w/.-])(${words.join('|')})(?![\\w/.-])(?!\\s+\\p{Ll})`, 'gu')
  visit(plan.tree, 'text', (node: Text) => {
    const start = node.position?.start
    if (!start) return
    for (const match of node.value.matchAll(pattern)) {
      const before = node.value.slice(0, match.index)
      const line = start.line + (before.match(/\n/g)?.length ?? 0)
      const column = before.includes('\n') ? match.index - before.lastIndexOf('\n') : start.column + match.index
      report(`Placeholder \`${match[1]}\` left in the plan: replace it with the decision it stands for`, {
        start: {line, column},
        end: {line, column: column + match[0].length}
      })
    }
  })
})
