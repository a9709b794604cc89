import type {ListItem, Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {visit} from 'unist-util-visit'
import {findSpecTables, isDone, normalizeTitle, type SpecRow} from '../spec-table.js'
import {parsable, parseMarkdown} from '../../markdown/parse.js'
import {hasControlCharacter, oneLine} from '../../markdown/written-text.js'
import type {Workspace} from '../../workspace/workspace.js'

/** A task a new plan proposes: an open row of the Task ↔ Spec table. */
export interface DraftTask {
  title: string
  /** The spec the row names, when it names one. */
  spec: string | undefined
  /** Every file the row's spec cell names (a `.feature` spec, or a document standing for one). */
  specs: string[]
}

/** An open row a new plan does not take, and why. */
export interface LeftOutRow {
  title: string
  why: string
}

export interface DraftTasks {
  tasks: DraftTask[]
  /** Every open row not taken: none goes unaccounted for. */
  leftOut: LeftOutRow[]
}

/** A new plan takes at most this many open rows: more would split the budget too thin to be a plan. */
const maximumTasks = 5

/**
 * The tasks a new plan proposes: the open (not done) rows of the Task ↔ Spec
 * table, first ones first, except rows whose checklist in the same file is
 * all ticked (the work is done, the status was not updated) and rows that
 * name no spec yet (spec-first: rule spec-table asks for the spec before the
 * task is planned), and at most
 * {@link maximumTasks}. Every open row left out is returned with the reason.
 */
export function draftTasks(workspace: Workspace): DraftTasks {
  const text = workspace.source.read(workspace.config.paths.taskSpecTable)
  if (!parsable(text, workspace.config)) return {tasks: [], leftOut: []}
  const tree = parseMarkdown(text)
  const rows = findSpecTables(tree, workspace.config)
    .flatMap((table) => table.rows)
    .filter((row) => row.task.trim() !== '' && !isDone(row.status, workspace.config))
  const checklists = checklistItems(tree)
  const tasks: DraftTask[] = []
  const leftOut: LeftOutRow[] = []
  for (const row of rows) {
    const title = oneLine(row.task).replace(/\s+/g, ' ').trim()
    if (allTicked(row, checklists)) leftOut.push({title, why: 'its checklist items are all done'})
    else if (!row.specs.some((ref) => !ref.pattern && !hasControlCharacter(ref.path)))
      leftOut.push({title, why: 'it names no spec yet: spec-first, its spec comes before it is planned'})
    else if (tasks.length >= maximumTasks) leftOut.push({title, why: `a plan takes at most ${maximumTasks} tasks`})
    else tasks.push(draftTask(title, row))
  }
  return {tasks, leftOut}
}

/** The open rows a new plan takes (see {@link draftTasks}). */
export function openTasks(workspace: Workspace): DraftTask[] {
  return draftTasks(workspace).tasks
}

function draftTask(title: string, row: SpecRow): DraftTask {
  // A spec whose path holds a control character (a link's `%0A`) cannot be named on a line of the plan.
  const specs = row.specs.filter((ref) => !ref.pattern && !hasControlCharacter(ref.path)).map((ref) => ref.path)
  return {title, spec: specs.find((file) => file.endsWith('.feature')) ?? specs[0], specs}
}

interface ChecklistItem {
  title: string
  ticked: boolean
}

/**
 * Every task-list item of the document (`- [ ] …`) with whether its work is
 * done: its own box when it has no sub-items with boxes, else all of those.
 */
function checklistItems(tree: Root): ChecklistItem[] {
  const items: ChecklistItem[] = []
  visit(tree, 'listItem', (item: ListItem) => {
    if (item.checked === null || item.checked === undefined) return
    const first = item.children[0]
    const nested: ListItem[] = []
    for (const child of item.children) {
      if (child.type === 'list')
        visit(child, 'listItem', (sub: ListItem) => void (typeof sub.checked === 'boolean' && nested.push(sub)))
    }
    const ticked = nested.length > 0 ? nested.every((sub) => sub.checked) : item.checked
    items.push({title: normalizeTitle(first ? toString(first) : ''), ticked})
  })
  return items
}

/** Whether the checklist items that name the row's task (their text starts with its title) exist and are all ticked. */
function allTicked(row: SpecRow, checklists: readonly ChecklistItem[]): boolean {
  const title = normalizeTitle(row.task)
  if (title === '') return false
  const named = checklists.filter((item) => item.title === title || item.title.startsWith(`${title} `))
  return named.length > 0 && named.every((item) => item.ticked)
}
