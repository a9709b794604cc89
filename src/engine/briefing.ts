/**
 * What the next session needs to know first, read from the workspace's files:
 * the newest plan (date, budget, required reading with its token counts,
 * tasks with their budgets and specs), what the handoff's newest entry says
 * to do first, and planning rows of earlier plans still open in the ledger.
 * Facts only: `sop-lint hook session-start` words them (src/cli/).
 */
import path from 'node:path'
import type {ListItem, Nodes, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {newestEntry} from '../markdown/entries.js'
import {parseLedger} from '../ledger/parse.js'
import {normalizeHeading} from '../markdown/heading-text.js'
import {parsable, parseMarkdown} from '../markdown/parse.js'
import {piecesOf} from '../markdown/parse-limits.js'
import {loadPlan} from '../plan/load-plan.js'
import {taskSpecs} from '../plan/tasks.js'
import type {TokenCounter} from '../tokens/cache.js'
import {countReading, readingItems} from '../tokens/reading.js'
import type {Workspace} from '../workspace/workspace.js'
import {neededPart, parseSegments} from '../markdown/growing-part.js'

export interface Briefing {
  plan: {path: string; name: string; date: string | undefined} | undefined
  /** Whether the newest plan could be read (a plan too large or binary is named, not parsed). */
  planRead: boolean
  budget: {target: string | undefined; buffer: string | undefined; band: {min: number; max: number}}
  reading: {total: number; items: Array<{label: string; tokens: number | undefined; note: string | undefined}>}
  tasks: Array<{number: number; title: string; budget: string | undefined; specs: string[]}>
  /** The handoff's newest entry, and the item of it that says what to do first. */
  handoff: {path: string; entry: string; first: {label: string; text: string} | undefined} | undefined
  /** Planning rows of earlier plans whose tokens_actual is still empty. */
  openRows: Array<{date: string; line: number}>
}

export function readBriefing(workspace: Workspace, counter: TokenCounter): Briefing {
  const {config} = workspace
  const {contextWindow, band} = config.budget
  const newest = workspace.newestPlan()
  const plan = newest ? loadPlan(workspace, newest) : undefined
  const reading = plan && newest ? countReading(readingItems(plan, config, newest.path), workspace, counter) : undefined
  // Links in a plan resolve from its folder.
  const planFolder = newest ? path.posix.dirname(newest.path) : config.paths.plans
  return {
    plan: newest && {path: newest.path, name: newest.name, date: newest.date},
    planRead: plan !== undefined,
    budget: {
      target: plan?.budget.target?.amount.text,
      buffer: plan?.budget.buffer?.amount.text,
      band: {min: Math.round(contextWindow * band.min), max: Math.round(contextWindow * band.max)}
    },
    reading: {
      total: reading?.required ?? 0,
      items: (reading?.items ?? [])
        .filter((item) => item.from.kind === 'required' && !item.duplicate)
        .map((item) => ({label: item.label, tokens: item.tokens, note: item.note}))
    },
    tasks: (plan?.tasks ?? []).map((task) => ({
      number: task.number,
      title: task.title.replace(/\*\*/g, '').trim(),
      budget: task.budget?.text,
      specs: taskSpecs(task, planFolder)
    })),
    handoff: readHandoff(workspace),
    openRows: openPlanningRows(workspace, newest?.date)
  }
}

function readHandoff(workspace: Workspace): Briefing['handoff'] {
  const handoffPath = workspace.config.paths.handoff
  const text = workspace.source.isFile(handoffPath) ? workspace.source.read(handoffPath) : undefined
  if (text === undefined) return undefined
  // Only the newest entry is read: a handoff grows by an entry a session.
  const segments = neededPart(text, {names: [], since: undefined})
  if (!parsable(text, workspace.config, piecesOf(text, segments))) return undefined
  const tree = segments ? parseSegments(parseMarkdown, text, segments) : parseMarkdown(text)
  const entry = newestEntry(tree)
  if (!entry) return undefined
  return {
    path: handoffPath,
    entry: toString(entry.heading),
    first: firstToDo(entry.blocks.slice(1), entry.heading.depth, workspace.config.agent.handoffFirstLabels)
  }
}

/**
 * The item of an entry that says what to do first: for each label in turn,
 * a `Label: …` list item, or the first item or paragraph under a `Label`
 * sub-heading.
 */
function firstToDo(
  blocks: readonly RootContent[],
  depth: number,
  labels: readonly string[]
): {label: string; text: string} | undefined {
  const items = blocks.flatMap((block) => listItems(block))
  for (const label of labels) {
    const wanted = normalizeHeading(label)
    for (const item of items) {
      const text = toString(item.children[0] ?? item).trim()
      const match = /^([^:\n]{1,40}):\s*([\s\S]*)$/.exec(text)
      if (match && normalizeHeading(match[1]!.replace(/\*/g, '')) === wanted && match[2]!.trim() !== '')
        return {label, text: oneLine(match[2]!)}
    }
    const heading = blocks.findIndex(
      (block) => block.type === 'heading' && block.depth > depth && normalizeHeading(toString(block)) === wanted
    )
    if (heading === -1) continue
    const next = blocks.slice(heading + 1).find((block) => block.type !== 'heading' || block.depth <= depth)
    if (!next || next.type === 'heading') continue
    const first = next.type === 'list' ? next.children[0] : next
    if (first) return {label, text: oneLine(toString(first))}
  }
  return undefined
}

function listItems(node: Nodes): ListItem[] {
  if (node.type === 'listItem') return [node, ...node.children.flatMap((child) => listItems(child))]
  if (node.type === 'list') return node.children.flatMap((child) => listItems(child))
  return []
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

function openPlanningRows(workspace: Workspace, newestDate: string | undefined): Briefing['openRows'] {
  const ledgerPath = workspace.config.paths.ledger
  const text = workspace.source.isFile(ledgerPath) ? workspace.source.read(ledgerPath) : undefined
  if (text === undefined) return []
  const table = parseLedger(text, workspace.config.ledger)
  if (!table.usable) return []
  return table.rows
    .filter(
      (row) =>
        row.planning &&
        !row.ragged &&
        table.value(row, 'tokens_actual') === '' &&
        table.value(row, 'date') !== newestDate
    )
    .map((row) => ({date: table.value(row, 'date') ?? '', line: row.line}))
}
