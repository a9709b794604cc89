import path from 'node:path'

/** A path as a document names it, classified before anything reads it. */
export type RepoPath = {kind: 'inside'; path: string} | {kind: 'absolute' | 'home' | 'outside'; path: string}

/**
 * Resolves a path named in a document to a repository-relative POSIX path.
 * Absolute paths, `~` paths and paths that climb out of the repository are
 * classified, never resolved, so nothing outside the repository is read.
 */
export function classifyPath(named: string, fromFolder = ''): RepoPath {
  if (named.startsWith('~')) return {kind: 'home', path: named}
  if (path.posix.isAbsolute(named) || /^[A-Za-z]:[\\/]/.test(named)) return {kind: 'absolute', path: named}
  const joined = path.posix.normalize(path.posix.join(fromFolder, named))
  if (joined === '..' || joined.startsWith('../')) return {kind: 'outside', path: named}
  // `./a` → `a` and `.` → `.`, but `.github/ci.yml` keeps its dot.
  return {kind: 'inside', path: joined.replace(/\/$/, '').replace(/^\.(\/|$)/, '') || '.'}
}

/**
 * A repository-relative path in the one form every file source reads it in:
 * `a/./b//c/../d/` → `a/b/d`, `.` → `''`; `undefined` for a path that is
 * absolute or climbs out of the root.
 */
export function normalizeRelative(relativePath: string): string | undefined {
  const posix = relativePath.split(path.sep).join('/')
  if (posix.startsWith('/')) return undefined
  const normalized = path.posix.normalize(posix).replace(/\/$/, '')
  if (normalized === '.' || normalized === '') return ''
  if (normalized === '..' || normalized.startsWith('../')) return undefined
  return normalized
}
