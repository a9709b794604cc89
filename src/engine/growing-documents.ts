/**
 * Documents that only grow — progress.md, the handoff notes, the feature log —
 * are parsed only in the part the checks need (DESIGN §5: a year of sessions
 * is a 2,700-line progress.md, and a whole parse would cost the pre-push hook
 * and every keystroke in the editor more than everything else together). The
 * part is that of src/markdown/growing-part.ts, with the newest plan's name
 * and the previous plan's date as what it must hold. `file.value` keeps the
 * whole text, so messages, `place` and `expected` are exactly what a whole
 * parse gives.
 *
 * A document that is also one of the references is parsed whole: the citation
 * rule checks every citation in those.
 *
 * Only for processors whose trees are never written back (sop-lint's own
 * engine, its language server, which does not format): a partial tree
 * serialised would drop the history. The wrapped compiler refuses to.
 */
import nodePath from 'node:path'
import type {Root} from 'mdast'
import type {Processor} from 'unified'
import type {VFile} from 'vfile'
import {neededPart, parseSegments, type PartNeeds} from '../markdown/growing-part.js'
import {piecesOf} from '../markdown/parse-limits.js'
import type {LintHost} from '../rule/run-rules.js'
import {isReference} from '../workspace/references.js'
import type {Workspace} from '../workspace/workspace.js'
import {parserUnderGate, parseWithin} from './parse-gate.js'

declare module 'vfile' {
  interface DataMap {
    /** The file's tree holds only part of its document (see {@link parseSegments}). */
    sopLintPartial: boolean
  }
}

/** What the checks of a growing document need from it, or `undefined` when the file is not one. */
export function needsOf(workspace: Workspace, file: VFile): PartNeeds | undefined {
  if (!file.path) return undefined
  const relative = workspace.relative(nodePath.resolve(file.cwd, file.path))
  const {paths} = workspace.config
  if (relative !== paths.progress && relative !== paths.handoff && relative !== paths.featureLog) return undefined
  // A document configured as a reference has every citation in it checked: all of it is needed.
  if (isReference(relative, paths.references)) return undefined
  const newest = workspace.newestPlan()
  if (!newest) return undefined
  return {names: [newest.name], since: workspace.previousPlan(newest)?.date}
}

/**
 * A unified plugin (after the parser and the preset): parses growing
 * documents in part, as above, with the workspaces given or else those of the
 * preset attached before it. The compiler, if any, refuses partial trees.
 */
export function growingDocumentsInPart(this: Processor, given?: Pick<LintHost, 'workspaceFor'>): undefined {
  const processor = this as unknown as Processor<Root, Root, Root, Root, string>
  const context = given ?? processor.data('sopLintHost')
  const parser = processor.parser
  if (!parser || !context) return
  // The gate the preset put in front of the parser judges the part parsed, not the whole document.
  const ungated = parserUnderGate(parser as (document: string, file: VFile) => Root)
  processor.parser = (document: string, file: VFile) => {
    const workspace = context.workspaceFor(file)
    const needs = needsOf(workspace, file)
    const segments = needs ? neededPart(document, needs) : undefined
    if (segments) file.data.sopLintPartial = true
    const parse = ungated ?? (parser as (document: string, file: VFile) => Root)
    const parsed = () =>
      segments ? parseSegments((part) => parse(part, file), document, segments) : parse(document, file)
    return ungated ? parseWithin(file, piecesOf(document, segments), workspace, parsed) : parsed()
  }
  const compiler = processor.compiler
  if (compiler) {
    processor.compiler = (tree, file) => {
      if (file.data.sopLintPartial)
        throw new Error(`${file.path}: parsed in part (a growing document), so it cannot be written back`)
      return compiler(tree, file)
    }
  }
}
