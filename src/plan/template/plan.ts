import type {SectionId} from '../../config/schema.js'
import type {Workspace} from '../../workspace/workspace.js'
import {openTasks, type DraftTask} from './open-tasks.js'
import {sectionText} from './plan-sections.js'

/**
 * The next-session plan `--fix` and `plan new` write: every section in the
 * configured order, in the canonical form, tasks drafted from the open rows
 * of the Task ↔ Spec table, with `TODO` only where a person must decide.
 */
export function planText(
  workspace: Workspace,
  date: string,
  tasks: readonly DraftTask[] = openTasks(workspace)
): string {
  const order = Object.keys(workspace.config.plan.sections) as SectionId[]
  // Written before the new plan exists: the newest plan is the previous one.
  const previous = workspace.newestPlan()
  const sections = order.map((id) => sectionText(id, workspace, 2, tasks, previous))
  return `# Plan ${date} — next session\n\n${sections.join('\n')}`
}
