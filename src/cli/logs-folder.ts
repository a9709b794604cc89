import {statSync} from 'node:fs'
import {UsageError} from '../config/errors.js'

/**
 * An agent's log folder (`--from-codex [DIR]`, `--from-claude [DIR]`), which
 * must exist before its sessions are looked for: a missing folder is named as
 * such, not reported as a folder without sessions. `given` is the DIR written
 * (`undefined` for the default folder, `folder`).
 */
export function logsFolder(option: string, given: string | undefined, folder: string, what: string): string {
  let isFolder: boolean
  try {
    isFolder = statSync(folder).isDirectory()
  } catch {
    throw new UsageError(
      given === undefined
        ? `${folder} does not exist, so there are no ${what} logs to read; pass ${option} DIR to name the folder they are in`
        : `${option} ${given}: no such folder; name the folder of ${what}'s logs`
    )
  }
  if (!isFolder) throw new UsageError(`${option} ${given ?? folder}: not a folder; name the folder of ${what}'s logs`)
  return folder
}
