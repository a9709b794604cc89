/**
 * Which workspace of a monorepo a command acts on: the one `--workspace NAME`
 * names, else the one the user stands in; a check at the root takes every
 * workspace, while a command that writes or reports on one workspace stops
 * (exit 2) and lists them. A repository whose root config declares no
 * workspaces is one workspace, as before.
 */
import path from 'node:path'
import {UsageError} from '../config/errors.js'
import type {SopLintConfig} from '../config/schema.js'
import type {ConfigChoice} from '../engine/load-config.js'
import {openMonorepo} from '../engine/monorepo-config.js'
import type {Monorepo} from '../workspace/monorepo.js'
import {WorkingTreeSource, type FileSource} from '../workspace/source.js'
import {SubfolderSource} from '../workspace/subfolder-source.js'
import {findRoot} from './root.js'

/** The repository's monorepo in the working tree, `undefined` for a repository of one workspace (then `--workspace` is a mistake). */
export async function workingTreeMonorepo(root: string, named: string | undefined): Promise<Monorepo | undefined> {
  const monorepo = await openMonorepo(new WorkingTreeSource(root))
  if (!monorepo && named !== undefined) {
    throw new UsageError(
      `--workspace ${named}: the remark config in ${root} declares no workspaces; add "workspaces" to it (sop-lint init finds them), or leave --workspace out`
    )
  }
  if (monorepo && monorepo.folders.length === 0) {
    throw new UsageError(
      `the workspaces of ${monorepo.config.configName} (${monorepo.config.globs.join(', ')}) match no folder; fix the globs (sop-lint init finds the workspaces)`
    )
  }
  return monorepo
}

/**
 * The workspaces a check takes: the one named, the one the current folder is
 * in, or, from anywhere else (the root), every one.
 */
export function workspacesToCheck(monorepo: Monorepo, named: string | undefined, cwd = process.cwd()): string[] {
  if (named !== undefined) return [findNamed(monorepo, named, cwd)]
  const here = monorepo.workspaceAt(cwd)
  return here === undefined ? [...monorepo.folders] : [here]
}

/** The one workspace a command acts on; exit 2 with the list where that is ambiguous. */
export function oneWorkspace(
  monorepo: Monorepo,
  named: string | undefined,
  command: string,
  cwd = process.cwd()
): string {
  const folders = workspacesToCheck(monorepo, named, cwd)
  if (folders.length === 1) return folders[0]!
  throw new UsageError(
    `${command} acts on one workspace, and ${path.relative(monorepo.root, cwd) || 'the repository root'} is in none of the ${folders.length}: run it in a workspace's folder or pass --workspace NAME, one of: ${folders.join(', ')}`
  )
}

export interface ChosenWorkspace {
  /** The workspace's folder on disk: the root of its paths. */
  root: string
  source: FileSource
  config: SopLintConfig
}

/**
 * The workspace a command that writes or reports on one workspace acts on
 * (`plan new`, `budget`, `ledger close`, `status`, `report`, `--fix`), with
 * its files and config; the repository itself when it is one workspace.
 */
export async function chosenWorkspace(
  given: {root: string | undefined; workspace: string | undefined},
  command: string,
  choice: ConfigChoice,
  cwd = process.cwd()
): Promise<ChosenWorkspace> {
  const root = path.resolve(findRoot(given.root, cwd))
  const monorepo = await workingTreeMonorepo(root, given.workspace)
  const source: FileSource = monorepo
    ? monorepo.sourceOf(oneWorkspace(monorepo, given.workspace, command, cwd))
    : new WorkingTreeSource(root)
  const {loadWorkspaceConfig} = await import('../engine/on-demand.js')
  const {config} = await loadWorkspaceConfig(source, {choice})
  return {root: source.root, source, config}
}

/**
 * The workspace `--workspace NAME` names: its folder from the repository root,
 * a path to it from the current folder, or the end of its folder
 * (`forecast` for `projects/labs/forecast`) when no other workspace's ends so.
 */
function findNamed(monorepo: Monorepo, name: string, cwd: string): string {
  const wanted = name.replace(/\\/g, '/').replace(/\/+$/, '').replace(/^\.\//, '')
  const fromCwd = path.relative(monorepo.root, path.resolve(cwd, name)).split(path.sep).join('/')
  const exact = monorepo.folders.find((folder) => folder === wanted || folder === fromCwd)
  if (exact !== undefined) return exact
  const ending = monorepo.folders.filter((folder) => folder.endsWith(`/${wanted}`))
  if (ending.length === 1) return ending[0]!
  if (ending.length > 1)
    throw new UsageError(
      `--workspace ${name} names ${ending.length} workspaces: ${ending.join(', ')}; name one by its folder`
    )
  throw new UsageError(`--workspace ${name}: no such workspace; the workspaces are ${monorepo.folders.join(', ')}`)
}

/** A workspace's file as the user names it from the current folder. */
export function fromCwd(root: string, relativePath: string, cwd = process.cwd()): string {
  return path.relative(cwd, path.join(root, relativePath)).split(path.sep).join('/') || relativePath
}

/**
 * The same workspace's files read afresh: a source remembers what it found
 * (a folder missing before `--fix` or `plan new` created it), so what they
 * wrote is read through a new one.
 */
export function readAfresh(source: FileSource): FileSource {
  if (source instanceof SubfolderSource)
    return new SubfolderSource(new WorkingTreeSource(source.repository.root), source.place)
  return new WorkingTreeSource(source.root)
}
