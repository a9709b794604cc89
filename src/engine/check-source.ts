import type {CheckRun} from './cache/cached-check.js'
import {storeFiles, type CheckFacts} from './cache/outcome.js'
import planFresh, {freshnessSettings} from '../../rules/plan-fresh.js'
import type {FileSource} from '../workspace/source.js'
import {Workspace} from '../workspace/workspace.js'
import {checkWorkspace, type CheckOptions} from './check-workspace.js'
import {defaultTargets} from './default-targets.js'
import type {ConfigChoice} from './load-config.js'
import {loadWorkspaceConfig} from './workspace-config.js'

/**
 * The whole check of the files of a source — the working tree or a commit's
 * tree (`committed`) —, with the config found among those files (or the one
 * the command line chose): what `sop-lint` and the pre-push hook run when the
 * cache has no result for these files.
 */
export async function checkSource(
  source: FileSource,
  options: Omit<CheckOptions, 'files'> & {committed?: boolean; choice?: ConfigChoice}
): Promise<CheckRun> {
  const {config, source: configName} = await loadWorkspaceConfig(source, {
    committed: options.committed,
    choice: options.choice
  })
  const workspace = new Workspace(source, config)
  prefetchTargets(workspace)
  const files = await checkWorkspace(workspace, {...options, files: []})
  const siblings = Object.values(config.paths.siblings)
  // Whether a path exists in another repository is no question of this one's files: such a result is not kept.
  const readsOutside =
    siblings.length > 0 ? `paths.siblings maps folders outside the repository (${siblings.join(', ')})` : undefined
  return {outcome: {files: storeFiles(files, source.root), facts: factsOf(workspace)}, configName, readsOutside}
}

/**
 * Reads, in two round trips where the source can (a commit's tree), what the
 * check will read: the files whose role the config names and the newest plan
 * (the target logic reads them to find the rest), then every target.
 */
function prefetchTargets(workspace: Workspace): void {
  const {source, config} = workspace
  if (!source.prefetch) return
  const {paths} = config
  const newest = workspace.newestPlan()
  source.prefetch([...(newest ? [newest.path] : []), ...planningDocuments(paths)])
  source.prefetch(defaultTargets(workspace, false))
}

function factsOf(workspace: Workspace): CheckFacts {
  const {config} = workspace
  const {paths} = config
  const choice = workspace.newestChoice()
  const newest = choice?.plan
  return {
    newestPlan: newest && {
      path: newest.path,
      name: newest.name,
      date: newest.date,
      why: choice.why,
      others: choice.others.map((other) => other.path),
      pointer: choice.pointer
    },
    freshness: {severity: config.rules[planFresh.id] ?? planFresh.meta.severity, ...freshnessSettings(config)},
    severities: config.rules,
    ledger: config.paths.ledger,
    agent: {
      stopThreshold: config.agent.stopThreshold ?? config.budget.band.min,
      contextWindow: {claude: config.agent.claudeContextWindow, codex: config.budget.contextWindow},
      reasonTokens: config.agent.reasonTokens,
      planningPaths: [paths.plans, ...planningDocuments(paths)]
    }
  }
}

/** The documents the procedure keeps beside the plans: what a check reads first, and what a session's work on planning touches. */
function planningDocuments(paths: Workspace['config']['paths']): string[] {
  return [paths.progress, paths.handoff, paths.taskSpecTable, paths.featureLog, paths.ledger, paths.glossary]
}
