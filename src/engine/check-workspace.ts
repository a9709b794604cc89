import type {VFile} from 'vfile'
import {planNameFor} from '../workspace/plan-name.js'
import type {Workspace} from '../workspace/workspace.js'
import {defaultTargets, placementTargets} from './default-targets.js'
import {unusableRoleFiles} from './file-problems.js'
import {lintFiles, lintPlacement} from './lint.js'

export interface CheckOptions {
  /** Repository-relative files to check; the default set when empty. */
  files: readonly string[]
  allPlans: boolean
  /** Today's date (YYYY-MM-DD) on the user's clock: a missing plan is named for it. */
  date: string
  cwd: string
}

/**
 * Runs every check on a workspace and returns one vfile per file checked,
 * with its messages. When no file is named and the plans folder holds no
 * plan, the plan that should exist — named for today — is checked too, as an
 * empty file: rule plan-filename reports it missing (and carries its text).
 */
export async function checkWorkspace(workspace: Workspace, options: CheckOptions): Promise<VFile[]> {
  const named = options.files.length > 0
  const targets = named ? options.files : defaultTargets(workspace, options.allPlans)
  const absentPlan =
    named || workspace.newestPlan()
      ? []
      : [`${workspace.config.paths.plans}/${planNameFor(workspace.config.plan.pattern, options.date)}`]
  const files = await lintFiles(workspace, [...absentPlan, ...targets], {cwd: options.cwd, date: options.date})
  if (!named)
    files.push(...lintPlacement(workspace, placementTargets(workspace), {cwd: options.cwd, date: options.date}))
  // A progress.md that is a folder, a plan that is a link out of the repository: said, not skipped silently.
  if (!named) files.push(...unusableRoleFiles(workspace, options.cwd))
  return files
}
