import {statSync} from 'node:fs'
import path from 'node:path'
import {UsageError} from '../config/errors.js'
import type {Workspace} from '../workspace/workspace.js'

/** Repository-relative paths of the files named on the command line; each must be a readable file inside the repository. */
export function namedFiles(workspace: Workspace, files: readonly string[], cwd = process.cwd()): string[] {
  return files.map((file) => namedFile(workspace, file, cwd))
}

function namedFile(workspace: Workspace, file: string, cwd: string): string {
  const absolute = path.resolve(cwd, file)
  const relative = workspace.relative(absolute)
  if (relative === undefined) {
    throw new UsageError(`${file}: outside the repository ${workspace.root}; name a file inside it or pass --root`)
  }
  let stats
  try {
    stats = statSync(absolute)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new UsageError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${code})`)
  }
  if (stats.isDirectory()) throw new UsageError(`${file}: is a folder; name Markdown files, or run without files to check the newest plan`)
  if (workspace.source.read(relative) === undefined) throw new UsageError(`${file}: cannot read (permission denied?)`)
  return relative
}
