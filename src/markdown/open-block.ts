/**
 * Blocks left open to the end of a document, as the parser read it: text
 * appended after such a block is read as part of it (as code, or hidden in a
 * comment), so `--fix` puts nothing there. The tree says which block is last
 * and where it starts; its own text says whether it was closed.
 */
import type {Root, RootContent} from 'mdast'
import type {Point} from 'unist'

/** HTML blocks that run until their end marker (CommonMark kinds 1–5), with that marker (`''`: the closing tag). */
const htmlBlockEnds: Array<[RegExp, string]> = [
  [/^<!--/, '-->'],
  [/^<\?/, '?>'],
  [/^<!\[CDATA\[/, ']]>'],
  [/^<![A-Za-z]/, '>'],
  [/^<(script|pre|style|textarea)(?=[\s>]|$)/i, '']
]

/**
 * The start of the line of the document's last top-level block when that
 * block runs to the end of the text unclosed — a fenced code block with no
 * closing fence, an HTML comment (or another HTML block of kinds 1–5) with no
 * end marker —; `undefined` otherwise. `source` is the text the tree was
 * parsed from (without a byte order mark).
 */
export function openBlockAtEnd(tree: Root, source: string): Point | undefined {
  const last = tree.children.at(-1)
  const start = last?.position?.start
  if (!last || start?.offset === undefined || !leftOpen(last, source)) return undefined
  return {line: start.line, column: 1, offset: start.offset - (start.column - 1)}
}

function leftOpen(last: RootContent, source: string): boolean {
  const text = source.slice(last.position!.start.offset!, last.position!.end.offset!)
  if (last.type === 'html') {
    for (const [opener, end] of htmlBlockEnds) {
      const match = opener.exec(text)
      if (!match) continue
      const marker = end || `</${match[1]!.toLowerCase()}>`
      return !text.slice(match[0].length).toLowerCase().includes(marker.toLowerCase())
    }
    return false
  }
  if (last.type !== 'code') return false
  const fence = /^ {0,3}(`{3,}|~{3,})/.exec(text)?.[1]
  if (!fence) return false
  const lines = text.split(/\r?\n|\r/)
  return !(
    lines.length > 1 &&
    new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`).test(lines.at(-1)!)
  )
}

/**
 * The fence (`---` or `+++`) of frontmatter the document opens on its first
 * line but the parser did not read as frontmatter (no closing fence):
 * micromark then reads every list below as a paragraph, so the rules would
 * misread the file. `undefined` when there is no such line, or it was read.
 */
export function frontmatterLeftOpen(tree: Root, source: string): string | undefined {
  const fence = /^(---|\+\+\+)[ \t]*(\r?\n|\r|$)/.exec(source)?.[1]
  if (fence === undefined) return undefined
  const first: string | undefined = tree.children[0]?.type
  return first === 'yaml' || first === 'toml' ? undefined : fence
}
