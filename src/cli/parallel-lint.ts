import {statSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import path from 'node:path'
import {Worker} from 'node:worker_threads'
import type {VFile} from 'vfile'
import {materialize} from '../engine/cache/materialize.js'
import type {StoredFile} from '../engine/cache/outcome.js'
import type {SopLintConfig} from '../config/schema.js'
import {lintFiles, type LintOptions} from '../engine/lint.js'
import type {WorkspacePlace} from '../workspace/place.js'
import type {Workspace} from '../workspace/workspace.js'
import type {Concurrency} from './concurrency.js'

/** What a worker checks. */
export interface PartRequest extends LintOptions {
  root: string
  files: string[]
  /** The config the main thread resolved (with the command line's choices): plain data. */
  config: SopLintConfig
  /** A monorepo's workspace: where it stands in the repository. */
  place: WorkspacePlace | undefined
}

/**
 * Below this much Markdown a second thread does not pay: starting one and
 * loading the engine in it costs about what parsing 250 KB does here.
 */
const parallelBytes = 1024 * 1024

/**
 * Checks the files named on the command line, spread over the cores when
 * there are enough of them to pay: the main thread takes one part, a worker
 * thread each other part (parts of about equal size), and the files come
 * back in the order named.
 */
export async function lintMany(
  workspace: Workspace,
  files: readonly string[],
  options: LintOptions,
  concurrency: Concurrency
): Promise<VFile[]> {
  const {cwd, date} = options
  const sizes = files.map((file) => sizeOf(path.join(workspace.root, file)))
  const threads = threadsFor(
    concurrency,
    files.length,
    sizes.reduce((sum, size) => sum + size, 0)
  )
  if (threads < 2) return lintFiles(workspace, files, options)
  const parts = splitBySize(sizes, threads)
  if (process.env.SOP_LINT_DEBUG_THREADS)
    process.stderr.write(
      `sop-lint: ${files.length} files on ${parts.length} threads (${parts.map((part) => part.length).join(' + ')})\n`
    )
  const workers = parts.slice(1).map((part) =>
    startPart({
      root: workspace.root,
      cwd,
      date,
      files: part.map((index) => files[index]!),
      config: workspace.config,
      place: workspace.source.place
    })
  )
  try {
    const own = await lintFiles(
      workspace,
      parts[0]!.map((index) => files[index]!),
      options
    )
    const others = await Promise.all(workers.map((worker) => worker.result))
    const byIndex = new Map<number, VFile>()
    parts[0]!.forEach((index, position) => byIndex.set(index, own[position]!))
    others.forEach((stored, part) => {
      materialize(stored, workspace.root, cwd).forEach((file, position) =>
        byIndex.set(parts[part + 1]![position]!, file)
      )
    })
    return files.map((_, index) => byIndex.get(index)!)
  } finally {
    for (const worker of workers) void worker.worker.terminate()
  }
}

function threadsFor(concurrency: Concurrency, files: number, bytes: number): number {
  if (concurrency === 'off') return 1
  if (concurrency !== 'auto') return Math.min(concurrency, files)
  if (bytes < parallelBytes) return 1
  return Math.min(availableParallelism(), files)
}

/** Indexes of the files in `threads` parts of about equal size, each in the order named (largest first to the lightest part). */
function splitBySize(sizes: readonly number[], threads: number): number[][] {
  const parts = Array.from({length: threads}, () => ({bytes: 0, indexes: [] as number[]}))
  const order = sizes.map((size, index) => ({size, index})).sort((a, b) => b.size - a.size)
  for (const {size, index} of order) {
    const lightest = parts.reduce((best, part) => (part.bytes < best.bytes ? part : best))
    lightest.bytes += size
    lightest.indexes.push(index)
  }
  return parts.filter((part) => part.indexes.length > 0).map((part) => part.indexes.sort((a, b) => a - b))
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size
  } catch {
    return 0
  }
}

function startPart(request: PartRequest): {worker: Worker; result: Promise<StoredFile[]>} {
  // Beside this module: dist/src/cli/ holds check-part.js whether this is the bundle or tsc's output.
  const worker = new Worker(new URL('./check-part.js', import.meta.url), {workerData: request})
  const result = new Promise<StoredFile[]>((resolve, reject) => {
    worker.once('message', (files: StoredFile[]) => resolve(files))
    worker.once('error', reject)
    worker.once('exit', (code) =>
      reject(new Error(`a worker checking ${request.files.length} files stopped (exit code ${code})`))
    )
  })
  return {worker, result}
}
