/**
 * Whether a session committed work: commits made since a time. The Stop
 * hook asks only when neither the context use nor the planning files' times
 * decide, at the end of a turn, so it first looks at the time of the HEAD
 * reflog, which every commit appends to: older than the session, and no
 * commit was made since — git need not be started.
 */
import {statSync} from 'node:fs'
import path from 'node:path'
import {git} from './run.js'

/** Whether `HEAD` has a commit whose committer time is at or after `since`; `false` in a repository without commits. */
export function committedSince(root: string, since: Date): boolean {
  const reflog = headReflog(root)
  if (reflog !== undefined && reflog < since.getTime()) return false
  try {
    const output = git(['log', '-1', '--format=%H', `--since=${since.toISOString()}`, 'HEAD', '--'], {cwd: root})
    return output.toString('utf8').trim() !== ''
  } catch {
    return false
  }
}

/** When `.git/logs/HEAD` of the repository `root` is in was last written; `undefined` when there is no such file (a worktree, reflogs off). */
function headReflog(root: string): number | undefined {
  for (let folder = path.resolve(root); ; folder = path.dirname(folder)) {
    let gitFolder
    try {
      gitFolder = statSync(path.join(folder, '.git'))
    } catch {
      if (path.dirname(folder) === folder) return undefined
      continue
    }
    if (!gitFolder.isDirectory()) return undefined
    try {
      return statSync(path.join(folder, '.git', 'logs', 'HEAD')).mtimeMs
    } catch {
      return undefined
    }
  }
}
