/**
 * `sop-lint` in a monorepo: every workspace from the root, the one named or
 * stood in otherwise, each checked on its own (its own config, its own cached
 * result), and reported grouped by workspace with paths relative to the
 * current folder.
 */
import path from 'node:path'
import type {VFile} from 'vfile'
import {UsageError} from '../config/errors.js'
import type {SopLintConfig} from '../config/schema.js'
import {materialize} from '../engine/cache/materialize.js'
import {checkCommitWorkspaces, checkWorkspaces} from '../engine/check-monorepo.js'
import {workspacesChanged} from '../engine/check-monorepo-push.js'
import type {ConfigChoice} from '../engine/load-config.js'
import {openMonorepo} from '../engine/monorepo-config.js'
import type {Applied} from '../engine/suppressions/suppressions.js'
import {loadWorkspaceConfig} from '../engine/workspace-config.js'
import {GitRepository} from '../git/repository.js'
import {GitTreeSource} from '../workspace/git-tree-source.js'
import {formatStylish, type StylishOptions} from './formats/stylish.js'
import type {Monorepo} from '../workspace/monorepo.js'
import {Workspace} from '../workspace/workspace.js'
import {runFix} from './fix.js'
import {scaffoldSummary} from './scaffold-summary.js'
import {suppressProblems, type SuppressionOptions} from './suppress.js'
import type {Concurrency} from './concurrency.js'
import {lintMany} from './parallel-lint.js'
import {expandTargets} from './targets.js'
import {oneWorkspace, readAfresh, workspacesToCheck} from './workspace-choice.js'

/** The files of one workspace's check, ready for a reporter; `folder` is `''` for files outside every workspace. */
export interface WorkspaceGroup {
  folder: string
  files: VFile[]
}

export interface MonorepoChecked {
  files: VFile[]
  groups: WorkspaceGroup[]
  severities: SopLintConfig['rules']
  /** The baselines' work, every workspace's together. */
  suppressed: Applied & {written: boolean}
}

export interface MonorepoCheckOptions {
  allPlans: boolean
  date: string
  cwd: string
  cache: boolean
  /** What the command line chose of the config (`--config`, `--rule`): every workspace's check takes it. */
  choice: ConfigChoice
  /** `--workspace NAME`. */
  workspace: string | undefined
  commit: string | undefined
  /** With `commit`: only the workspaces changed since this revision. */
  changedSince: string | undefined
  fix: boolean
  dryRun: boolean
  concurrency: Concurrency
  noIgnore: boolean
}

/** What a workspace's check hands on: its group, its severities and its baseline's work. */
interface Part {
  group: WorkspaceGroup
  severities: SopLintConfig['rules']
  suppressed: Applied & {written: boolean}
}

export async function checkMonorepo(
  monorepo: Monorepo,
  positionals: readonly string[],
  options: MonorepoCheckOptions,
  suppression: SuppressionOptions
): Promise<MonorepoChecked> {
  const parts = options.fix
    ? [await fixOne(monorepo, positionals, options, suppression)]
    : positionals.length > 0
      ? await checkNamed(monorepo, positionals, options, suppression)
      : options.commit === undefined
        ? await checkWorkingTree(monorepo, options, suppression)
        : await checkCommit(monorepo.root, options.commit, options)
  const groups = parts.map((part) => part.group)
  const suppressed = parts.reduce(
    (sum, part) => ({
      suppressed: sum.suppressed + part.suppressed.suppressed,
      unused: sum.unused + part.suppressed.unused,
      written: sum.written || part.suppressed.written
    }),
    {suppressed: 0, unused: 0, written: false}
  )
  const severities =
    parts[0]?.severities ?? (await loadWorkspaceConfig(monorepo.repository, {choice: options.choice})).config.rules
  return {files: groups.flatMap((group) => group.files), groups, severities, suppressed}
}

/** Every workspace from the root, or the one named or stood in: each result from its cache when its files were checked before, then its own baseline. */
async function checkWorkingTree(
  monorepo: Monorepo,
  options: MonorepoCheckOptions,
  suppression: SuppressionOptions
): Promise<Part[]> {
  const parts: Part[] = []
  for (const result of await checkWorkspaces(
    monorepo.repository,
    workspacesToCheck(monorepo, options.workspace, options.cwd),
    options
  )) {
    const files = materialize(result.files, result.root, options.cwd)
    const source = monorepo.sourceOf(result.folder)
    const {config} = await loadWorkspaceConfig(source, {choice: options.choice})
    parts.push({
      group: {folder: result.folder, files},
      severities: result.facts.severities,
      suppressed: await suppressProblems(files, source, config.rules, suppression)
    })
  }
  return parts
}

/** `--commit REV`: the workspaces of that commit's tree, each judged against the commit's date and with the baseline of its tree, as the hook does. */
async function checkCommit(root: string, revision: string, options: MonorepoCheckOptions): Promise<Part[]> {
  const repository = new GitRepository(root)
  try {
    const commit = repository.commit(revision)
    const tree = GitTreeSource.at(repository, commit)
    const monorepo = await openMonorepo(tree)
    let folders = monorepo ? workspacesToCheck(monorepo, options.workspace, options.cwd) : []
    if (monorepo && options.changedSince !== undefined) {
      const since = repository.commits([options.changedSince])[0]
      if (!since) throw new UsageError(`--changed-since ${options.changedSince}: not a commit in this repository`)
      const changed = workspacesChanged(repository, monorepo, {localOid: commit.oid, remoteOid: since.oid})
      folders = folders.filter((folder) => changed.includes(folder))
    }
    return (await checkCommitWorkspaces(tree, commit, folders, options)).map((result) => ({
      group: {folder: result.folder, files: materialize(result.files, result.root, options.cwd)},
      severities: result.facts.severities,
      suppressed: {...result.suppressed, written: false}
    }))
  } finally {
    repository.close()
  }
}

/** `--fix` writes into one workspace: the one named or stood in; without file names, the session's plan too when the newest is missing or too old. */
async function fixOne(
  monorepo: Monorepo,
  positionals: readonly string[],
  options: MonorepoCheckOptions,
  suppression: SuppressionOptions
): Promise<Part> {
  const folder = oneWorkspace(monorepo, options.workspace, '--fix', options.cwd)
  const source = monorepo.sourceOf(folder)
  const {config} = await loadWorkspaceConfig(source, {choice: options.choice})
  const {files} = expandTargets(new Workspace(source, config), positionals, {
    cwd: options.cwd,
    noIgnore: options.noIgnore
  })
  const scaffold = positionals.length === 0 ? {date: options.date, plan: 'stale' as const} : undefined
  const fixed = await runFix(
    source,
    config,
    {files, allPlans: options.allPlans, date: options.date, cwd: options.cwd},
    options.dryRun,
    scaffold
  )
  if (fixed.scaffolded)
    process.stderr.write(scaffoldSummary(new Workspace(readAfresh(source), config), fixed.scaffolded))
  const suppressed = options.dryRun
    ? {suppressed: 0, unused: 0, written: false}
    : await suppressProblems(fixed.files, readAfresh(source), config.rules, suppression)
  return {group: {folder, files: fixed.files}, severities: config.rules, suppressed}
}

/**
 * Named files, folders and globs (lint-staged at the root names files), found
 * as in a repository of one workspace, then each file checked in the
 * workspace it lies in, with its config and baseline; a file outside every
 * workspace, with the root's.
 */
async function checkNamed(
  monorepo: Monorepo,
  positionals: readonly string[],
  options: MonorepoCheckOptions,
  suppression: SuppressionOptions
): Promise<Part[]> {
  const repository = new Workspace(
    monorepo.repository,
    (await loadWorkspaceConfig(monorepo.repository, {choice: options.choice})).config
  )
  const targets = expandTargets(repository, positionals, {cwd: options.cwd, noIgnore: options.noIgnore})
  for (const {file, by} of targets.ignored)
    process.stderr.write(`sop-lint: ${file}: ignored (${by}); pass --no-ignore to check it\n`)
  const byFolder = new Map<string, string[]>()
  for (const file of targets.files) {
    const folder = monorepo.workspaceOf(file) ?? ''
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), folder === '' ? file : path.posix.relative(folder, file)])
  }
  const parts: Part[] = []
  for (const [folder, files] of byFolder) {
    const source = folder === '' ? monorepo.repository : monorepo.sourceOf(folder)
    const {config} = await loadWorkspaceConfig(source, {choice: options.choice})
    const checked = await lintMany(
      new Workspace(source, config),
      files,
      {cwd: options.cwd, date: options.date},
      options.concurrency
    )
    parts.push({
      group: {folder, files: checked},
      severities: config.rules,
      suppressed: await suppressProblems(checked, source, config.rules, suppression)
    })
  }
  return parts
}

/** The stylish report, a part per workspace with messages, and a line that names the workspaces with errors. */
export function formatGroups(groups: readonly WorkspaceGroup[], options: StylishOptions): string {
  const parts: string[] = []
  for (const group of groups) {
    const report = formatStylish(group.files, options)
    if (report)
      parts.push(`${group.folder === '' ? 'outside the workspaces' : `workspace ${group.folder}`}:\n${report}`)
  }
  const failing = groups
    .filter((group) => group.files.some((file) => file.messages.some((message) => message.fatal)))
    .map((group) => group.folder || 'outside the workspaces')
  const checked = groups.filter((group) => group.folder !== '').length
  const summary =
    checked < 2 && groups.length < 2
      ? ''
      : `sop-lint: ${checked} workspace${checked === 1 ? '' : 's'} checked; ${failing.length === 0 ? 'no errors' : `errors in ${failing.join(', ')}`}\n`
  return `${parts.join('\n')}${parts.length > 0 && summary ? '\n' : ''}${summary}`
}
