import type {Root} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified, type Processor} from 'unified'
// micromark's event edits in time linear in the edits (setext headings): before any parse.
import './linear-edit-map.js'

/** Adds the Markdown syntax sop-lint reads beyond CommonMark: YAML/TOML frontmatter and GFM tables. */
export function useSyntax<P extends Processor<Root>>(processor: P): P {
  processor.use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm)
  return processor
}

const parser = useSyntax(unified().use(remarkParse)).freeze()

/** Parses Markdown to mdast, for a cross-file rule that reads a document other than the one it checks. */
export function parseMarkdown(text: string): Root {
  return parser.parse(text)
}
