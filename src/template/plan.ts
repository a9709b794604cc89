import type {SectionId} from '../config/schema.js'
import type {Workspace} from '../workspace/workspace.js'
import {sectionText} from './plan-sections.js'

/**
 * The next-session plan `--fix` and `plan new` write: every section in the
 * configured order, in the canonical form, with `TODO` only where a person
 * must decide.
 */
export function planText(workspace: Workspace, date: string): string {
  const order = Object.keys(workspace.config.plan.sections) as SectionId[]
  const sections = order.map((id) => sectionText(id, workspace, 2))
  return `# Plan ${date} — next session\n\n${sections.join('\n')}`
}
