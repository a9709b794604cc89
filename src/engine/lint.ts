import path from 'node:path'
import type {Root} from 'mdast'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {rules} from '../../rules/index.js'
import {openBlockAtEnd} from '../markdown/open-block.js'
import {useSopLint} from '../preset.js'
import {demoteFix} from '../rule/message.js'
import {runRules, type LintHost} from '../rule/run-rules.js'
import type {Workspace} from '../workspace/workspace.js'
import {readForCheck, textProblems} from './file-problems.js'
import {growingDocumentsInPart} from './growing-documents.js'
import {plainTableRows} from './plain-table-rows.js'

const markdownFile = /\.(md|markdown|mdx)$/i

export interface LintOptions {
  /** Reports name files relative to this folder, the way the user typed them. */
  cwd: string
  /** Today's date (YYYY-MM-DD) on the user's clock. */
  date: string
}

/**
 * Checks files of a workspace one at a time, so that no more than one tree is
 * held in memory, and returns their vfiles with the messages. Markdown goes
 * through the preset's processor, every rule that applies running on its
 * tree; any other file through the rules that read text (the ledger, specs,
 * placement).
 */
export async function lintFiles(
  workspace: Workspace,
  relativePaths: readonly string[],
  options: LintOptions
): Promise<VFile[]> {
  const host: LintHost = {config: workspace.config, workspaceFor: () => workspace, today: () => options.date}
  // Plain rows of long tables (the Task ↔ Spec table's history) are built without the parser; under the preset's
  // parse gate, which judges the whole text (or the part of a growing document) before any of it is read.
  const processor = unified().use(remarkParse).use(plainTableRows)
  useSopLint(processor, host)
  // progress.md, the handoff and the feature log: only the part the checks need is parsed.
  processor.use(growingDocumentsInPart, host)
  processor.freeze()
  const files: VFile[] = []
  for (const relativePath of relativePaths) {
    const absolute = path.join(workspace.root, relativePath)
    const file = new VFile({path: path.relative(options.cwd, absolute), cwd: options.cwd})
    const markdown = markdownFile.test(relativePath)
    // Unreadable, binary, too large: one message and no rules.
    if (!readForCheck(workspace, relativePath, file, markdown)) {
      files.push(file)
      continue
    }
    if (markdown) {
      const tree = processor.parse(file)
      // Past a limit of the parse gate: its one message, and no rules.
      if (file.data.sopLintNotParsed) {
        files.push(file)
        continue
      }
      const {misread} = textProblems(file, relativePath, tree, workspace)
      await processor.run(tree, file)
      keepFixesThatHold(file, tree, misread)
    } else {
      runRules(rules, {file, tree: undefined, path: relativePath, workspace, today: host.today})
    }
    files.push(file)
  }
  return files
}

/**
 * `--fix` applies a fix only where the text it adds is read as meant: in a
 * file the parser misreads (frontmatter left open) nothing is, and text put
 * into a code fence or HTML comment left open at the end would be read as
 * code (and added again on every run). Such fixes become suggestions.
 */
function keepFixesThatHold(file: VFile, tree: Root, misread: boolean): void {
  const open = misread ? undefined : openBlockAtEnd(tree, String(file.value).replace(/^\uFEFF/, ''))
  for (const message of file.messages) {
    if (message.fix && (misread || (open?.offset !== undefined && message.fix.range[0] > open.offset)))
      demoteFix(message)
  }
}

/**
 * Runs the text rules on files judged by their place alone (a folder nested
 * too deep): their vfiles get no text, and nothing is read or parsed.
 */
export function lintPlacement(workspace: Workspace, relativePaths: readonly string[], options: LintOptions): VFile[] {
  return relativePaths.map((relativePath) => {
    const file = new VFile({
      path: path.relative(options.cwd, path.join(workspace.root, relativePath)),
      cwd: options.cwd,
      value: ''
    })
    runRules(rules, {file, tree: undefined, path: relativePath, workspace, today: () => options.date})
    return file
  })
}
