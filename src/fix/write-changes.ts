import {mkdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import type {FileChange} from './fix-workspace.js'

export interface WriteOutcome {
  written: string[]
  /** Files not written, with the reason (changed by someone else, not writable). */
  skipped: Array<{path: string; reason: string}>
}

/**
 * Writes each changed file once, atomically (a temporary file renamed over
 * the old one: a killed process leaves the old file or the new one, never
 * half), keeping its mode. A file that changed on disk since it was read is
 * left alone: its new text would lose someone else's edit.
 */
export async function writeChanges(root: string, changes: readonly FileChange[]): Promise<WriteOutcome> {
  const outcome: WriteOutcome = {written: [], skipped: []}
  for (const change of changes) {
    const file = path.join(root, change.path)
    const current = readCurrent(file)
    if (current !== change.before) {
      outcome.skipped.push({
        path: change.path,
        reason: change.before === undefined ? 'was created by someone else meanwhile' : 'changed on disk while sop-lint was fixing it; run --fix again'
      })
      continue
    }
    try {
      mkdirSync(path.dirname(file), {recursive: true})
      await writeFileAtomic(file, change.after)
      outcome.written.push(change.path)
    } catch (error) {
      outcome.skipped.push({path: change.path, reason: `cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`})
    }
  }
  return outcome
}

function readCurrent(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}
