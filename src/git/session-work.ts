/**
 * What a session changed in a repository, as far as git can tell: commits
 * made since a time, and uncommitted changes to some paths. The Stop hook
 * asks only when the context use alone does not decide.
 */
import {git} from './run.js'

/** Whether `HEAD` has a commit whose committer time is at or after `since`; `false` in a repository without commits. */
export function committedSince(root: string, since: Date): boolean {
  try {
    const output = git(['log', '-1', '--format=%H', `--since=${since.toISOString()}`, 'HEAD', '--'], {cwd: root})
    return output.toString('utf8').trim() !== ''
  } catch {
    return false
  }
}

/** The paths below `paths` (repository-relative to `root`) that differ from `HEAD` or are untracked, as git names them. */
export function uncommittedPaths(root: string, paths: readonly string[]): string[] {
  if (paths.length === 0) return []
  // Literal pathspecs: a configured path is a name, never a glob.
  const output = git(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...paths.map((entry) => `:(literal)${entry}`)], {cwd: root})
  const entries = output.toString('utf8').split('\0')
  const changed: string[] = []
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index]!
    if (entry.length < 4) continue
    changed.push(entry.slice(3))
    // A rename or copy is followed by the name it had.
    if (/^[RC]|^.[RC]/.test(entry)) index++
  }
  return changed
}
