/**
 * One part of a check of many named files, run in a worker thread by
 * src/cli/parallel-lint.ts: the main thread's resolved config and the same rules,
 * its files' messages sent back in the stored form (src/cache/outcome.ts).
 */
import path from 'node:path'
import {parentPort, workerData} from 'node:worker_threads'
import {storeFiles} from '../engine/cache/outcome.js'
import {lintFiles} from '../engine/lint.js'
import {WorkingTreeSource} from '../workspace/source.js'
import {SubfolderSource} from '../workspace/subfolder-source.js'
import {Workspace} from '../workspace/workspace.js'
import type {PartRequest} from './parallel-lint.js'

const {root, files, cwd, date, config, place} = workerData as PartRequest
// A monorepo's workspace sees the repository around it, as in the main thread.
const source = place
  ? new SubfolderSource(new WorkingTreeSource(path.resolve(root, ...place.folder.split('/').map(() => '..'))), place)
  : new WorkingTreeSource(root)
const workspace = new Workspace(source, config)
parentPort!.postMessage(storeFiles(await lintFiles(workspace, files, {cwd, date}), root))
