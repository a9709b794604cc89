import {execFileSync} from 'node:child_process'
import {UsageError} from '../config/errors.js'

/** An object id of all zeros (40 for SHA-1, 64 for SHA-256): git's "no object", as in a deleted ref. */
export function isNullOid(oid: string): boolean {
  return /^0+$/.test(oid) && (oid.length === 40 || oid.length === 64)
}

/**
 * Runs git and returns its standard output. A failure becomes a one-line
 * {@link UsageError} with git's own first line of complaint.
 */
export function git(args: readonly string[], options: {cwd: string; input?: string | Buffer}): Buffer {
  try {
    return execFileSync('git', args, {
      cwd: options.cwd,
      input: options.input,
      maxBuffer: 1 << 30,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: gitEnv()
    })
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & {stderr?: Buffer}
    if (failure.code === 'ENOENT')
      throw new UsageError('git was not found on PATH; install git or run without --commit')
    const said = failure.stderr?.toString('utf8').trim().split('\n')[0]
    throw new UsageError(`git ${args[0]} failed: ${said || failure.message.split('\n')[0]}`)
  }
}

/**
 * The environment git runs in: git's own hook variables are kept (a pre-push
 * hook runs with `GIT_DIR` set), prompts and pagers are off, and objects are
 * read as they are stored: `refs/replace/*` would hand sop-lint a substitute
 * commit or tree while `git push` sends the original.
 */
export function gitEnv(): NodeJS.ProcessEnv {
  return {...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C', GIT_NO_REPLACE_OBJECTS: '1'}
}
