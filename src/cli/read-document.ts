import {UsageError} from '../config/errors.js'
import {describeUnusable} from '../rule/words.js'
import type {FileSource} from '../workspace/source.js'

/**
 * A document a command reads (the ledger, progress.md), read as the check
 * reads it: nothing through a link out of the repository, nothing that is not
 * a regular file (a FIFO would block). `undefined` when nothing is there; a
 * usage error saying why when something is there that cannot be read.
 */
export function readDocument(source: FileSource, relativePath: string): string | undefined {
  const text = source.read(relativePath)
  if (text !== undefined) return text
  const why = source.unusable(relativePath)
  if (why !== undefined)
    throw new UsageError(`${relativePath} ${describeUnusable(why)}: make it a readable file inside the repository`)
  return undefined
}
