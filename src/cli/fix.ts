import type {VFile} from 'vfile'
import type {SopLintConfig} from '../config/schema.js'
import {checkWorkspace, type CheckOptions} from '../engine/check-workspace.js'
import {formatDiff} from '../fix/diff.js'
import {fixWorkspace} from '../fix/fix-workspace.js'
import {acquireFixLock} from '../fix/lock.js'
import {writeChanges} from '../fix/write-changes.js'
import type {FileSource} from '../workspace/source.js'
import {Workspace} from '../workspace/workspace.js'

/**
 * `--fix`: applies the fixes, writes them (or with `dryRun` prints their
 * diff and writes nothing), tells on stderr what it did, and returns the
 * check of the fixed workspace for the report. When a file could not be
 * written, the report is a check of the files as they are on disk, so the
 * exit code does not claim fixes that did not land. One fix at a time per
 * repository: a second `--fix` stops while the first holds the lock.
 */
export async function runFix(source: FileSource, config: SopLintConfig, options: CheckOptions, dryRun: boolean): Promise<VFile[]> {
  if (dryRun) {
    const result = await fixWorkspace(source, config, options)
    process.stdout.write(formatDiff(result.changes))
    return result.files
  }
  const lock = acquireFixLock(source.root)
  try {
    const result = await fixWorkspace(source, config, options)
    const outcome = await writeChanges(source.root, result.changes)
    for (const written of outcome.written) {
      const change = result.changes.find((candidate) => candidate.path === written)
      process.stderr.write(`sop-lint: ${change?.before === undefined ? 'created' : 'fixed'} ${written}\n`)
    }
    for (const {path, note} of outcome.notes) process.stderr.write(`sop-lint: ${path}: ${note}\n`)
    for (const skipped of outcome.skipped) process.stderr.write(`sop-lint: not written: ${skipped.path} ${skipped.reason}\n`)
    if (outcome.skipped.length === 0) return result.files
    return await checkWorkspace(new Workspace(source, config), options)
  } finally {
    lock.release()
  }
}
