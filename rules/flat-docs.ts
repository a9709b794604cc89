/**
 * No file sits more than the configured number of folders below the docs
 * folder (procedure, Notes: "Keep docs flat: prefer updating existing folders;
 * avoid deep nesting"). Only the path is judged: the file is never read.
 */
import type {SopLintConfig} from '../src/config/schema.js'
import {defineRule} from '../src/rule/define-rule.js'

export default defineRule({
  id: 'flat-docs',
  meta: {
    severity: 'warn',
    description: 'no file more than 2 folders below `docs/`',
    messages: {
      tooDeep:
        'This file is {{depth}} below `{{folder}}/`, more than {{limit}}: keep docs flat (procedure, Notes) — move it up into `{{target}}/` (e.g. as `{{flatName}}`) or merge it into a file there'
    }
  },
  reads: 'text',
  appliesTo(filePath, workspace) {
    const placed = docsDepth(filePath, workspace.config)
    return placed !== undefined && placed.depth > workspace.config.crossFile.docsMaxDepth
  },
  check({path: filePath, config, report}) {
    const {folder, depth} = docsDepth(filePath, config)!
    const limit = config.crossFile.docsMaxDepth
    const segments = filePath.split('/')
    const kept = folder.split('/').length + limit
    report('tooDeep', {line: 1, column: 1}, {
      data: {
        depth: `${depth} folder${depth === 1 ? '' : 's'}`,
        folder,
        limit,
        target: segments.slice(0, kept).join('/'),
        flatName: segments.slice(kept).join('_')
      }
    })
  }
})

/** The docs folder without trailing slashes, and how many folders lie between it and `filePath` (`undefined` when outside it). */
function docsDepth(filePath: string, config: SopLintConfig): {folder: string; depth: number} | undefined {
  const folder = config.crossFile.docsFolder.replace(/\/+$/, '').replace(/^\.\//, '')
  if (!filePath.startsWith(`${folder}/`)) return undefined
  const below = filePath.slice(folder.length + 1).split('/')
  return {folder, depth: below.length - 1}
}
