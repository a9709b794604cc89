/**
 * One part of a check of many named files, run in a worker thread by
 * src/cli/parallel-lint.ts: the main thread's resolved config and the same rules,
 * its files' messages sent back in the stored form (src/cache/outcome.ts).
 */
import {parentPort, workerData} from 'node:worker_threads'
import {storeFiles} from '../engine/cache/outcome.js'
import {lintFiles} from '../engine/lint.js'
import {WorkingTreeSource} from '../workspace/source.js'
import {Workspace} from '../workspace/workspace.js'
import type {PartRequest} from './parallel-lint.js'

const {root, files, cwd, date, config} = workerData as PartRequest
const workspace = new Workspace(new WorkingTreeSource(root), config)
parentPort!.postMessage(storeFiles(await lintFiles(workspace, files, {cwd, date}), root))
