import {execFileSync} from 'node:child_process'
import {gitEnv} from './run.js'

/**
 * What git's history says about a workspace's files, asked from the
 * workspace root so that paths are relative to it. Every answer is
 * `undefined` where there is no history to ask: not a repository, git
 * missing, or a path never committed.
 */
export class History {
  constructor(
    private readonly cwd: string,
    /** The commit the history is read back from: `HEAD` for the working tree, the pushed commit for the hook. */
    private readonly start: string
  ) {}

  /** The files below `folder` (paths relative to the workspace root) in the tree of the commit that added `path`. */
  filesWhenAdded(path: string, folder: string): string[] | undefined {
    const commit = this.run(['log', '-1', '--format=%H', '--diff-filter=A', this.start, '--', path])?.trim()
    if (!commit) return undefined
    const listed = this.run(['ls-tree', '-r', '-z', '--name-only', commit, '--', folder])
    return listed === undefined ? undefined : listed.split('\0').filter(Boolean)
  }

  /** When the last commit that changed `path` was made (Unix seconds). */
  lastChanged(path: string): number | undefined {
    const time = this.run(['log', '-1', '--format=%ct', this.start, '--', path])?.trim()
    return time ? Number(time) : undefined
  }

  private run(args: string[]): string | undefined {
    try {
      return execFileSync('git', ['-c', 'core.quotePath=false', ...args], {
        cwd: this.cwd,
        stdio: ['ignore', 'pipe', 'ignore'],
        env: gitEnv(),
        maxBuffer: 1 << 28
      }).toString('utf8')
    } catch {
      return undefined
    }
  }
}
