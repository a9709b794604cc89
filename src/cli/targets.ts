import {statSync} from 'node:fs'
import path from 'node:path'
import {UsageError} from '../config/errors.js'
import {defaultTargets} from '../engine/default-targets.js'
import type {Workspace} from '../workspace/workspace.js'

/**
 * Repository-relative paths of the files to check: the files named on the
 * command line, else the default set (the newest plan, or every plan with
 * `--all-plans`, and the files around it).
 */
export function selectTargets(workspace: Workspace, files: readonly string[], allPlans: boolean, cwd = process.cwd()): string[] {
  if (files.length > 0) return files.map((file) => namedFile(workspace, file, cwd))
  return defaultTargets(workspace, allPlans)
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
