/**
 * Paths a workspace's documents name, read across the repository the
 * workspace is a folder of (a monorepo): written from the workspace's folder
 * (as always), from the repository root (`projects/billing/progress.md`), or
 * from a folder that holds workspaces (`billing/progress.md`, from
 * `projects/`). Every rule that asks where a named file is asks here, so they
 * agree; a file found in a sibling workspace is read there, as that
 * workspace's file. Nothing beyond the repository's root is ever read: the
 * workspace's source refuses it.
 */
import path from 'node:path'
import {classifyPath, type RepoPath} from './repo-path.js'
import type {Workspace} from './workspace.js'

/**
 * A named path classified as {@link classifyPath} does, except that in a
 * workspace below its repository's root a path climbing out of the workspace
 * with `..` (`../billing/progress.md`) is inside when it stays inside the
 * repository: it stays in that `..` form, which the workspace's source reads.
 */
export function classifyInWorkspace(workspace: Workspace, named: string, fromFolder = ''): RepoPath {
  const classified = classifyPath(named, fromFolder)
  const place = workspace.source.place
  if (classified.kind !== 'outside' || !place) return classified
  const inRepository = path.posix.normalize(path.posix.join(place.folder, fromFolder, named))
  if (inRepository === '..' || inRepository.startsWith('../')) return classified
  return {kind: 'inside', path: path.posix.relative(place.folder, inRepository) || '.'}
}

/**
 * Where a workspace-relative path names a file or folder: as written, else
 * read from the repository root, else from each folder that holds
 * workspaces; `undefined` when it names nothing anywhere. The answer is
 * relative to the workspace (`../billing/progress.md` for a sibling's file).
 */
export function findInRepository(workspace: Workspace, relativePath: string): string | undefined {
  if (workspace.exists(relativePath)) return relativePath
  const place = workspace.source.place
  if (!place || relativePath === '.' || relativePath.startsWith('../')) return undefined
  for (const base of ['', ...place.parents]) {
    const candidate = path.posix.relative(place.folder, path.posix.join(base, relativePath))
    if (candidate !== relativePath && workspace.exists(candidate)) return candidate
  }
  return undefined
}

/** A workspace-relative path as a message names it: a path into a sibling (`../billing/x.md`) from the repository root (`projects/billing/x.md`). */
export function shownPath(workspace: Workspace, relativePath: string): string {
  const place = workspace.source.place
  if (!place || !relativePath.startsWith('../')) return relativePath
  return path.posix.normalize(path.posix.join(place.folder, relativePath))
}
