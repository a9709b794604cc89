import type {VFile} from 'vfile'
import type {SopLintConfig} from '../config/schema.js'
import {checkWorkspace, type CheckOptions} from '../engine/check-workspace.js'
import {formatDiff} from '../engine/fix/diff.js'
import {fixWorkspace, type FileChange} from '../engine/fix/fix-workspace.js'
import {countPlaceholderWords} from '../plan/template/placeholders.js'
import {acquireFixLock} from '../engine/fix/lock.js'
import type {ScaffoldRequest, Scaffolded} from '../plan/scaffold/scaffold.js'
import {writeChanges} from '../engine/fix/write-changes.js'
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
export async function runFix(
  source: FileSource,
  config: SopLintConfig,
  options: CheckOptions,
  dryRun: boolean,
  scaffold?: ScaffoldRequest
): Promise<{files: VFile[]; scaffolded: (Scaffolded & {placeholders: number}) | undefined}> {
  if (dryRun) {
    const result = await fixWorkspace(source, config, options, scaffold)
    process.stdout.write(formatDiff(result.changes))
    return {files: result.files, scaffolded: undefined}
  }
  const lock = acquireFixLock(source.root)
  try {
    const result = await fixWorkspace(source, config, options, scaffold)
    const outcome = await writeChanges(source.root, result.changes)
    for (const written of outcome.written) {
      const change = result.changes.find((candidate) => candidate.path === written)
      process.stderr.write(`sop-lint: ${change?.before === undefined ? 'created' : 'fixed'} ${written}\n`)
    }
    for (const {path, note} of outcome.notes) process.stderr.write(`sop-lint: ${path}: ${note}\n`)
    for (const skipped of outcome.skipped)
      process.stderr.write(`sop-lint: not written: ${skipped.path} ${skipped.reason}\n`)
    const planWritten = result.scaffolded.plan !== undefined && outcome.written.includes(result.scaffolded.plan)
    const scaffolded = planWritten
      ? {...result.scaffolded, placeholders: placeholdersAdded(result.changes, outcome.written, config)}
      : undefined
    if (outcome.skipped.length === 0) return {files: result.files, scaffolded}
    return {files: await checkWorkspace(new Workspace(source, config), options), scaffolded}
  } finally {
    lock.release()
  }
}

/** Placeholder words the written Markdown documents gained: what a person must now fill. */
function placeholdersAdded(changes: readonly FileChange[], written: readonly string[], config: SopLintConfig): number {
  return changes
    .filter((change) => written.includes(change.path) && /\.(md|markdown)$/i.test(change.path))
    .reduce(
      (sum, change) =>
        sum +
        Math.max(0, countPlaceholderWords(change.after, config) - countPlaceholderWords(change.before ?? '', config)),
      0
    )
}
