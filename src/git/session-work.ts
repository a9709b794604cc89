/**
 * Whether a session committed work: commits made since a time. The Stop
 * hook asks only when neither the context use nor the planning files' times
 * decide.
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
