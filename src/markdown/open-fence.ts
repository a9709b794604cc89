import type {Code, Root} from 'mdast'
import {visit} from 'unist-util-visit'

/** A heading line swallowed by a code block that is never closed. */
export interface HiddenHeading {
  /** Line where the unclosed block opens. */
  fenceLine: number
  /** Line of the heading, and the heading as written (`## Handoff`). */
  line: number
  written: string
  /** The heading's text, without its `#` marks. */
  text: string
}

/**
 * Headings that a fenced code block left open hides: CommonMark runs an
 * unclosed fence to the end of its container, so every `## Heading` after it
 * is code. Only a block that reaches the end of the document, and whose last
 * line is no closing fence, is unclosed.
 */
export function headingsHiddenByOpenFence(tree: Root, source: string): HiddenHeading[] {
  const end = tree.position?.end.offset ?? source.length
  const hidden: HiddenHeading[] = []
  visit(tree, 'code', (code: Code) => {
    const start = code.position?.start
    const stop = code.position?.end
    if (start?.offset === undefined || stop?.offset === undefined || source.slice(stop.offset, end).trim() !== '')
      return
    const opening = /^[ \t]*(`{3,}|~{3,})/.exec(source.slice(start.offset))
    if (!opening) return
    const lines = source.slice(start.offset, stop.offset).split('\n')
    const marker = opening[1]!
    const last = lines.at(-1)!.trim()
    if (lines.length > 1 && last.startsWith(marker[0]!.repeat(marker.length)) && /^(`+|~+)$/.test(last)) return
    lines.slice(1).forEach((text, index) => {
      const heading = /^ {0,3}(#{1,6})[ \t]+(\S.*)$/.exec(text)
      if (!heading) return
      // The closing `#`s and blanks taken off by a loop: a lazy match before them grows with the square of the line.
      let title = heading[2]!
      while (/[ \t#]$/.test(title)) title = title.slice(0, -1)
      if (title !== '')
        hidden.push({
          fenceLine: start.line,
          line: start.line + 1 + index,
          written: `${heading[1]} ${title}`,
          text: title
        })
    })
  })
  return hidden
}
