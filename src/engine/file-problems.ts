/**
 * What stops a file from being checked as text, found before any rule sees
 * it: a file that cannot be read, a binary file or one too large to parse
 * named as Markdown, bytes that are not UTF-8, and files the procedure
 * expects that are folders or links sop-lint does not follow. Each is one
 * error at the file with no rule id (src/rule/file-problems.ts words them).
 */
import path from 'node:path'
import type {Root} from 'mdast'
import {VFile} from 'vfile'
import {frontmatterLeftOpen} from '../markdown/open-block.js'
import {addFileProblem, roleNames} from '../rule/file-problems.js'
import type {Workspace} from '../workspace/workspace.js'

/**
 * Reads a Markdown file to check into `file.value` (other files are only
 * asked whether they can be read) and reports what stops it from being
 * checked. Returns whether the rules may run on it: not when it could
 * not be read, is binary, or is Markdown above `limits.maxMarkdownBytes`.
 * A Markdown file that does not exist (the plan a check looks for when there
 * is none) is read as empty.
 */
export function readForCheck(workspace: Workspace, relativePath: string, file: VFile, markdown: boolean): boolean {
  // Other files are read by their rules when needed (a file too deep is reported unread): only ask whether they can be.
  const text = markdown ? workspace.source.read(relativePath) : undefined
  if (text === undefined) {
    const why = workspace.source.unusable(relativePath)
    if (why !== undefined) {
      addFileProblem(file, relativePath, {id: 'unusable', why})
      return false
    }
    if (markdown && workspace.source.exists(relativePath)) {
      addFileProblem(file, relativePath, {id: 'unreadable'})
      return false
    }
    if (markdown) file.value = ''
    return true
  }
  file.value = text
  const limit = workspace.config.limits.maxMarkdownBytes
  const bytes = Buffer.byteLength(text)
  if (bytes > limit) {
    addFileProblem(file, relativePath, {id: 'tooLarge', bytes, limit})
    return false
  }
  if (text.includes('\0')) {
    addFileProblem(file, relativePath, {id: 'binary'})
    return false
  }
  return true
}

/**
 * What the parser's reading of a Markdown file shows is wrong with its text:
 * frontmatter left open (the rules would misread the file, so `--fix` applies
 * nothing to it) and bytes that are not UTF-8. Returns whether the file is
 * misread.
 */
export function textProblems(file: VFile, relativePath: string, tree: Root, workspace: Workspace): {misread: boolean} {
  const body = String(file.value).replace(/^\uFEFF/, '')
  // A tree of part of a growing document: its frontmatter, if any, was found closed before it was parsed.
  const fence = file.data.sopLintPartial ? undefined : frontmatterLeftOpen(tree, body)
  if (fence !== undefined) addFileProblem(file, relativePath, {id: 'frontmatterOpen', fence})
  const text = String(file.value)
  const replaced = text.indexOf('\uFFFD')
  // A “\uFFFD” that a valid UTF-8 file holds is a character like any other.
  if (replaced !== -1 && workspace.source.isUtf8?.(relativePath) !== true)
    addFileProblem(file, relativePath, {id: 'notUtf8'}, pointAt(text, replaced))
  return {misread: fence !== undefined}
}

/** Files the procedure gives a role (and entries of the plans folder) that stand there but are not readable files. */
export function unusableRoleFiles(workspace: Workspace, cwd: string): VFile[] {
  const {paths, plan} = workspace.config
  const roles: Array<[string, keyof typeof roleNames]> = [
    [paths.progress, 'progress'],
    [paths.handoff, 'handoff'],
    [paths.taskSpecTable, 'taskSpecTable'],
    [paths.featureLog, 'featureLog'],
    [paths.glossary, 'glossary'],
    [paths.ledger, 'ledger']
  ]
  const plans = workspace.source
    .list(paths.plans)
    .filter((name) => name.endsWith(plan.suffix))
    .sort()
    .map((name): [string, 'plan'] => [`${paths.plans}/${name}`, 'plan'])
  const files: VFile[] = []
  for (const [relativePath, role] of [...roles, ...plans]) {
    if (workspace.source.isFile(relativePath)) continue
    const why = workspace.source.unusable(relativePath) ?? (workspace.exists(relativePath) ? 'folder' : undefined)
    if (why === undefined) continue
    const file = new VFile({path: path.relative(cwd, path.join(workspace.root, relativePath)), cwd})
    addFileProblem(file, relativePath, {id: 'roleUnusable', role, why})
    files.push(file)
  }
  return files
}

function pointAt(text: string, offset: number): {line: number; column: number} {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  return {line, column: offset - before.lastIndexOf('\n')}
}
