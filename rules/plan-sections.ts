/**
 * Every plan has the sections step 4 of the procedure asks for — budget,
 * Required reading, Tasks, Validation matrix, Handoff requirements — in that
 * order, under their canonical headings or an alias.
 */
import type {Point} from 'unist'
import type {SectionId} from '../src/config/schema.js'
import {headingsHiddenByOpenFence} from '../src/markdown/open-fence.js'
import {sectionMatcher, type Section} from '../src/markdown/sections.js'
import {definePlanRule} from '../src/rule.js'
import {sectionText} from '../src/template/plan-sections.js'

export default definePlanRule('plan-sections', (plan, {config, workspace, report}) => {
  const order = Object.keys(config.plan.sections) as SectionId[]
  const first = new Map<SectionId, Section>()
  for (const section of plan.sections) if (!first.has(section.id)) first.set(section.id, section)
  const depth = plan.sections.find((section) => section.depth <= 6)?.depth ?? 2
  const title = (id: SectionId) => config.plan.sections[id].title
  const matchSection = sectionMatcher(config)
  const hiddenHeadings = headingsHiddenByOpenFence(plan.tree, plan.source)

  order.forEach((id, index) => {
    if (first.has(id)) return
    const text = sectionText(id, workspace, depth)
    const following = order.slice(index + 1).find((next) => first.has(next))
    const preceding = order.slice(0, index).reverse().find((previous) => first.has(previous))
    let point: Point
    let expected: string
    let where: string
    if (following) {
      point = first.get(following)!.heading.position!.start
      expected = `${text}\n`
      where = `before “${title(following)}”`
    } else {
      const anchor = preceding ? lastBlock(first.get(preceding)!) : plan.tree.children.at(-1)
      point = anchor?.position?.end ?? {line: 1, column: 1, offset: 0}
      expected = anchor ? `\n\n${text.trimEnd()}` : text
      where = preceding ? `after “${title(preceding)}”` : 'at the end of the plan'
    }
    // A heading an unclosed code block swallowed is there, only read as code: say so, and add nothing.
    const hidden = hiddenHeadings.find((heading) => matchSection(heading.text) === id)
    if (hidden) {
      report(
        `Missing section “${title(id)}”: the code block opened at line ${hidden.fenceLine} is never closed, so “${hidden.written}” at line ${hidden.line} is read as code — close the block`,
        point
      )
    } else {
      report(`Missing section “${title(id)}”: add it ${where}`, point, {expected})
    }
  })

  let latest: SectionId | undefined
  const seen: SectionId[] = []
  for (const section of first.values()) {
    if (latest !== undefined && order.indexOf(section.id) < order.indexOf(latest)) {
      // Before the first section above it that belongs after it, not merely the last one in order.
      const before = seen.find((id) => order.indexOf(id) > order.indexOf(section.id)) ?? latest
      report(
        `Section “${title(section.id)}” is out of order: move it before “${title(before)}” (the order is ${order.map(title).join(', ')})`,
        section.heading.position
      )
    } else {
      latest = section.id
    }
    seen.push(section.id)
  }
})

function lastBlock(section: Section) {
  return section.children.at(-1) ?? section.heading
}
