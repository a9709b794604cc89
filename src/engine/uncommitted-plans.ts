import type {SopLintConfig} from '../config/schema.js'
import type {CommitInfo} from '../git/commit.js'
import {WorkingTreeSource, type FileSource} from '../workspace/source.js'
import {Workspace} from '../workspace/workspace.js'

/** Plans of the working tree that the commit's tree does not hold and that are at least as new as its newest plan (the newest of them). */
export function uncommittedPlans(root: string, config: SopLintConfig, tree: FileSource, commit: CommitInfo): string[] {
  const working = new Workspace(new WorkingTreeSource(root), config)
  const committed = new Workspace(tree, config).newestPlan()
  return working
    .plans()
    .filter((plan) => !tree.isFile(plan.path))
    .filter((plan) => committed === undefined || (plan.date ?? '') >= (committed.date ?? ''))
    .filter((plan) => plan.date === undefined || plan.date <= commit.date)
    .map((plan) => plan.path)
    .slice(-1)
}
