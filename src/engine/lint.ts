import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import path from 'node:path'
import {useSopLint} from '../preset.js'
import type {Workspace} from '../workspace/workspace.js'

/**
 * Lints files of a workspace one at a time, so that no more than one tree is
 * held in memory, and returns their vfiles with the messages. File paths are
 * relative to `cwd`, so reports name them the way the user typed them.
 */
export async function lintFiles(
  workspace: Workspace,
  relativePaths: readonly string[],
  cwd = process.cwd()
): Promise<VFile[]> {
  const processor = unified().use(remarkParse)
  useSopLint(processor, {config: workspace.config, workspaceFor: () => workspace})
  processor.freeze()
  const files: VFile[] = []
  for (const relativePath of relativePaths) {
    const value = workspace.source.read(relativePath) ?? ''
    const absolute = path.join(workspace.root, relativePath)
    const file = new VFile({path: path.relative(cwd, absolute), cwd, value})
    const tree = processor.parse(file)
    await processor.run(tree, file)
    files.push(file)
  }
  return files
}
