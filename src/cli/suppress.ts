import path from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import type {VFile} from 'vfile'
import {UsageError} from '../config/errors.js'
import type {SopLintConfig} from '../config/schema.js'
import {
  applySuppressions,
  formatSuppressions,
  readSuppressions,
  recordSuppressions,
  suppressionsFile,
  type Applied
} from '../engine/suppressions/suppressions.js'
import type {FileSource} from '../workspace/source.js'

/** What a check run does with the baseline: `--suppress-all`, `--suppress-rule ID…`, `--prune-suppressions`. */
export interface SuppressionOptions {
  all: boolean
  rules: string[]
  prune: boolean
}

/**
 * Records the baseline when asked (every current error, or those of the rules
 * named; pruning what no longer occurs), writes it, then takes the suppressed
 * errors out of `files`. Returns what was suppressed, and what the file holds
 * that no problem matches any more.
 */
export async function suppressProblems(
  files: VFile[],
  source: FileSource,
  severities: SopLintConfig['rules'],
  options: SuppressionOptions
): Promise<Applied & {written: boolean}> {
  for (const rule of options.rules) {
    if (!Object.hasOwn(severities, rule))
      throw new UsageError(`--suppress-rule ${rule}: no such rule (see sop-lint --help for the README's list)`)
  }
  const checked = files.map((file) => ({path: relativePath(file, source.root), messages: file.messages}))
  const previous = readSuppressions(source)
  const record = options.all || options.rules.length > 0
  let written = false
  let suppressions = previous
  if (record || options.prune) {
    suppressions = recordSuppressions(previous, checked, source, {
      rules: options.all ? undefined : new Set(options.rules),
      record,
      prune: options.prune
    })
    await writeFileAtomic(path.join(source.root, suppressionsFile), formatSuppressions(suppressions))
    written = true
  }
  if (!suppressions) return {suppressed: 0, unused: 0, written}
  const applied = applySuppressions(checked, suppressions, source)
  files.forEach((file, index) => {
    file.messages = checked[index]!.messages
  })
  return {...applied, written}
}

function relativePath(file: VFile, root: string): string {
  return path.relative(root, path.resolve(file.cwd, file.path)).split(path.sep).join('/')
}
