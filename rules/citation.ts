/**
 * Every `path:line` or `path:start-end` citation in the SOP documents points
 * inside an existing file of the repository (procedure, Notes: "cite line
 * references using `path:line`"): the file exists, the lines count from 1,
 * the range runs forwards and ends within the file. Only files inside the
 * repository are read, to count their lines.
 */
import path from 'node:path'
import {findPathRefs, type PathRef} from '../src/markdown/path-refs.js'
import {defineRule} from '../src/rule.js'
import {classifyInWorkspace, findInRepository, shownPath} from '../src/workspace/across-workspaces.js'
import {notPortableReason} from '../src/workspace/repo-path.js'
import type {Workspace} from '../src/workspace/workspace.js'

export default defineRule('citation', ({tree, config, workspace, path: documentPath, report}) => {
  if (!isReference(documentPath, config.paths.references)) return
  const folder = path.posix.dirname(documentPath)
  for (const ref of findPathRefs(tree)) {
    if (!ref.lines) continue
    const problem = judgeCitation(ref, ref.lines, workspace, ref.kind === 'link' ? folder : '')
    if (problem) report(problem.reason, ref.position, {warning: problem.warning})
  }
})

/** Whether a document is one of the references: a listed file, or a Markdown file in a listed folder. */
export function isReference(documentPath: string, references: readonly string[]): boolean {
  return references.some((reference) => {
    const entry = reference.replace(/\/+$/, '').replace(/^\.\//, '')
    return documentPath === entry || documentPath.startsWith(`${entry}/`)
  })
}

function judgeCitation(ref: PathRef, lines: {start: number; end: number}, workspace: Workspace, fromFolder: string) {
  const {start, end} = lines
  const cited = start === end ? `${ref.path}:${start}` : `${ref.path}:${start}-${end}`
  const classified = classifyInWorkspace(workspace, ref.path, fromFolder)
  const notPortable = notPortableReason(classified)
  if (notPortable) return {reason: `Citation \`${cited}\` ${notPortable}`, warning: true}
  if (ref.pattern) return {reason: `Citation \`${cited}\` cites a pattern, not a file: name the one file the lines are in`, warning: true}
  const file = findInRepository(workspace, classified.path) ?? classified.path
  if (!workspace.source.isFile(file)) {
    const what = workspace.source.unusable?.(file) ?? (workspace.exists(file) ? 'is a folder, not a file' : 'does not exist')
    return {reason: `Citation \`${cited}\`: \`${shownPath(workspace, file)}\` ${what}: cite a file of the repository, or remove the citation`, warning: false}
  }
  if (start < 1) return {reason: `Citation \`${cited}\` cites line 0: lines count from 1`, warning: false}
  if (start > end) return {reason: `Citation \`${cited}\` runs backwards: write the range as \`${ref.path}:${end}-${start}\``, warning: false}
  const count = lineCount(workspace, file)
  if (end > count) {
    const cites = start === end ? `line ${end}` : `lines ${start}-${end}`
    return {
      reason: `Citation \`${cited}\` cites ${cites}, but \`${shownPath(workspace, file)}\` has ${count} ${count === 1 ? 'line' : 'lines'}: point it at the lines meant (the file may have changed since)`,
      warning: false
    }
  }
  return undefined
}

const lineCounts = new WeakMap<Workspace, Map<string, number>>()

/** Lines of a repository file, counted once per workspace; a final newline ends the last line rather than starting another. */
function lineCount(workspace: Workspace, file: string): number {
  let counts = lineCounts.get(workspace)
  if (!counts) {
    counts = new Map()
    lineCounts.set(workspace, counts)
  }
  let count = counts.get(file)
  if (count === undefined) {
    const text = workspace.source.read(file) ?? ''
    count = text === '' ? 0 : text.split(/\r\n|\r|\n/).length - (/(\r\n|\r|\n)$/.test(text) ? 1 : 0)
    counts.set(file, count)
  }
  return count
}
