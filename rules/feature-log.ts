/**
 * The feature log has an entry for the session that is ending (procedure step
 * 1, “Note which features/scenarios shipped (update
 * docs/Tasks/tracker_feature_log.md)”): a dated heading, list item or table
 * row dated on or after the previous plan’s date — the day the session it
 * planned could start. Legacy undated plans give no date to compare with.
 */
import type {Heading, RootContent, Table} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {
  appendBlock,
  appendListItem,
  appendRow,
  dateIn,
  datedEntries,
  type DatedEntry,
  type Insertion
} from '../src/markdown/entries.js'
import {tableRow} from '../src/plan/spec-table.js'
import {templatePlaceholder} from '../src/plan/template/placeholders.js'
import {defineRule} from '../src/rule/define-rule.js'

export default defineRule({
  id: 'feature-log',
  meta: {
    severity: 'error',
    description: 'the feature log has an entry since the previous plan',
    messages: {
      placeholder: {
        text: 'The feature log entry dated {{date}} still holds a placeholder: say which features and scenarios shipped',
        warning: true
      },
      noEntry: {
        text: 'No feature log entry dated on or after {{since}} (the previous plan, `{{previous}}`): add one for what shipped this session (procedure step 1)',
        fix: 'insert'
      }
    }
  },
  appliesTo: (filePath, {config}) => filePath === config.paths.featureLog,
  check({tree, file, config, workspace, report}) {
    const newest = workspace.newestPlan()
    const previous = newest ? workspace.previousPlan(newest) : undefined
    if (!newest || !previous?.date) return
    const since = previous.date
    const entries = datedEntries(tree)
    const current = entries.filter((entry) => entry.date >= since)
    const placeholder = placeholderPattern(config.plan.placeholders)

    if (current.length > 0) {
      const unfinished = current.filter((entry) => placeholder && placeholder.test(entryText(entry, tree.children)))
      if (unfinished.length === current.length) {
        const entry = unfinished.at(-1)!
        report('placeholder', entry.node.position, {data: {date: entry.date}})
      }
      return
    }

    const date = newest.date ?? since
    const todo = templatePlaceholder(config, 'featureLog')
    const source = String(file.value)
    const last = entries.at(-1)
    let insertion: Insertion
    if (last?.container?.type === 'table')
      insertion = appendRow(tree, source, last.container, newRow(last.container, last, date, todo))
    else if (last?.node.type === 'heading')
      insertion = appendBlock(tree, source, `${'#'.repeat(last.node.depth)} ${date}\n\n- ${todo}`)
    else insertion = appendListItem(tree, source, `${date} — ${todo}`)
    report('noEntry', insertion.point, {data: {since, previous: previous.path}, fix: insertion.expected})
  }
})

/** A row for the table of the last dated row: the date where that row has it, the placeholder in the next free column. */
function newRow(table: Table, last: DatedEntry, date: string, todo: string): string {
  const width = table.children[0]?.children.length ?? 1
  const lastRow = last.node.type === 'tableRow' ? last.node : undefined
  const dateColumn = Math.max(0, lastRow?.children.findIndex((cell) => dateIn(toString(cell)) !== undefined) ?? 0)
  const cells = Array.from({length: width}, () => '')
  cells[dateColumn] = date
  cells[dateColumn === 0 ? Math.min(1, width - 1) : 0] ||= todo
  return tableRow(cells)
}

/** Text of an entry: a row or an item, or a heading with the blocks of its section. */
function entryText(entry: DatedEntry, blocks: RootContent[]): string {
  if (entry.node.type !== 'heading') return toString(entry.node)
  const heading: Heading = entry.node
  const start = blocks.indexOf(heading)
  const next = blocks.findIndex(
    (block, index) => index > start && block.type === 'heading' && block.depth <= heading.depth
  )
  return blocks
    .slice(start, next === -1 ? undefined : next)
    .map((block) => toString(block))
    .join('\n')
}

function placeholderPattern(words: string[]): RegExp | undefined {
  if (words.length === 0) return undefined
  const escaped = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`(?<![\\w/.-])(${escaped.join('|')})(?![\\w/-])`)
}
