import {existsSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** Where tools keep their caches in a JavaScript repository: token counts and check results go there. */
export const defaultCacheFolder = 'node_modules/.cache/sop-lint'

/**
 * Where a repository's cache lives: the configured folder below the root
 * (`node_modules/.cache/sop-lint`, where tools keep their caches). A
 * repository without a `node_modules` folder (sop-lint run with npx in a
 * Python project, a fixture) does not get one made for a cache: its entries
 * go to the user's cache folder (`$XDG_CACHE_HOME/sop-lint`, else
 * `~/.cache/sop-lint`) — they are keyed by content, so repositories can share it.
 */
export function cacheFolderFor(root: string, configured: string, env = process.env): string {
  const [first] = configured.split('/')
  if (first !== 'node_modules' || existsSync(path.join(root, 'node_modules'))) return path.join(root, configured)
  const base = env.XDG_CACHE_HOME ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache')
  return path.join(base, 'sop-lint')
}
