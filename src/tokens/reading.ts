/**
 * The reading a plan asks for, and its cost in tokens: every file (or
 * `path:start-end` range) of the Required reading section and of a task's own
 * `- Reading:` list, counted with o200k_base through the content-hash cache.
 * A file listed twice is counted once in the total; a range of a file that is
 * also read whole adds nothing.
 */
import path from 'node:path'
import type {ListItem, Nodes} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Position} from 'unist'
import {visit} from 'unist-util-visit'
import type {SopLintConfig} from '../config/schema.js'
import {normalizeHeading} from '../markdown/heading-text.js'
import {decodeLink, findPathRefs, type PathRef} from '../markdown/path-refs.js'
import type {PlanDocument} from '../plan/plan-document.js'
import {findInRepository} from '../workspace/across-workspaces.js'
import {classifyPath} from '../workspace/repo-path.js'
import type {Workspace} from '../workspace/workspace.js'
import type {TokenCounter} from './cache.js'

/** Where a reading item is listed. */
export type ReadingOrigin = {kind: 'required'} | {kind: 'task'; task: number; title: string}

/** One file or range a plan asks to read. */
export interface ReadingItem {
  /** Repository-relative path, resolved (`undefined` when it names nothing inside the repository). */
  path: string | undefined
  /** As written, with its line range: `docs/x.md:12-30`. */
  label: string
  lines: {start: number; end: number} | undefined
  position: Position | undefined
  from: ReadingOrigin
  /** The item links a progressive summary (a path or link text with a summary word). */
  summarised: boolean
  /** The path is itself a summary. */
  isSummary: boolean
}

/** A reading item with its count, or why it has none. */
export interface CountedItem extends ReadingItem {
  tokens: number | undefined
  /** Why it is not counted (missing, a folder, binary…), or that it is counted elsewhere. */
  note: string | undefined
  /** Already counted by an earlier item (same file and range, or the whole file): not added to the total. */
  duplicate: boolean
  cached: boolean
}

export interface ReadingCount {
  items: CountedItem[]
  /** Tokens of every distinct file and range the plan asks to read. */
  total: number
  /** Tokens of the Required reading section alone (distinct items). */
  required: number
  /** Tokens of each task's own reading list, by task number (its items, counted even when listed elsewhere too). */
  perTask: Map<number, number>
}

/** Every reading item of a plan, in document order: the Required reading section, then each task's own reading. */
export function readingItems(plan: PlanDocument, config: SopLintConfig, planPath: string): ReadingItem[] {
  const folder = path.posix.dirname(planPath)
  const summary = summaryMatcher(config)
  const items: ReadingItem[] = []
  for (const section of plan.section('requiredReading')) {
    for (const block of section.children) collectList(block, {kind: 'required'}, folder, summary, items)
  }
  const labels = new Set(config.tokens.taskReadingLabels.map((label) => normalizeHeading(label)))
  for (const task of plan.tasks) {
    const from: ReadingOrigin = {kind: 'task', task: task.number, title: task.title}
    for (const block of task.blocks.slice(1)) {
      if (block.type !== 'list') continue
      for (const item of block.children) {
        const first = item.children[0]
        const label = first ? /^\s*([^:\n]{1,40}):/.exec(toString(first))?.[1] : undefined
        if (label === undefined || !labels.has(normalizeHeading(label))) continue
        addItem(item, from, folder, summary, items)
      }
    }
  }
  return items
}

function collectList(
  node: Nodes,
  from: ReadingOrigin,
  folder: string,
  summary: (text: string) => boolean,
  items: ReadingItem[]
): void {
  if (node.type !== 'list') return
  for (const item of node.children) addItem(item, from, folder, summary, items)
}

/** The paths of a list item (its own text, then its nested items). */
function addItem(
  item: ListItem,
  from: ReadingOrigin,
  folder: string,
  summary: (text: string) => boolean,
  items: ReadingItem[]
): void {
  const own = item.children.filter((child) => child.type !== 'list')
  const refs = own.flatMap((child) => findPathRefs(child))
  const linkTexts = linkTextsOf(own)
  const nestedRefs = item.children.filter((child) => child.type === 'list').flatMap((child) => findPathRefs(child))
  const isSummaryRef = (ref: PathRef) =>
    summary(ref.path) || (ref.kind === 'link' && linkTexts.some((text) => text.url === ref.path && summary(text.text)))
  const summarised = [...refs, ...nestedRefs].some((ref) => isSummaryRef(ref))
  for (const ref of refs) {
    if (ref.pattern) continue
    const classified = classifyPath(ref.path, ref.kind === 'link' ? folder : '')
    const lines = ref.lines
    items.push({
      path: classified.kind === 'inside' ? classified.path : undefined,
      label: lines ? `${ref.path}:${lines.start}${lines.end === lines.start ? '' : `-${lines.end}`}` : ref.path,
      lines,
      position: ref.position,
      from,
      summarised: summarised && !isSummaryRef(ref),
      isSummary: isSummaryRef(ref)
    })
  }
  for (const child of item.children) collectList(child, from, folder, summary, items)
}

function linkTextsOf(blocks: Nodes[]): Array<{url: string; text: string}> {
  const links: Array<{url: string; text: string}> = []
  for (const block of blocks) {
    visit(block, 'link', (link) => {
      links.push({
        url: decodeLink(link.url)
          .replace(/#[^/]*$/, '')
          .replace(/:\d+(-\d+)?$/, ''),
        text: toString(link)
      })
    })
  }
  return links
}

function summaryMatcher(config: SopLintConfig): (text: string) => boolean {
  const words = config.tokens.summaryWords.map((word) => word.toLowerCase())
  return (text) => {
    const lower = text.toLowerCase()
    return words.some((word) => lower.includes(word))
  }
}

/** The text of a file, or of lines `start`–`end` of it (1-based, inclusive). */
export function sliceLines(text: string, lines: {start: number; end: number} | undefined): string | undefined {
  if (!lines) return text
  const all = text.split(/(?<=\n)/)
  if (lines.start < 1 || lines.start > all.length || lines.end < lines.start) return undefined
  return all.slice(lines.start - 1, lines.end).join('')
}

/** Counts the reading of a plan. Items are counted in order; the tokenizer is loaded only when a text is not in the cache. */
export function countReading(items: readonly ReadingItem[], workspace: Workspace, counter: TokenCounter): ReadingCount {
  const whole = new Set(items.filter((item) => item.path !== undefined && !item.lines).map((item) => item.path!))
  const seen = new Set<string>()
  const counted: CountedItem[] = []
  const perTask = new Map<number, number>()
  let total = 0
  let required = 0
  const requiredSeen = new Set<string>()
  for (const item of items) {
    const result: CountedItem = {...item, tokens: undefined, note: undefined, duplicate: false, cached: false}
    counted.push(result)
    if (item.path === undefined) {
      result.note = 'outside the repository: not read'
      continue
    }
    const file = findInRepository(workspace, item.path) ?? item.path
    if (!workspace.source.isFile(file)) {
      result.note = workspace.exists(file) ? 'a folder: not counted (name its files)' : 'does not exist'
      continue
    }
    const text = workspace.source.read(file)
    if (text === undefined) {
      result.note = 'cannot be read'
      continue
    }
    if (text.includes('\0')) {
      result.note = 'binary: not counted'
      continue
    }
    const slice = sliceLines(text, item.lines)
    if (slice === undefined) {
      result.note = `lines ${item.lines!.start}-${item.lines!.end} are not in the file (${text.split(/(?<=\n)/).length} lines)`
      continue
    }
    const count = counter.count(slice)
    result.tokens = count.tokens
    result.cached = count.cached
    const key = item.lines ? `${item.path}:${item.lines.start}-${item.lines.end}` : item.path
    if (item.from.kind === 'task') perTask.set(item.from.task, (perTask.get(item.from.task) ?? 0) + count.tokens)
    const coveredByWhole = item.lines !== undefined && whole.has(item.path)
    if (
      item.from.kind === 'required' &&
      !requiredSeen.has(key) &&
      !(coveredByWhole && requiredWhole(items, item.path))
    ) {
      requiredSeen.add(key)
      required += count.tokens
    }
    if (seen.has(key) || coveredByWhole) {
      result.duplicate = true
      result.note = coveredByWhole ? `covered by \`${item.path}\` read whole` : 'listed before: counted once'
      continue
    }
    seen.add(key)
    total += count.tokens
  }
  return {items: counted, total, required, perTask}
}

function requiredWhole(items: readonly ReadingItem[], file: string): boolean {
  return items.some((item) => item.from.kind === 'required' && item.path === file && !item.lines)
}
