/**
 * The one gate in front of the Markdown parser (issue 13, items 10 and 11).
 * micromark takes time, stack or memory out of proportion to some inputs:
 * containers nested thousands deep overflow its stack, thousands of marks of
 * emphasis in one paragraph or lazy lines of one block quote take time that
 * grows with their square, and a dense list holds about 4 KB of memory per
 * byte. Text past `limits.maxParsedBytes` or a limit of the linear pre-scan
 * (markdown/shape.ts) is not parsed: the file gets one message that says what
 * and where, and no rule runs on it.
 *
 * Every parse goes through here: the preset wraps the parser of any processor
 * it is added to (sop-lint's engine for the check and the hooks, the language
 * server, remark-cli), the partial parse of growing documents judges the part
 * it parses, and a document read for a cross-file check is parsed only when
 * {@link parseRefusal} finds nothing.
 */
import nodePath from 'node:path'
import type {Root} from 'mdast'
import type {Processor} from 'unified'
import type {VFile} from 'vfile'
import type {SopLintConfig} from '../config/schema.js'
import {firstExcess, type ShapeExcess} from '../markdown/shape.js'
import type {RuleContext} from '../rule.js'
import type {Workspace} from '../workspace/workspace.js'
import {addFileProblem, formatBytes} from './file-problems.js'
import type {Segment} from './growing-documents.js'

type Limits = SopLintConfig['limits']

/** A run of a document that is parsed, and the line of the document it starts on. */
export interface ParsedPiece {
  text: string
  line: number
}

/** Why text is not parsed: past the byte limit (for the part parsed, which may start after line 1), or past a limit of the pre-scan at a line. */
export type Refusal = {limit: 'maxParsedBytes'; bytes: number; fromLine: number} | (ShapeExcess & {line: number})

/** What stops pieces of a document from being parsed, first found first; nothing when they may be. */
export function parseRefusal(pieces: readonly ParsedPiece[], limits: Limits): Refusal | undefined {
  const bytes = pieces.reduce((sum, piece) => sum + Buffer.byteLength(piece.text), 0)
  if (bytes > limits.maxParsedBytes) return {limit: 'maxParsedBytes', bytes, fromLine: pieces[0]?.line ?? 1}
  for (const piece of pieces) {
    const excess = firstExcess(piece.text, limits)
    if (excess) return {...excess, line: piece.line + excess.line - 1}
  }
  return undefined
}

/** The pieces of a document parsed: the segments of a partial parse, or all of it. */
export function piecesOf(text: string, segments: readonly Segment[] | undefined): ParsedPiece[] {
  return segments ? segments.map((segment) => ({text: text.slice(segment.start, segment.end), line: segment.line})) : [{text, line: 1}]
}

/**
 * Whether another file's text may be parsed for a cross-file check (all of
 * it, or the segments given): readable, not binary, within the size limits
 * and the pre-scan's. Its own check says why not.
 */
export function parsable(text: string | undefined, workspace: Workspace, segments?: readonly Segment[]): text is string {
  const {limits} = workspace.config
  if (text === undefined || text.includes('\0') || Buffer.byteLength(text) > limits.maxMarkdownBytes) return false
  return parseRefusal(piecesOf(text, segments), limits) === undefined
}

/** What the file holds past which limit, where, and how to make it parsable: one sentence. */
export function refusalReason(relativePath: string, refusal: Refusal, limits: Limits): string {
  const most = limits[refusal.limit]
  if (refusal.limit === 'maxParsedBytes') {
    const what = refusal.fromLine === 1 ? `\`${relativePath}\` is` : `The part of \`${relativePath}\` the checks need (from line ${refusal.fromLine}) is`
    return `${what} ${formatBytes(refusal.bytes)}, more than the ${formatBytes(most)} sop-lint parses at once (limits.maxParsedBytes): not checked; split it, or raise the limit in the config`
  }
  const past = `(line ${refusal.line}), more than sop-lint parses (limits.${refusal.limit}): not checked;`
  switch (refusal.limit) {
    case 'maxNesting':
      return `\`${relativePath}\` nests block quotes, list items and footnote definitions more than ${most} deep ${past} nest them less deeply, or raise the limit in the config`
    case 'maxParagraphMarks':
      return `\`${relativePath}\` has more than ${most} marks of emphasis and links (\`*\` \`_\` \`~\` \`[\` \`]\`) in one paragraph ${past} split the paragraph, escape the marks that are text (\`\\*\`), or raise the limit in the config`
    case 'maxLazyLines':
      return `\`${relativePath}\` has a paragraph with more than ${most} lines that leave out the \`>\` or indent of the block quote or list item it is in ${past} start those lines with \`>\` or indent them, or raise the limit in the config`
  }
}

/** Files the gate kept from the parser: no rule runs on them. */
const refused = new WeakSet<VFile>()

export function notParsed(file: VFile): boolean {
  return refused.has(file)
}

/**
 * Parses pieces of a file with `parse` when the gate lets them through;
 * otherwise reports why at the file and gives an empty tree.
 */
export function parseWithin(file: VFile, pieces: readonly ParsedPiece[], workspace: Workspace, parse: () => Root): Root {
  const {limits} = workspace.config
  const refusal = parseRefusal(pieces, limits)
  if (!refusal) return parse()
  const name = (file.path && workspace.relative(nodePath.resolve(file.cwd, file.path))) || file.basename || 'the document'
  addFileProblem(file, refusalReason(name, refusal, limits), {line: 'fromLine' in refusal ? refusal.fromLine : refusal.line, column: 1})
  refused.add(file)
  return {type: 'root', children: []}
}

type Parser = (document: string, file: VFile) => Root

/** The parser a gated one wraps, for a wrapper that judges only part of the document (the partial parse of growing documents). */
const ungated = new WeakMap<Parser, Parser>()

/** The parser under the gate, when `parser` is the gate's. */
export function parserUnderGate(parser: Parser): Parser | undefined {
  return ungated.get(parser)
}

/** A unified plugin (right after the parser): puts the gate in front of it, with the limits of each file's workspace. */
export function gateParser(this: Processor, context: Pick<RuleContext, 'workspaceFor'>): undefined {
  const processor = this as unknown as Processor<Root, Root, Root, Root, string>
  const parser = processor.parser as Parser | undefined
  if (!parser || ungated.has(parser)) return
  const gated: Parser = (document, file) => parseWithin(file, [{text: document, line: 1}], context.workspaceFor(file), () => parser(document, file))
  ungated.set(gated, parser)
  processor.parser = gated
}
