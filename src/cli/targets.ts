import path from 'node:path'
import {UsageError} from '../config/errors.js'
import {folderProblem} from '../workspace/source.js'
import type {Workspace} from '../workspace/workspace.js'

/** Repository-relative paths of the files named on the command line; each must be a readable file inside the repository. */
export function namedFiles(workspace: Workspace, files: readonly string[], cwd = process.cwd()): string[] {
  return files.map((file) => namedFile(workspace, file, cwd))
}

/**
 * A named file is judged by the source the check reads, so it gets the check's
 * words: a link out of the repository, a link loop, a FIFO are each named as
 * such, and nothing behind them is opened.
 */
function namedFile(workspace: Workspace, file: string, cwd: string): string {
  const relative = workspace.relative(path.resolve(cwd, file))
  if (relative === undefined) {
    throw new UsageError(`${file}: outside the repository ${workspace.root}; name a file inside it or pass --root`)
  }
  const {source} = workspace
  if (source.isFile(relative) && source.read(relative) !== undefined) return relative
  const why = source.unusable(relative)
  if (why === folderProblem) throw new UsageError(`${file}: is a folder; name Markdown files, or run without files to check the newest plan`)
  if (why !== undefined) throw new UsageError(`${file}: ${why}; name a readable file inside the repository`)
  if (!source.exists(relative)) throw new UsageError(`${file}: no such file`)
  throw new UsageError(`${file}: cannot be read; name a readable file inside the repository`)
}
