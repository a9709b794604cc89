import type {Heading, List, ListItem, Nodes, Paragraph, RootContent} from 'mdast'
import type {Point} from 'unist'
import {toString} from 'mdast-util-to-string'
import type {FieldSpec, SopLintConfig, TaskFieldId} from '../config/schema.js'
import {normalizeHeading} from '../markdown/heading-text.js'
import {findPathRefs, type PathRef} from '../markdown/path-refs.js'
import type {Section} from '../markdown/sections.js'
import {findTokenAmounts, type TokenAmount} from '../markdown/token-amount.js'
import {classifyPath} from '../workspace/repo-path.js'

/** One task of a plan, whichever way the plan writes it. */
export interface Task {
  /** 1-based position among the plan's tasks. */
  number: number
  title: string
  /** The list item or heading that starts the task. */
  node: ListItem | Heading
  /** Blocks that belong to the task, its title block first. */
  blocks: Nodes[]
  /** Token budget from the title or a `Budget:` field. */
  budget: TokenAmount | undefined
  /** Fields found, by id, with the list item that holds each. */
  fields: Partial<Record<TaskFieldId, ListItem>>
  /** Every path the task names. */
  paths: PathRef[]
  /** Where a missing field is inserted, and the text that starts its line. */
  insertion: {point: Point; prefix: string}
}

/**
 * Reads the tasks of the Tasks sections. A section with sub-headings
 * ("### Task A — …") has a task per sub-heading; otherwise every item of its
 * top-level lists is a task (`1. **Title (58K)**` with sub-bullets, or plain
 * bullets).
 */
export function readTasks(sections: Section[], config: SopLintConfig, source: string): Task[] {
  const tasks: Task[] = []
  const labelOf = fieldLabelMatcher(config)
  for (const section of sections) {
    const headings = section.children.filter(
      (node): node is Heading => node.type === 'heading' && node.depth > section.depth
    )
    if (headings.length > 0) {
      headings.forEach((heading) => {
        const start = section.children.indexOf(heading)
        const next = section.children.findIndex((node, index) => index > start && node.type === 'heading' && node.depth <= heading.depth)
        const body = section.children.slice(start + 1, next === -1 ? undefined : next)
        tasks.push(buildTask(tasks.length + 1, heading, toString(heading), [heading, ...body], body, labelOf, source))
      })
      continue
    }
    for (const list of section.children.filter((node): node is List => node.type === 'list')) {
      for (const item of list.children) {
        const [first, ...rest] = item.children
        // An item that starts with a list (`*   - Start: …`) has no title: that list holds its fields, else the fields
        // --fix adds to it would read as title, and be added again on every run.
        const titled = first !== undefined && first.type !== 'list'
        const title = titled ? toString(first) : ''
        tasks.push(buildTask(tasks.length + 1, item, title, item.children, titled ? rest : item.children, labelOf, source))
      }
    }
  }
  return tasks
}

function buildTask(
  number: number,
  node: ListItem | Heading,
  title: string,
  blocks: Nodes[],
  body: RootContent[],
  labelOf: (text: string) => TaskFieldId | undefined,
  source: string
): Task {
  const fields: Task['fields'] = {}
  for (const list of body.filter((child): child is List => child.type === 'list')) {
    for (const item of list.children) {
      const id = labelOf(item.children[0] ? toString(item.children[0]) : '')
      if (id && !fields[id]) fields[id] = item
    }
  }
  const titleBudget = findTokenAmounts(title).at(-1)
  const fieldBudget = fields.budget ? findTokenAmounts(toString(fields.budget)).at(0) : undefined
  return {
    number,
    title: title.split('\n')[0]!.trim(),
    node,
    blocks,
    budget: titleBudget ?? fieldBudget,
    fields,
    paths: blocks.flatMap((block) => findPathRefs(block)),
    insertion: insertionFor(node, body, source)
  }
}

/**
 * Repository-relative paths of the specs a task names: its `Spec:` field, or
 * else the `.feature` files it names. Links resolve from the plan's folder.
 */
export function taskSpecs(task: Task, planFolder: string): string[] {
  const field = task.fields.spec ? findPathRefs(task.fields.spec) : []
  const refs = field.length > 0 ? field : task.paths.filter((ref) => ref.path.endsWith('.feature'))
  return refs.flatMap((ref) => {
    const classified = classifyPath(ref.path, ref.kind === 'link' ? planFolder : '')
    return classified.kind === 'inside' ? [classified.path] : []
  })
}

/** Label matcher: `Spec: …`, `**Artifacts:** …` → the field id. */
function fieldLabelMatcher(config: SopLintConfig): (text: string) => TaskFieldId | undefined {
  const byLabel = new Map<string, TaskFieldId>()
  for (const [id, spec] of Object.entries(config.plan.taskFields) as Array<[TaskFieldId, FieldSpec]>) {
    for (const label of [spec.label, ...spec.aliases]) byLabel.set(normalizeHeading(label), id)
  }
  return (text) => {
    const label = /^\s*([^:\n]{1,40}):/.exec(text)?.[1]
    return label === undefined ? undefined : byLabel.get(normalizeHeading(label))
  }
}

/**
 * Where a new `- Field: …` line goes: after the task's last line, indented
 * like its existing sub-bullets (or its content, when it has none).
 */
function insertionFor(node: ListItem | Heading, body: RootContent[], source: string): Task['insertion'] {
  const last = body.at(-1) ?? (node.type === 'listItem' ? node.children.at(-1) : undefined) ?? node
  const point = last.position!.end
  const subList = [...body].reverse().find((child): child is List => child.type === 'list')
  if (subList?.position) {
    const start = subList.children[0]!.position!.start
    const marker = source[start.offset!] === '*' || source[start.offset!] === '+' ? source[start.offset!] : '-'
    // New fields join the task's field list, even when a paragraph follows it ("**Buffer:** 20K").
    return {point: subList.position.end, prefix: `\n${' '.repeat(start.column - 1)}${marker} `}
  }
  if (node.type === 'listItem') {
    const contentColumn = (node.children[0] as Paragraph | undefined)?.position?.start.column ?? 3
    return {point, prefix: `\n${' '.repeat(contentColumn - 1)}- `}
  }
  return {point, prefix: '\n\n- '}
}
