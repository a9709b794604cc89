import {execFileSync} from 'node:child_process'
import {statSync} from 'node:fs'
import path from 'node:path'
import {UsageError} from '../config/errors.js'
import {gitEnv} from '../git/run.js'

/** The repository root: `--root` when given (it must be a folder), else git's top level of the cwd, else the cwd. */
export function findRoot(rootOption: string | undefined, cwd = process.cwd()): string {
  if (rootOption !== undefined) {
    const root = path.resolve(cwd, rootOption)
    let isFolder: boolean
    try {
      isFolder = statSync(root).isDirectory()
    } catch {
      throw new UsageError(`--root ${rootOption}: no such folder; name the repository's root folder`)
    }
    if (!isFolder) throw new UsageError(`--root ${rootOption}: not a folder; name the repository's root folder`)
    return root
  }
  return gitTopLevel(cwd) ?? cwd
}

/** The top level of the git working tree `cwd` is in; `undefined` outside one. */
export function gitTopLevel(cwd = process.cwd()): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      env: gitEnv()
    }).trim()
  } catch {
    return undefined
  }
}
