/**
 * Options this build has validated, kept by the options themselves: the
 * pre-push hook of a monorepo reads its root config's workspaces on every
 * push, and their part of the schema would load the validator (zod, about
 * 300 KB of code) each time, a third of what a cached push costs. The check
 * that ran before the push validated the same options; the hook takes its
 * answer. Another build, or other options, validate again.
 */
import {createHash} from 'node:crypto'
import {mkdirSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs'
import path from 'node:path'
import {buildId} from './build-id.js'

const formatVersion = 1
/** Options not read for this long are dropped: a config changes, and its old answers are of no use. */
const maxAgeMs = 30 * 24 * 60 * 60 * 1000

/**
 * What `validate` gives for `options` (read as `kind`), from `folder` when
 * this build validated the same options before; a validation that throws is
 * not kept, and a folder that cannot be written only costs the next run the
 * validation again.
 */
export async function validatedOnce<T>(
  folder: string,
  kind: string,
  options: unknown,
  validate: () => Promise<T>
): Promise<T> {
  if (buildId === undefined) return validate()
  const digest = createHash('sha1')
    .update(JSON.stringify([formatVersion, buildId, kind, options]))
    .digest('hex')
  const file = path.join(folder, `${digest}.json`)
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as {value: T}).value
  } catch {
    // Not validated before (or a file that is not ours to read): validate.
  }
  const value = await validate()
  const {default: writeFileAtomic} = await import('write-file-atomic')
  try {
    mkdirSync(folder, {recursive: true})
    writeFileAtomic.sync(file, JSON.stringify({value}))
    removeOld(folder)
  } catch {
    // A cache that cannot be written: the next run validates again.
  }
  return value
}

function removeOld(folder: string): void {
  const now = Date.now()
  for (const name of readdirSync(folder)) {
    const file = path.join(folder, name)
    try {
      if (now - statSync(file).atimeMs > maxAgeMs && now - statSync(file).mtimeMs > maxAgeMs)
        rmSync(file, {force: true})
    } catch {
      // Removed by another run meanwhile.
    }
  }
}
