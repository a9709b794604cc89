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
import {notParsed} from './parse-gate.js'

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
    // Unreadable, binary, too large to read: one message and no rules.
    if (!readForCheck(workspace, relativePath, file, markdown)) {
      files.push(file)
      continue
    }
    if (markdown) {
      text()
      const tree = processor.parse(file)
      // Past a limit of the parse gate: its one message, and no rules.
      if (notParsed(file)) {
        files.push(file)
        continue
      }
      await processor.run(tree, file)
    }
    runFileRules(fileRules, file, relativePath, workspace, text)
    files.push(file)
  }
  return files
}
