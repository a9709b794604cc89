import {existsSync, lstatSync, realpathSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {normalizeRelative} from './repo-path.js'

/**
 * Where a repository's cache lives: the configured folder below the root
 * (`node_modules/.cache/sop-lint`, where tools keep their caches). A
 * repository without a `node_modules` folder (sop-lint run with npx in a
 * Python project, a fixture) does not get one made for a cache: its entries
 * go to the user's cache folder (`$XDG_CACHE_HOME/sop-lint`, else
 * `~/.cache/sop-lint`) — they are keyed by content, so repositories can share it.
 * So do they when the configured folder would lead out of the repository,
 * by `..` or through a symbolic link: a repository's files never choose a
 * place outside it to write to.
 */
export function cacheFolderFor(root: string, configured: string, env = process.env): string {
  const relative = normalizeRelative(configured)
  if (
    relative &&
    (relative.split('/')[0] !== 'node_modules' || existsSync(path.join(root, 'node_modules'))) &&
    staysInside(root, relative)
  ) {
    return path.join(root, relative)
  }
  const base = env.XDG_CACHE_HOME ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache')
  return path.join(base, 'sop-lint')
}

/**
 * Whether a folder below the root, or the nearest part of its path that
 * exists, is inside the root once links are followed: creating the rest
 * then makes folders inside it. A link to nothing on the way is not.
 */
function staysInside(root: string, relative: string): boolean {
  let existing = path.join(root, relative)
  while (!standsThere(existing)) existing = path.dirname(existing)
  try {
    const realRoot = realpathSync.native(root)
    const real = realpathSync.native(existing)
    return real === realRoot || real.startsWith(realRoot + path.sep)
  } catch {
    return false
  }
}

/** Whether anything, a link to nothing included, stands at a path. */
function standsThere(file: string): boolean {
  try {
    lstatSync(file)
    return true
  } catch {
    return path.dirname(file) === file
  }
}
