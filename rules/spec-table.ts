/**
 * The Task ↔ Spec table (procedure step 3, spec-first, and the acceptance
 * criterion “Task ↔ Spec table updated”) has a row for every task of the
 * newest plan, and every spec a row names exists. A row of a planned task
 * that names no spec (`n/a`, `(tbd)`) is an error: the spec comes before the
 * code. Other rows that are still open are warned about; done rows are history.
 */
import path from 'node:path'
import type {Table} from 'mdast'
import {appendBlock, appendRow} from '../src/markdown/entries.js'
import {
  findSpecTables,
  isDone,
  isPlaceholder,
  marksNoSpecNeeded,
  normalizeTitle,
  tableRow,
  taskTitles,
  type SpecRow,
  type SpecTable
} from '../src/plan/spec-table.js'
import {clip} from './_shared/clip.js'
import {codeSpan, hasControlCharacter} from '../src/markdown/written-text.js'
import {loadNewestPlan} from '../src/plan/load-plan.js'
import {taskSpecs, type Task} from '../src/plan/tasks.js'
import {defineRule} from '../src/rule/define-rule.js'
import {classifyPath} from '../src/workspace/repo-path.js'
import {judgePath} from './_shared/paths.js'

export default defineRule({
  id: 'spec-table',
  meta: {
    severity: 'error',
    description: 'the Task ↔ Spec table has a row and an existing spec for every planned task',
    messages: {
      noTable: {
        text: 'No Task ↔ Spec table in `{{file}}`: add a table with the columns {{columns}} and a row per planned task (procedure step 3)',
        fix: 'insert'
      },
      noRow: {
        text: 'Task {{number}} “{{task}}” of `{{plan}}` has no row in the Task ↔ Spec table: add one naming its spec (spec-first, procedure step 3)',
        fix: 'insert'
      },
      plannedWithoutSpec:
        'Task ↔ Spec row “{{row}}” (task {{number}} of the newest plan) names no spec, only {{written}}: name the `.feature` spec, written before the code (spec-first, procedure step 3)',
      openWithoutSpec: {
        text: 'Task ↔ Spec row “{{row}}” is open and names no spec, only {{written}}: write its spec before the task is planned (spec-first)',
        warning: true
      },
      notPortable: {text: 'Task ↔ Spec row “{{row}}”: `{{path}}` {{why}}', warning: true},
      elsewhere: {text: 'Task ↔ Spec row “{{row}}”: `{{path}}` {{why}}', warning: true},
      pattern: {
        text: 'Task ↔ Spec row “{{row}}”: `{{path}}` is a pattern, not a file: name the files it stands for',
        warning: true
      },
      tooManyAlternatives: {
        text: 'Task ↔ Spec row “{{row}}”: `{{path}}` stands for more than {{max}} files: name fewer alternatives, or the files themselves',
        warning: true
      },
      unusable: 'Task ↔ Spec row “{{row}}”: {{what}}: name a spec that exists',
      missing: 'Task ↔ Spec row “{{row}}”: {{what}}: name a spec that exists'
    }
  },
  appliesTo: (filePath, {config}) => filePath === config.paths.taskSpecTable,
  check({tree, file, config, workspace, path: filePath, report}) {
    const folder = path.posix.dirname(filePath)
    const newest = workspace.newestPlan()
    const planFolder = newest ? path.posix.dirname(newest.path) : config.paths.plans
    const plan = loadNewestPlan(workspace)
    const tasks = plan?.tasks ?? []
    const source = String(file.value)
    const tables = findSpecTables(tree, config)
    const columns = config.crossFile.specTableColumns

    if (tables.length === 0) {
      const header = [columns.task[0] ?? 'Task', columns.status[0] ?? 'Status', columns.spec[0] ?? 'Spec']
      const rows = tasks.map((task) =>
        tableRow([rowTitle(task), 'open', specOf(task, planFolder) ?? placeholder(config.plan.placeholders)])
      )
      const table = [tableRow(header), tableRow(header.map(() => '---')), ...rows].join('\n')
      const insertion = appendBlock(tree, source, table)
      report('noTable', insertion.point, {data: {file: filePath, columns: header.join(', ')}, fix: insertion.expected})
      return
    }

    const rows = tables.flatMap((table) => table.rows)
    // What a task is matched by, once per row: the table holds every task of the history.
    const keys = new Map(
      rows.map((row) => [
        row,
        {
          title: normalizeTitle(row.task),
          specs: row.specs.map((ref) => classifyPath(ref.path, ref.kind === 'link' ? folder : '').path)
        }
      ])
    )
    const planned = new Map<SpecRow, Task>()
    for (const task of tasks) {
      const titles = new Set(taskTitles(task))
      const specs = new Set(taskSpecs(task, planFolder))
      const matching = rows.filter((row) => {
        const key = keys.get(row)!
        return titles.has(key.title) || key.specs.some((spec) => specs.has(spec))
      })
      for (const row of matching) if (!planned.has(row)) planned.set(row, task)
      // A task with no title (an item that starts with a list) cannot be matched by a row: a row for it would be added on every run.
      // Documentation and procedure work has no spec to map.
      if (matching.length > 0 || rowTitle(task) === '' || !task.changesBehaviour) continue
      const insertion = appendRow(
        tree,
        source,
        tables[0]!.table,
        missingRow(tables[0]!, task, planFolder, config.plan.placeholders)
      )
      report('noRow', insertion.point, {
        data: {number: task.number, task: clip(task.title), plan: newest!.path},
        fix: insertion.expected
      })
    }

    for (const row of rows) {
      const task = planned.get(row)
      if (row.specs.length === 0) {
        // `n/a` for a task the plan marks as changing no behaviour, or for a row whose cells say so, is the right answer.
        if (task ? !task.changesBehaviour : marksNoSpecNeeded(row, config)) continue
        const written =
          row.specText === ''
            ? 'an empty spec cell'
            : isPlaceholder(row.specText, config)
              ? `\`${row.specText}\``
              : `“${clip(row.specText)}”, no spec file`
        const place = contentPosition(row)
        if (task) report('plannedWithoutSpec', place, {data: {row: clip(row.task), number: task.number, written}})
        else if (config.crossFile.openRowsWithoutSpec === 'warn' && !isDone(row.status, config)) {
          report('openWithoutSpec', place, {data: {row: clip(row.task), written}})
        }
        continue
      }
      for (const ref of row.specs) {
        const problem = judgePath(ref, workspace, folder)
        if (problem) report(problem.kind, ref.position, {data: {row: clip(row.task), ...problem.data}})
      }
    }
  }
})

/** The spec cell of a new row; a spec whose path holds a control character (a link's `%0A`) is not written. */
function specOf(task: Task, planFolder: string): string | undefined {
  const spec = taskSpecs(task, planFolder).find((candidate) => !hasControlCharacter(candidate))
  return spec === undefined ? undefined : codeSpan(spec)
}

/** The title a new row gets: the task title without emphasis, budget or trailing full stop. */
function rowTitle(task: Task): string {
  return task.title
    .replace(/\*\*/g, '')
    .replace(/\s*\(\s*~?\d[\d.,]*\s*k?(?:\s*tokens?)?\s*\)\s*$/i, '')
    .replace(/\.\s*$/, '')
    .trim()
}

function placeholder(words: string[]): string {
  return words[0] ?? 'TODO'
}

/** A row for a planned task, in the table’s column order. */
function missingRow(table: SpecTable, task: Task, planFolder: string, placeholders: string[]): string {
  const width = headerWidth(table.table)
  const cells = Array.from({length: width}, () => '')
  cells[table.columns.task] = rowTitle(task)
  if (table.columns.status !== undefined) cells[table.columns.status] = 'open'
  cells[table.columns.spec] = specOf(task, planFolder) ?? placeholder(placeholders)
  return tableRow(cells)
}

/**
 * Where a row's spec cell has text (not its pipes and padding); the whole row
 * when the cell is empty (remark-message-control drops a message that starts
 * in an empty last cell of a document, which it takes for a gap).
 */
function contentPosition(row: SpecRow) {
  const cell = row.specCell
  const first = cell?.children[0]?.position
  const last = cell?.children.at(-1)?.position
  if (first && last) return {start: first.start, end: last.end}
  return row.row.position
}

function headerWidth(table: Table): number {
  return table.children[0]?.children.length ?? 0
}
