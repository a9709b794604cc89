import {VFile} from 'vfile'
import {parsable, parseMarkdown} from '../markdown/parse.js'
import type {PlanFile, Workspace} from '../workspace/workspace.js'
import {readPlan, type PlanDocument} from './plan-document.js'

const loaded = Symbol('plans parsed')

/**
 * A plan read from the workspace's files, parsed once per workspace: what
 * cross-file rules use when they check progress.md or the Task ↔ Spec table
 * against the newest plan.
 */
export function loadPlan(workspace: Workspace, plan: PlanFile): PlanDocument | undefined {
  const plans = workspace.memo(loaded, () => new Map<string, PlanDocument | undefined>())
  if (!plans.has(plan.path)) {
    const text = workspace.source.read(plan.path)
    plans.set(
      plan.path,
      !parsable(text, workspace.config)
        ? undefined
        : readPlan(parseMarkdown(text), new VFile({value: text}), workspace.config)
    )
  }
  return plans.get(plan.path)
}

/**
 * Keeps a plan the check parsed for its own rules, when it is the text the
 * workspace holds (an editor's unsaved text is not): the cross-file rules
 * take it instead of parsing the plan a second time, which for a large plan
 * doubled the time and the memory held at once.
 */
export function keepParsedPlan(workspace: Workspace, plan: PlanFile, document: PlanDocument, text: string): void {
  const plans = workspace.memo(loaded, () => new Map<string, PlanDocument | undefined>())
  if (plans.has(plan.path) || workspace.source.read(plan.path) !== text) return
  plans.set(plan.path, document)
}

/** The newest plan, parsed; `undefined` when there is none. */
export function loadNewestPlan(workspace: Workspace): PlanDocument | undefined {
  const newest = workspace.newestPlan()
  return newest ? loadPlan(workspace, newest) : undefined
}
