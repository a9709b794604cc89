import {statSync} from 'node:fs'
import path from 'node:path'
import {UsageError} from '../config/errors.js'
import {describeErrno} from '../rule/words.js'

/**
 * The absolute path of a file the user asked sop-lint to write
 * (`--output-file`, `report --out`), checked before any work is done: it must
 * not be a folder, and its folder must exist — sop-lint creates no folder the
 * user did not ask for. Each mistake is one line, naming the option.
 */
export function outputPath(option: string, given: string, cwd = process.cwd()): string {
  const absolute = path.resolve(cwd, given)
  const folder = path.dirname(absolute)
  if (/[\\/]$/.test(given) || kindOf(absolute) === 'folder') {
    throw new UsageError(`${option} ${given}: is a folder; name the file to write in it`)
  }
  const parent = kindOf(folder)
  const shown = path.dirname(given)
  if (parent === 'missing')
    throw new UsageError(
      `${option} ${given}: the folder ${shown} does not exist; create it first, or name a file in a folder that exists`
    )
  if (parent !== 'folder') throw new UsageError(`${option} ${given}: ${shown} is not a folder`)
  return absolute
}

/** A write to a path {@link outputPath} accepted that still failed (no permission, a full disk), as one line. */
export function writeFailed(option: string, given: string, error: unknown): UsageError {
  return new UsageError(`${option} ${given}: cannot write it (${describeErrno(error)})`)
}

function kindOf(absolute: string): 'folder' | 'file' | 'missing' | 'other' {
  try {
    return statSync(absolute).isDirectory() ? 'folder' : 'file'
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'other'
  }
}
