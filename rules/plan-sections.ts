/**
 * Every plan has the sections step 4 of the procedure asks for — budget,
 * Required reading, Tasks, Validation matrix, Handoff requirements — in that
 * order, under their canonical headings or an alias.
 */
import type {Point} from 'unist'
import type {SectionId} from '../src/config/schema.js'
import {headingsHiddenByOpenFence} from '../src/markdown/open-fence.js'
import {sectionMatcher, type Section} from '../src/markdown/sections.js'
import {sectionText} from '../src/plan/template/plan-sections.js'
import {definePlanRule} from '../src/rule/define-plan-rule.js'

export default definePlanRule({
  id: 'plan-sections',
  meta: {
    severity: 'error',
    description: 'budget, Required reading, Tasks, Validation matrix, Handoff requirements, in order',
    messages: {
      missingBefore: {text: 'Missing section “{{section}}”: add it before “{{next}}”', fix: 'insert'},
      missingAfter: {text: 'Missing section “{{section}}”: add it after “{{previous}}”', fix: 'insert'},
      missingAtEnd: {text: 'Missing section “{{section}}”: add it at the end of the plan', fix: 'insert'},
      hiddenByOpenFence:
        'Missing section “{{section}}”: the code block opened at line {{fenceLine}} is never closed, so “{{heading}}” at line {{line}} is read as code — close the block',
      outOfOrder: 'Section “{{section}}” is out of order: move it before “{{before}}” (the order is {{order}})'
    }
  },
  check(plan, {config, workspace, report}) {
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
      const preceding = order
        .slice(0, index)
        .reverse()
        .find((previous) => first.has(previous))
      const anchor = preceding ? lastBlock(first.get(preceding)!) : plan.tree.children.at(-1)
      const point: Point = following
        ? first.get(following)!.heading.position!.start
        : (anchor?.position?.end ?? {line: 1, column: 1, offset: 0})
      // A heading an unclosed code block swallowed is there, only read as code: say so, and add nothing.
      const hidden = hiddenHeadings.find((heading) => matchSection(heading.text) === id)
      if (hidden) {
        report('hiddenByOpenFence', point, {
          data: {section: title(id), fenceLine: hidden.fenceLine, heading: hidden.written, line: hidden.line}
        })
        return
      }
      if (following) {
        report('missingBefore', point, {data: {section: title(id), next: title(following)}, fix: `${text}\n`})
        return
      }
      const fix = anchor ? `\n\n${text.trimEnd()}` : text
      if (preceding) report('missingAfter', point, {data: {section: title(id), previous: title(preceding)}, fix})
      else report('missingAtEnd', point, {data: {section: title(id)}, fix})
    })

    let latest: SectionId | undefined
    const seen: SectionId[] = []
    for (const section of first.values()) {
      if (latest !== undefined && order.indexOf(section.id) < order.indexOf(latest)) {
        // Before the first section above it that belongs after it, not merely the last one in order.
        const before = seen.find((id) => order.indexOf(id) > order.indexOf(section.id)) ?? latest
        report('outOfOrder', section.heading.position, {
          data: {section: title(section.id), before: title(before), order: order.map(title).join(', ')}
        })
      } else {
        latest = section.id
      }
      seen.push(section.id)
    }
  }
})

function lastBlock(section: Section) {
  return section.children.at(-1) ?? section.heading
}
