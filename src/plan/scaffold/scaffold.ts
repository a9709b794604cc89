/**
 * What `--fix` and `plan new` write before the rules' own fixes run: the
 * plan for the session, when the newest plan is missing or older than the
 * pre-push hook allows (or always, for `plan new`), and the role files it
 * needs that are missing. The rules' fixes then add the plan pointers, the
 * ledger's planning row and the Task ↔ Spec rows, as they would to any plan.
 */
import type {SopLintConfig} from '../../config/schema.js'
import {staleness} from '../freshness.js'
import {draftTasks, type LeftOutRow} from '../template/open-tasks.js'
import {planText} from '../template/plan.js'
import type {OverlaySource} from '../../workspace/overlay-source.js'
import {isCalendarDate, planNameFor} from '../../workspace/plan-name.js'
import {Workspace} from '../../workspace/workspace.js'
import {missingRoleFiles} from './role-files.js'

export interface ScaffoldRequest {
  /** The session the plan is for (YYYY-MM-DD). */
  date: string
  /** `stale`: write the plan only when the newest is missing or too old for the hook; `always`: write it (`plan new`). */
  plan: 'stale' | 'always'
}

export interface Scaffolded {
  /** The plan written, repository-relative; `undefined` when the newest plan was fresh enough. */
  plan: string | undefined
  /** Role files created for it. */
  roleFiles: string[]
  /** Tasks drafted from open Task ↔ Spec rows (none: the plan has one placeholder task). */
  tasksFromRows: number
  /** Open Task ↔ Spec rows the plan does not take, and why. */
  leftOut: LeftOutRow[]
  /** Seed materials created for the newest plan and the open Task ↔ Spec rows (src/scaffold/seeds.ts). */
  seeds: string[]
}

/** Writes into `overlay` the plan and the role files it needs; never over a file that exists. */
export function scaffoldPlan(overlay: OverlaySource, config: SopLintConfig, request: ScaffoldRequest): Scaffolded {
  const workspace = new Workspace(overlay, config)
  const planPath = `${config.paths.plans}/${planNameFor(config.plan.pattern, request.date)}`
  if (overlay.exists(planPath) || (request.plan === 'stale' && !isStale(workspace, request.date)))
    return {plan: undefined, roleFiles: [], seeds: [], tasksFromRows: 0, leftOut: []}
  const roleFiles = missingRoleFiles(workspace, request.date)
  for (const file of roleFiles) overlay.set(file.path, file.text)
  // The plan is drafted once the role files exist, so its reading and handoff sections can name them.
  const drafted = new Workspace(overlay, config)
  const {tasks, leftOut} = draftTasks(drafted)
  overlay.set(planPath, planText(drafted, request.date, tasks))
  return {
    plan: planPath,
    roleFiles: roleFiles.map((file) => file.path),
    seeds: [],
    tasksFromRows: tasks.length,
    leftOut
  }
}

/**
 * Whether the newest plan is missing, undated, or older than the work of
 * `date` by more than `hook.graceDays` (rule plan-fresh); a plan dated ahead
 * is plan-fresh's to report, not a reason to write another.
 */
function isStale(workspace: Workspace, date: string): boolean {
  const newest = workspace.newestPlan()
  if (!newest?.date || !isCalendarDate(newest.date)) return true
  const {config} = workspace
  const settings = {graceDays: config.hook.graceDays, pattern: config.plan.pattern, plans: config.paths.plans}
  return newest.date < date && staleness(newest, date, settings, date) !== undefined
}
