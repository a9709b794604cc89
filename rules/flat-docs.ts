/**
 * No file sits more than the configured number of folders below the docs
 * folder (procedure, Notes: "Keep docs flat: prefer updating existing folders;
 * avoid deep nesting"). Only the path is judged: the file is never read.
 */
import {defineFileRule} from '../src/file-rule.js'
import type {Workspace} from '../src/workspace/workspace.js'

/** The docs folder without trailing slashes, and how many folders lie between it and `filePath` (`undefined` when outside it). */
export function docsDepth(filePath: string, workspace: Workspace): {folder: string; depth: number} | undefined {
  const folder = workspace.config.crossFile.docsFolder.replace(/\/+$/, '').replace(/^\.\//, '')
  if (!filePath.startsWith(`${folder}/`)) return undefined
  const below = filePath.slice(folder.length + 1).split('/')
  return {folder, depth: below.length - 1}
}

export default defineFileRule(
  'flat-docs',
  (filePath, workspace) => {
    const placed = docsDepth(filePath, workspace)
    return placed !== undefined && placed.depth > workspace.config.crossFile.docsMaxDepth
  },
  ({path: filePath, workspace, report}) => {
    const {folder, depth} = docsDepth(filePath, workspace)!
    const limit = workspace.config.crossFile.docsMaxDepth
    const segments = filePath.split('/')
    const kept = folder.split('/').length + limit
    const target = segments.slice(0, kept).join('/')
    const flatName = segments.slice(kept).join('_')
    report(
      `This file is ${depth} folder${depth === 1 ? '' : 's'} below \`${folder}/\`, more than ${limit}: keep docs flat (procedure, Notes) — move it up into \`${target}/\` (e.g. as \`${flatName}\`) or merge it into a file there`,
      {line: 1, column: 1}
    )
  }
)
