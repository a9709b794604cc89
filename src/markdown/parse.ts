import type {Root} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified, type Processor} from 'unified'
import type {SopLintConfig} from '../config/schema.js'

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

/** Whether another file's text may be parsed for a cross-file check: not binary, not above the size limit (its own check says why). */
export function parsable(text: string | undefined, config: SopLintConfig): text is string {
  return text !== undefined && Buffer.byteLength(text) <= config.limits.maxMarkdownBytes && !text.includes('\0')
}
