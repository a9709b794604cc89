/**
 * No placeholder is left in a plan: `TODO`, `TBD`, `FIXME` mark what a
 * person still has to decide (procedure step 4 asks for a concrete plan). A
 * word followed by lower-case text ("TODO table") is a name, not a placeholder.
 */
import {visit} from 'unist-util-visit'
import {location} from 'vfile-location'
import {definePlanRule} from '../src/rule/define-rule.js'

export default definePlanRule({
  id: 'no-todo',
  meta: {
    severity: 'warn',
    description: 'no `TODO`, `TBD`, `FIXME` placeholder left',
    messages: {placeholder: 'Placeholder `{{word}}` left in the plan: replace it with the decision it stands for'}
  },
  check(plan, {config, report}) {
    const words = config.plan.placeholders.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    if (words.length === 0) return
    // A dot ends a sentence ("End: TBD.") unless a file ending follows it (`TODO.md`).
    const pattern = new RegExp(`(?<![\\w/.-])(${words.join('|')})(?![\\w/-]|\\.\\w)(?!\\s+\\p{Ll})`, 'gu')
    const alone = new RegExp(`^\\s*(${words.join('|')})\\s*$`, 'u')
    const place = location(plan.source)
    visit(plan.tree, (node) => {
      // A code span that holds nothing but the word is a placeholder command (`| 1 | \`TODO\` |`).
      if (node.type === 'inlineCode') {
        const word = alone.exec(node.value)?.[1]
        if (word) report('placeholder', node.position, {data: {word}})
        return
      }
      if (node.type !== 'text') return
      const from = node.position?.start.offset
      const to = node.position?.end.offset
      if (from === undefined || to === undefined) return
      // Search the source, not the value: a value drops the `> ` and indents of continuation lines.
      for (const match of plan.source.slice(from, to).matchAll(pattern)) {
        report('placeholder', {start: place.toPoint(from + match.index)!, end: place.toPoint(from + match.index + match[0].length)!}, {
          data: {word: match[1]!}
        })
      }
    })
  }
})
