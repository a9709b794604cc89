import {VFile} from 'vfile'
import {parsable} from '../engine/parse-gate.js'
import {parseMarkdown} from '../markdown/parse.js'
import type {PlanFile, Workspace} from '../workspace/workspace.js'
import {readPlan, type PlanDocument} from './plan-document.js'

const loaded = new WeakMap<Workspace, Map<string, PlanDocument | undefined>>()

/**
 * A plan read from the workspace's files, parsed once per workspace: what
 * cross-file rules use when they check progress.md or the Task ↔ Spec table
 * against the newest plan.
 */
export function loadPlan(workspace: Workspace, plan: PlanFile): PlanDocument | undefined {
  const plans = loadedIn(workspace)
  if (!plans.has(plan.path)) {
    const text = workspace.source.read(plan.path)
    plans.set(plan.path, !parsable(text, workspace) ? undefined : readPlan(parseMarkdown(text), new VFile({value: text}), workspace.config))
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
  const plans = loadedIn(workspace)
  if (plans.has(plan.path) || workspace.source.read(plan.path) !== text) return
  plans.set(plan.path, document)
}

function loadedIn(workspace: Workspace): Map<string, PlanDocument | undefined> {
  let plans = loaded.get(workspace)
  if (!plans) {
    plans = new Map()
    loaded.set(workspace, plans)
  }
  return plans
}

/** The newest plan, parsed; `undefined` when there is none. */
export function loadNewestPlan(workspace: Workspace): PlanDocument | undefined {
  const newest = workspace.newestPlan()
  return newest ? loadPlan(workspace, newest) : undefined
}
