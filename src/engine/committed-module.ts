import {createHash} from 'node:crypto'
import {lstatSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describeErrno} from '../rule/words.js'
import {UsageError} from '../config/errors.js'

/**
 * Runs `load` on a file holding `text`, for a JavaScript or TypeScript config
 * read from a commit: the file on disk when it is a regular file holding the
 * same text, else a copy written beside it (so its imports resolve as the
 * original's do) and removed afterwards. When the copy cannot be written the
 * check stops with a {@link UsageError}: the commit is never judged with
 * another config, such as the one on disk.
 */
export async function withModuleFile<T>(file: string, text: string, load: (file: string) => Promise<T>): Promise<T> {
  if (regularFileText(file) === text) return load(file)
  const extension = path.extname(file)
  // Named by the text: a module is imported once per name, so two configs of one run never share a name.
  const digest = createHash('sha1').update(text).digest('hex').slice(0, 12)
  const copy = path.join(
    path.dirname(file),
    `${path.basename(file, extension)}.sop-lint-${process.pid}-${digest}${extension}`
  )
  try {
    // Exclusive: never over a file that is there already.
    writeFileSync(copy, text, {flag: 'wx'})
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') rmSync(copy, {force: true})
    const name = path.basename(file)
    throw new UsageError(
      `cannot load the committed ${name}: it differs from the file on disk, and sop-lint imports it from a copy beside it, ${path.basename(copy)}, which cannot be written (${describeErrno(error)}); nothing was checked with another config — make the folder writable, or run sop-lint in a checkout of the commit`
    )
  }
  try {
    return await load(copy)
  } finally {
    rmSync(copy, {force: true})
  }
}

/** The text of a regular file (not a link, a FIFO or a folder), `undefined` for anything else. */
function regularFileText(file: string): string | undefined {
  try {
    return lstatSync(file).isFile() ? readFileSync(file, 'utf8') : undefined
  } catch {
    return undefined
  }
}
