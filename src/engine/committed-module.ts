import {readFileSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'

/**
 * Runs `load` on a file holding `text`, for a JavaScript or TypeScript config
 * read from a commit: the file on disk when it holds the same text, else a
 * copy written beside it (so its imports resolve as the original's do) and
 * removed afterwards.
 */
export async function withModuleFile<T>(file: string, text: string, load: (file: string) => Promise<T>): Promise<T> {
  let onDisk: string | undefined
  try {
    onDisk = readFileSync(file, 'utf8')
  } catch {}
  if (onDisk === text) return load(file)
  const extension = path.extname(file)
  const copy = path.join(path.dirname(file), `${path.basename(file, extension)}.sop-lint-${process.pid}-${Date.now()}${extension}`)
  try {
    writeFileSync(copy, text)
  } catch {
    return load(file)
  }
  try {
    return await load(copy)
  } finally {
    rmSync(copy, {force: true})
  }
}
