import {findSpecTables, isDone} from '../cross-file/spec-table.js'
import {parsable} from '../engine/file-problems.js'
import {parseMarkdown} from '../markdown/parse.js'
import {hasControlCharacter, oneLine} from '../markdown/written-text.js'
import type {Workspace} from '../workspace/workspace.js'

/** A task a new plan proposes: an open row of the Task ↔ Spec table. */
export interface DraftTask {
  title: string
  /** The spec the row names, when it names one. */
  spec: string | undefined
}

/** A new plan takes at most this many open rows: more would split the budget too thin to be a plan. */
const maximumTasks = 5

/** The open (not done) rows of the Task ↔ Spec table, first ones first. */
export function openTasks(workspace: Workspace): DraftTask[] {
  const text = workspace.source.read(workspace.config.paths.taskSpecTable)
  if (!parsable(text, workspace)) return []
  const rows = findSpecTables(parseMarkdown(text), workspace.config).flatMap((table) => table.rows)
  return rows
    .filter((row) => row.task.trim() !== '' && !isDone(row.status, workspace.config))
    .slice(0, maximumTasks)
    .map((row) => ({
      title: oneLine(row.task).replace(/\s+/g, ' ').trim(),
      // A spec whose path holds a control character (a link's `%0A`) cannot be named on a line of the plan.
      spec: row.specs.find((ref) => !ref.pattern && !hasControlCharacter(ref.path))?.path
    }))
}
