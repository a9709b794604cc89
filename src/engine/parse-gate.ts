/**
 * The one gate in front of the Markdown parser (issue 13, items 10 and 11).
 * Text past a limit (src/markdown/parse-limits.ts: `limits.maxParsedBytes`,
 * and the linear pre-scan's nesting, marks and lazy lines) is not parsed:
 * the file gets one message that says what and where
 * (src/rule/file-problems.ts words it), and no rule runs on it.
 *
 * Every parse of a file checked goes through here: the preset wraps the
 * parser of any processor it is added to (sop-lint's engine for the check
 * and the hooks, the language server, remark-cli), and the partial parse of
 * growing documents judges the part it parses. A document read for a
 * cross-file check is parsed only when `parsable` (src/markdown/parse.ts)
 * finds it within the same limits.
 */
import nodePath from 'node:path'
import type {Root} from 'mdast'
import type {Processor} from 'unified'
import type {VFile} from 'vfile'
import {parseRefusal, refusalLine, type ParsedPiece} from '../markdown/parse-limits.js'
import {addFileProblem} from '../rule/file-problems.js'
import type {LintHost} from '../rule/run-rules.js'
import type {Workspace} from '../workspace/workspace.js'

type Parser = (document: string, file: VFile) => Root

/** The gate's parser, and the parser it wraps: for a wrapper that judges only part of the document (the partial parse of growing documents). */
type GatedParser = Parser & {underGate: Parser}

/**
 * Parses pieces of a file with `parse` when the gate lets them through;
 * otherwise reports why at the file, marks it not parsed
 * (`file.data.sopLintNotParsed`: no rule runs on it) and gives an empty tree.
 */
export function parseWithin(
  file: VFile,
  pieces: readonly ParsedPiece[],
  workspace: Workspace,
  parse: () => Root
): Root {
  const {limits} = workspace.config
  const refusal = parseRefusal(pieces, limits)
  if (!refusal) return parse()
  const name =
    (file.path && workspace.relative(nodePath.resolve(file.cwd, file.path))) || file.basename || 'the document'
  addFileProblem(file, name, {id: 'notParsed', refusal, limits}, {line: refusalLine(refusal), column: 1})
  file.data.sopLintNotParsed = true
  return {type: 'root', children: []}
}

/** The parser under the gate, when `parser` is the gate's. */
export function parserUnderGate(parser: Parser): Parser | undefined {
  return 'underGate' in parser ? (parser as GatedParser).underGate : undefined
}

/** A unified plugin (right after the parser): puts the gate in front of it, with the limits of each file's workspace. */
export function gateParser(this: Processor, host: Pick<LintHost, 'workspaceFor'>): undefined {
  const processor = this as unknown as Processor<Root, Root, Root, Root, string>
  const parser = processor.parser as Parser | undefined
  if (!parser || parserUnderGate(parser)) return
  const gated: GatedParser = Object.assign(
    (document: string, file: VFile) =>
      parseWithin(file, [{text: document, line: 1}], host.workspaceFor(file), () => parser(document, file)),
    {underGate: parser}
  )
  processor.parser = gated
}
