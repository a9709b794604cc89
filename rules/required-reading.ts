/**
 * Every Required reading item names a file that exists now, inside the
 * repository, and says why it must be read (procedure step 4: "Required
 * reading list (paths + rationale)").
 */
import path from 'node:path'
import type {Nodes} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {visit} from 'unist-util-visit'
import {findPathRefs} from '../src/markdown/path-refs.js'
import {readingListItems} from '../src/plan/reading-list.js'
import {definePlanRule} from '../src/rule/define-plan-rule.js'
import {clip} from './_shared/clip.js'
import {judgePath} from './_shared/paths.js'

/** Fewer letters than this, once paths and joining words are removed, is no rationale. */
const minimumRationaleLetters = 3

const mustExist = 'fix the path or remove the item (required reading must exist now)'

export default definePlanRule({
  id: 'required-reading',
  meta: {
    severity: 'error',
    description: 'every item has a path that exists inside the repository, and a reason',
    messages: {
      noItems: 'Required reading lists no files: add a numbered list of `path` — why it must be read',
      noPath: 'Required reading item “{{item}}” names no file: write its path, e.g. `docs/…`',
      notPortable: {text: 'Required reading `{{path}}` {{why}}{{others}}', warning: true},
      elsewhere: {text: 'Required reading `{{path}}` {{why}}{{others}}', warning: true},
      pattern: {
        text: 'Required reading `{{path}}` is a pattern, not a file: name the files it stands for',
        warning: true
      },
      tooManyAlternatives: {
        text: 'Required reading `{{path}}` stands for more than {{max}} files: name fewer alternatives, or the files themselves',
        warning: true
      },
      unusable: `Required reading {{what}}: ${mustExist}`,
      missing: `Required reading {{what}}: ${mustExist}`,
      noReason: {
        text: 'Required reading item `{{path}}` gives no reason: add why it must be read after the path',
        fix: 'insert'
      }
    }
  },
  check(plan, {config, workspace, path: planPath, report}) {
    const placeholder = config.plan.placeholders[0] ?? 'TODO'
    const sections = plan.section('requiredReading').map((section) => {
      return {
        section,
        items: readingListItems(section).map(({item, inherited}) => {
          const own = item.children.filter((child) => child.type !== 'list')
          const refs = own
            .flatMap((child) => findPathRefs(child))
            .map((ref) => ({ref, problem: judgePath(ref, workspace, path.posix.dirname(planPath))}))
          return {item, inherited, own, refs}
        })
      }
    })
    // Paths outside the repository, or of another repository, are said once: the first message names the others.
    const grouped = new Map<string, string[]>()
    for (const {ref, problem} of sections.flatMap(({items}) => items.flatMap(({refs}) => refs))) {
      if (problem?.group !== undefined) grouped.set(problem.group, [...(grouped.get(problem.group) ?? []), ref.path])
    }
    for (const {section, items} of sections) {
      if (items.length === 0) {
        report('noItems', section.heading.position)
        continue
      }
      for (const {item, inherited, own, refs} of items) {
        const firstBlock = own[0]
        if (refs.length === 0) {
          // A grouping item ("Backlog specs:") whose nested items name the files.
          if (item.children.some((child) => child.type === 'list')) continue
          report('noPath', item.position, {data: {item: clip(toString({type: 'root', children: own} as Nodes))}})
          continue
        }
        for (const {ref, problem} of refs) {
          if (!problem) continue
          const group = problem.group === undefined ? undefined : grouped.get(problem.group)
          if (group && group[0] !== ref.path) continue
          const others =
            group && group.length > 1
              ? ` (the same holds for ${group
                  .slice(1)
                  .map((other) => `\`${other}\``)
                  .join(', ')})`
              : ''
          report(problem.kind, ref.position, {
            data:
              problem.kind === 'notPortable' || problem.kind === 'elsewhere' ? {...problem.data, others} : problem.data
          })
        }
        if (
          !inherited &&
          firstBlock &&
          !hasRationale(
            own,
            refs.map(({ref}) => ref.path)
          )
        ) {
          report('noReason', firstBlock.position?.end, {
            data: {path: refs[0]!.ref.path},
            fix: ` — ${placeholder}: why it must be read`
          })
        }
      }
    }
  }
})

function hasRationale(blocks: Nodes[], paths: string[]): boolean {
  let text = ''
  for (const block of blocks) {
    visit(block, (node) => {
      if (node.type === 'text') text += ` ${node.value}`
      if (node.type === 'inlineCode' && !paths.includes(node.value.trim())) text += ` ${node.value}`
    })
  }
  for (const named of paths) text = text.split(named).join(' ')
  const words = text
    .replace(/[^\p{L}\s]/gu, ' ')
    .split(/\s+/)
    .filter((word) => !/^(and|or|the|see|read)$/i.test(word))
  return words.join('').length >= minimumRationaleLetters
}
