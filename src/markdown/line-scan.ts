/**
 * The line scanner of Markdown that sop-lint keeps beside the parser, for
 * the question the parser cannot answer: which part of a growing document to
 * parse (src/engine/growing-documents.ts) must be decided before parsing it.
 * It knows two block kinds that change how every later line reads — YAML or
 * TOML frontmatter and fenced code — as CommonMark and remark-frontmatter
 * open and close them at the top level. Everywhere else sop-lint asks the
 * parser's tree (src/markdown/open-block.ts). The other question asked
 * before parsing, whether the parser can take a text at all, is the pre-scan
 * of ./shape.ts: it follows block quotes, list items and paragraphs, which
 * this scanner has no need to.
 */

/** A line of a text without its line break, and the offset where it starts. */
export interface Line {
  text: string
  start: number
}

const fenceOpen = /^ {0,3}(`{3,}|~{3,})/

/** The lines of a text (`\n` or `\r\n` end one); a text ending in a line break ends with an empty line. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = []
  let start = 0
  while (start <= text.length) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    const raw = text.slice(start, end)
    lines.push({text: raw.endsWith('\r') ? raw.slice(0, -1) : raw, start})
    start = end + 1
  }
  return lines
}

/**
 * The index of the first line after the frontmatter: 0 when the text opens
 * none (its first line is not `---` or `+++`), `undefined` when it opens one
 * that no line closes (the parser then reads no frontmatter at all).
 */
export function frontmatterEnd(lines: readonly Line[]): number | undefined {
  const fence = lines[0]?.text
  if (fence !== '---' && fence !== '+++') return 0
  for (let index = 1; index < lines.length; index++) if (lines[index]!.text === fence) return index + 1
  return undefined
}

/**
 * Which lines, from `first` on, belong to fenced code — its opening and
 * closing fences included (1 in the array): a fence is closed by one of the
 * same character at least as long, alone on its line; one never closed runs
 * to the end.
 */
export function fencedLines(lines: readonly Line[], first: number): Uint8Array {
  const fenced = new Uint8Array(lines.length)
  let fence: string | undefined
  for (let index = first; index < lines.length; index++) {
    const line = lines[index]!.text
    if (fence) {
      fenced[index] = 1
      const close = fenceOpen.exec(line)
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length && line.trim() === close[1])
        fence = undefined
      continue
    }
    const open = fenceOpen.exec(line)
    if (open) {
      fence = open[1]
      fenced[index] = 1
    }
  }
  return fenced
}
