import type {VFile} from 'vfile'
import type {Workspace} from '../workspace/workspace.js'
import {defaultTargets, placementTargets} from './default-targets.js'
import {unusableRoleFiles} from './file-problems.js'
import {lintFiles, lintPlacement} from './lint.js'
import {missingPlanFile} from './missing-plan.js'

export interface CheckOptions {
  /** Repository-relative files to check; the default set when empty. */
  files: readonly string[]
  allPlans: boolean
  /** The date a missing plan is named for. */
  date: string
  cwd: string
}

/** Runs every check on a workspace and returns one vfile per file checked, with its messages. */
export async function checkWorkspace(workspace: Workspace, options: CheckOptions): Promise<VFile[]> {
  const targets = options.files.length > 0 ? options.files : defaultTargets(workspace, options.allPlans)
  const files = await lintFiles(workspace, targets, options.cwd)
  if (options.files.length === 0) files.push(...lintPlacement(workspace, placementTargets(workspace), options.cwd))
  if (options.files.length === 0 && !workspace.newestPlan()) {
    files.unshift(missingPlanFile(workspace, options.date, options.cwd))
  }
  // A progress.md that is a folder, a plan that is a link out of the repository: said, not skipped silently.
  if (options.files.length === 0) files.push(...unusableRoleFiles(workspace, options.cwd))
  return files
}
