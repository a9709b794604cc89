import type {VFile} from 'vfile'
import type {SopLintConfig} from '../config/schema.js'
import type {CheckOptions} from '../engine/check-workspace.js'
import {formatDiff} from '../fix/diff.js'
import {fixWorkspace} from '../fix/fix-workspace.js'
import {writeChanges} from '../fix/write-changes.js'
import type {FileSource} from '../workspace/source.js'

/**
 * `--fix`: applies the fixes, writes them (or with `dryRun` prints their
 * diff and writes nothing), tells on stderr what it did, and returns the
 * check of the fixed workspace for the report.
 */
export async function runFix(source: FileSource, config: SopLintConfig, options: CheckOptions, dryRun: boolean): Promise<VFile[]> {
  const result = await fixWorkspace(source, config, options)
  if (dryRun) {
    process.stdout.write(formatDiff(result.changes))
    return result.files
  }
  const outcome = await writeChanges(source.root, result.changes)
  for (const written of outcome.written) {
    const change = result.changes.find((candidate) => candidate.path === written)
    process.stderr.write(`sop-lint: ${change?.before === undefined ? 'created' : 'fixed'} ${written}\n`)
  }
  for (const skipped of outcome.skipped) process.stderr.write(`sop-lint: not written: ${skipped.path} ${skipped.reason}\n`)
  return result.files
}
