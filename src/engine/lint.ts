import path from 'node:path'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {fileRules} from '../../rules/file-rules.js'
import {runFileRules} from '../file-rule.js'
import {useSopLint} from '../preset.js'
import type {Workspace} from '../workspace/workspace.js'
import {readForCheck} from './file-problems.js'
import {growingDocumentsInPart} from './growing-documents.js'

const markdownFile = /\.(md|markdown|mdx)$/i

/**
 * Checks files of a workspace one at a time, so that no more than one tree is
 * held in memory, and returns their vfiles with the messages. Markdown goes
 * through the remark rules; every file goes through the file rules that apply
 * to it (the ledger, specs, placement). File paths are relative to `cwd`, so
 * reports name them the way the user typed them.
 */
export async function lintFiles(
  workspace: Workspace,
  relativePaths: readonly string[],
  cwd = process.cwd()
): Promise<VFile[]> {
  const processor = unified().use(remarkParse)
  useSopLint(processor, {config: workspace.config, workspaceFor: () => workspace})
  // progress.md, the handoff and the feature log: only the part the checks need is parsed.
  processor.use(growingDocumentsInPart, {workspaceFor: () => workspace})
  processor.freeze()
  const files: VFile[] = []
  for (const relativePath of relativePaths) {
    const absolute = path.join(workspace.root, relativePath)
    const file = new VFile({path: path.relative(cwd, absolute), cwd})
    const text = () => {
      if (file.value === undefined) file.value = workspace.source.read(relativePath) ?? ''
      return String(file.value)
    }
    const markdown = markdownFile.test(relativePath)
    // Unreadable, binary, too large: one message and no rules.
    if (!readForCheck(workspace, relativePath, file, markdown)) {
      files.push(file)
      continue
    }
    if (markdown) {
      text()
      await processor.run(processor.parse(file), file)
    }
    runFileRules(fileRules, file, relativePath, workspace, text)
    files.push(file)
  }
  return files
}

/**
 * Runs the file rules on files judged by their place alone (a folder nested
 * too deep): their vfiles get no text, and nothing is read or parsed.
 */
export function lintPlacement(workspace: Workspace, relativePaths: readonly string[], cwd = process.cwd()): VFile[] {
  return relativePaths.map((relativePath) => {
    const file = new VFile({path: path.relative(cwd, path.join(workspace.root, relativePath)), cwd})
    runFileRules(fileRules, file, relativePath, workspace, () => '')
    return file
  })
}
