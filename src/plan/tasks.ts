import type {Heading, List, ListItem, Nodes, Paragraph, Root, RootContent, Table, TableRow} from 'mdast'
import type {Point} from 'unist'
import {toString} from 'mdast-util-to-string'
import type {SopLintConfig, TaskFieldId} from '../config/schema.js'
import {normalizeHeading} from '../markdown/heading-text.js'
import {findPathRefs, type PathRef} from '../markdown/path-refs.js'
import {endOfEntry, outline, sectionMatcher, type OutlineEntry, type Section} from '../markdown/sections.js'
import {findTokenAmounts, type TokenAmount} from '../markdown/token-amount.js'
import {classifyPath} from '../workspace/repo-path.js'
import {labelReader, readTaskBody, type LabelReader} from './task-body.js'
import {changesBehaviour, isNotATask, marksNoBehaviourChange, stepsOf} from './task-kind.js'

/** One task of a plan, whichever way the plan writes it. */
export interface Task {
  /** The plan's own number for it (an ordered list's), else its place among the plan's tasks. */
  number: number
  title: string
  /** The list item, heading, heading-like line or table row that starts the task. */
  node: ListItem | Heading | Paragraph | TableRow
  /** Blocks that belong to the task, its title block first. */
  blocks: Nodes[]
  /** Token budget from the title or a `Budget:` field. */
  budget: TokenAmount | undefined
  /** Fields written with a label, by id, with the block that holds each. */
  fields: Partial<Record<TaskFieldId, Nodes>>
  /** Fields the task has without a label: files it names are its artefacts, a plan-level Acceptance section its end. */
  implied: Partial<Record<TaskFieldId, true>>
  /** Every path the task names. */
  paths: PathRef[]
  /** Whether the task changes behaviour: documentation and procedure work needs no spec and no validation command. */
  changesBehaviour: boolean
  /** Where a missing field is inserted, and the text that starts its line; none for a table row. */
  insertion: {point: Point; prefix: string} | undefined
}

/** The tasks of a plan, and the Tasks section they make when the plan has none by that name (phases, a task table). */
export interface PlanTasks {
  tasks: Task[]
  section: Section | undefined
  /** Index ranges of the top-level blocks that tasks written as headings span. */
  spans: Array<{start: number; end: number}>
}

/**
 * Finds a plan's tasks, whichever way it writes them:
 * - under a Tasks section: its sub-headings (`### Task A — …`), else the
 *   items of its task lists (`1. **Title (58K)**`, plain or checkbox bullets)
 *   and the rows of a table with a Task column;
 * - without one: headings that name a task (`## Phase 1: …`, `### Step 2`,
 *   `## commit A — …`) at their shallowest level, else a table with Task and
 *   budget columns.
 * Steps, done items and handoff bullets in a task list are not tasks. A plan
 * whose title marks it process-only or docs-only has tasks that change no
 * behaviour; a plan-level Acceptance section gives every task its end.
 */
export function findTasks(tree: Root, sections: Section[], config: SopLintConfig, source: string): PlanTasks {
  const reader = new TaskReader(tree, sections, config, source)
  const tasksSections = sections.filter((section) => section.id === 'tasks')
  if (tasksSections.length > 0) {
    const ranges = tasksSections.map((section) => {
      const start = tree.children.indexOf(section.heading as RootContent)
      return {start, end: start + section.children.length + 1}
    })
    return {
      tasks: reader.finish(
        tasksSections.flatMap((section) => reader.fromSection(section)),
        ranges
      ),
      section: undefined,
      spans: []
    }
  }
  const byHeadings = reader.fromTaskHeadings()
  if (byHeadings) return byHeadings
  return reader.fromTaskTable() ?? {tasks: [], section: undefined, spans: []}
}

type Draft = Omit<Task, 'number'> & {ownNumber: number | undefined}

class TaskReader {
  private readonly readLabel: LabelReader
  private readonly planMarked: boolean
  private readonly entries: OutlineEntry[]

  constructor(
    private readonly tree: Root,
    private readonly sections: Section[],
    private readonly config: SopLintConfig,
    private readonly source: string
  ) {
    this.readLabel = labelReader(config)
    this.entries = outline(tree)
    const title = this.entries.find((entry) => entry.depth === 1) ?? this.entries[0]
    this.planMarked = title !== undefined && marksNoBehaviourChange(title.text, config)
  }

  /**
   * Numbers the tasks — the plan's own numbers, else one more than the task
   * before — and gives each the end criteria of a plan-level Acceptance
   * section (a heading outside the tasks' blocks that names the end field).
   */
  finish(drafts: Draft[], taskRanges: Array<{start: number; end: number}>): Task[] {
    // "Tests & Validation" at the plan's level is its validation matrix, not the tasks' end criteria.
    const isSection = sectionMatcher(this.config)
    const planEnd = this.entries.some(
      (entry) =>
        entry.depth < 7 &&
        this.readLabel(entry.text) === 'end' &&
        isSection(entry.text) === undefined &&
        !taskRanges.some((range) => entry.index >= range.start && entry.index < range.end)
    )
    let previous = 0
    return drafts.map(({ownNumber, ...task}) => {
      previous = ownNumber ?? previous + 1
      return {...task, number: previous, implied: planEnd ? {...task.implied, end: true} : task.implied}
    })
  }

  fromSection(section: Section): Draft[] {
    const headings = section.children.filter(
      (node): node is Heading => node.type === 'heading' && node.depth > section.depth
    )
    if (headings.length > 0) {
      const depth = Math.min(...headings.map((heading) => heading.depth))
      return headings
        .filter((heading) => heading.depth === depth)
        .map((heading) => {
          const start = section.children.indexOf(heading)
          const next = section.children.findIndex(
            (node, index) => index > start && node.type === 'heading' && node.depth <= depth
          )
          return this.fromHeading(heading, section.children.slice(start + 1, next === -1 ? undefined : next))
        })
    }
    const lists = section.children.filter((node): node is List => node.type === 'list')
    // Bullets after a numbered task list are notes on it, not tasks.
    const taskLists = lists.filter((list) => list.ordered === lists[0]?.ordered)
    const tables = section.children.filter((node): node is Table => node.type === 'table')
    return [
      ...taskLists.flatMap((list) => this.fromList(list)),
      ...tables.flatMap((table) => this.fromTable(table) ?? [])
    ]
  }

  /** `## Phase 1`, `### Step A`: outside the procedure's other sections, at the shallowest level they are written at. */
  fromTaskHeadings(): PlanTasks | undefined {
    const names = this.config.plan.taskHeadings.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')
    // One run of separators (`Phase 2`, `Step-3`, `Task #4`): no two quantifiers over the same blanks.
    const pattern = new RegExp(String.raw`^\s*(?:${names})[\s#-]+(\d+[a-z]?|[a-z]|[ivx]+)\b`, 'i')
    const other = this.sections.filter((section) => section.id !== 'tasks')
    const inOther = (index: number) =>
      other.some((section) => {
        const start = this.tree.children.indexOf(section.heading as RootContent)
        return index > start && index <= start + section.children.length
      })
    // Depth 1 is the plan's title ("# Sprint 5 plan"), never one of its tasks.
    const positions = this.entries.flatMap((entry, position) =>
      entry.depth > 1 && pattern.test(entry.text.replace(/[*_`]/g, '')) && !inOther(entry.index) ? [position] : []
    )
    if (positions.length === 0) return undefined
    const depth = Math.min(...positions.map((position) => this.entries[position]!.depth))
    const spans: PlanTasks['spans'] = []
    const drafts = positions
      .filter((position) => this.entries[position]!.depth === depth)
      .map((position) => {
        const entry = this.entries[position]!
        const end = this.endOfTask(position)
        spans.push({start: entry.index, end})
        // `Phase 0`, `Step 2`: the plan's own number, so messages quote the task as the plan numbers it.
        const id = pattern.exec(entry.text.replace(/[*_`]/g, ''))?.[1]
        return {
          ...this.fromHeading(entry.node, this.tree.children.slice(entry.index + 1, end)),
          ownNumber: id && /^\d+$/.test(id) ? Number(id) : undefined
        }
      })
    const first = this.entries[positions[0]!]!
    const wrapper = this.entries
      .slice(0, positions[0])
      .reverse()
      .find((entry) => entry.depth < first.depth)
    const heading =
      wrapper &&
      wrapper.depth > 1 &&
      wrapper.depth < 7 &&
      !this.sections.some((section) => section.heading === wrapper.node)
        ? wrapper
        : first
    const last = spans.at(-1)!
    return {
      tasks: this.finish(drafts, spans),
      spans,
      section: {
        id: 'tasks',
        heading: heading.node,
        depth: heading === first ? first.depth - 1 : heading.depth,
        children: this.tree.children.slice(first.index, last.end)
      }
    }
  }

  /** A task written as a heading-like line ends at the next such line unless that line is one of its fields (`Acceptance:`). */
  private endOfTask(position: number): number {
    const entry = this.entries[position]!
    if (entry.depth < 7) return endOfEntry(this.entries, position, this.tree.children.length)
    const next = this.entries
      .slice(position + 1)
      .find((later) => later.depth < 7 || this.readLabel(later.text.replace(/:\s*$/, '')) === undefined)
    return next ? next.index : this.tree.children.length
  }

  /** A table with a Task column and a budget column, outside the procedure's other sections. */
  fromTaskTable(): PlanTasks | undefined {
    const other = this.sections.filter((section) => section.id !== 'tasks')
    for (const [index, node] of this.tree.children.entries()) {
      if (node.type !== 'table' || other.some((section) => section.children.includes(node))) continue
      const drafts = this.fromTable(node, true)
      if (!drafts || drafts.length === 0) continue
      const heading = this.entries.filter((entry) => entry.index < index && entry.depth < 7).at(-1)
      const headingNode =
        heading?.node ?? ({type: 'paragraph', children: [], position: node.position} satisfies Paragraph)
      return {
        tasks: this.finish(drafts, [{start: index, end: index + 1}]),
        spans: [],
        section: {id: 'tasks', heading: headingNode, depth: heading?.depth ?? 2, children: [node]}
      }
    }
    return undefined
  }

  private fromHeading(heading: Heading | Paragraph, body: RootContent[]): Draft {
    return this.draft(heading, toString(heading), [heading], body, insertionFor(heading, body, this.source), undefined)
  }

  private fromList(list: List): Draft[] {
    return list.children.flatMap((item, index) => {
      const [first, ...rest] = item.children
      // An item that starts with a list (`*   - Start: …`) has no title: that list holds its fields, else the fields
      // --fix adds to it would read as title, and be added again on every run.
      const titled = first !== undefined && first.type !== 'list'
      const written = titled ? toString(first) : ''
      // `- [ ] 1. Title`: a checkbox list numbered by hand.
      const numbered = /^\s*(\d+)[.)]\s+/.exec(written)
      const title = numbered ? written.slice(numbered[0].length) : written
      const ownNumber = list.ordered ? (list.start ?? 1) + index : numbered ? Number(numbered[1]) : undefined
      const body = titled ? rest : item.children
      const draft = this.draft(
        item,
        title,
        titled ? [first] : [],
        body,
        insertionFor(item, body, this.source),
        ownNumber
      )
      return isNotATask(item, title, draft.paths, this.config) ? [] : [draft]
    })
  }

  /** Rows of a table with a Task column; with `needBudget`, only a table that also has a budget column. */
  private fromTable(table: Table, needBudget = false): Draft[] | undefined {
    const [header, ...rows] = table.children
    const names = (header?.children ?? []).map((cell) => normalizeHeading(toString(cell)))
    const taskColumn = names.findIndex((name) => /^(task|tasks|title|work item)$/.test(name))
    if (taskColumn === -1) return undefined
    const columns = names.map((name) => this.readLabel(name) ?? (/\btokens?\b/.test(name) ? 'budget' : undefined))
    if (needBudget && !columns.includes('budget')) return undefined
    return rows.map((row) => {
      const cells = row.children
      const taskCell = cells[taskColumn]
      const title = taskCell ? toString(taskCell) : ''
      const draft = this.draft(
        row,
        title,
        taskCell ? [taskCell] : [],
        cells.filter((cell) => cell !== taskCell),
        undefined,
        undefined
      )
      columns.forEach((id, index) => {
        const cell = cells[index]
        if (id && cell && toString(cell).trim() !== '' && !draft.fields[id]) draft.fields[id] = cell
      })
      const budgetCell = draft.fields.budget
      draft.budget ??= budgetCell
        ? (findTokenAmounts(toString(budgetCell)).at(0) ?? findTokenAmounts(`${toString(budgetCell)}K`).at(0))
        : undefined
      return draft
    })
  }

  private draft(
    node: Task['node'],
    title: string,
    titleBlocks: Nodes[],
    body: Nodes[],
    insertion: Task['insertion'],
    ownNumber: number | undefined
  ): Draft {
    const {fields, paths, artefacts} = readTaskBody(titleBlocks, body, this.config, this.readLabel)
    const implied: Task['implied'] = {}
    if (artefacts.length > 0) implied.artefacts = true
    const titleBudget = findTokenAmounts(title).at(-1)
    const fieldBudget = fields.budget ? findTokenAmounts(toString(fields.budget)).at(0) : undefined
    const text = [...titleBlocks, ...body].map((block) => toString(block)).join('\n')
    return {
      ownNumber,
      title: title.split('\n')[0]!.trim(),
      node,
      blocks: [...titleBlocks, ...body],
      budget: titleBudget ?? fieldBudget,
      fields,
      implied,
      paths,
      changesBehaviour: changesBehaviour({title, text, artefacts, steps: stepsOf(body)}, this.planMarked, this.config),
      insertion
    }
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

/**
 * Where a new `- Field: …` line goes: after the task's last line, indented
 * like its existing sub-bullets (or its content, when it has none).
 */
function insertionFor(
  node: ListItem | Heading | Paragraph,
  body: RootContent[],
  source: string
): NonNullable<Task['insertion']> {
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
    // Under the item's text, past its marker (`1. `, `- `): a checkbox (`- [ ] `) is text, not indentation.
    const start = node.position!.start
    const marker = /^(?:[*+-]|\d{1,9}[.)])[ \t]+/.exec(source.slice(start.offset!))
    const contentColumn = marker
      ? start.column + marker[0].length
      : ((node.children[0] as Paragraph | undefined)?.position?.start.column ?? 3)
    return {point, prefix: `\n${' '.repeat(contentColumn - 1)}- `}
  }
  return {point, prefix: '\n\n- '}
}
