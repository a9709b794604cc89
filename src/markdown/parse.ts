import type {Root} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified, type Processor} from 'unified'
import type {SopLintConfig} from '../config/schema.js'
// micromark's event edits in time linear in the edits (setext headings): before any parse.
import './linear-edit-map.js'
import {parseRefusal, type ParsedPiece} from './parse-limits.js'

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

/**
 * Whether another file's text may be parsed for a cross-file check (all of
 * it, or the pieces given): not binary, within the size limits and the
 * pre-scan's (./parse-limits.ts). Its own check says why not.
 */
export function parsable(
  text: string | undefined,
  config: SopLintConfig,
  pieces?: readonly ParsedPiece[]
): text is string {
  const {limits} = config
  if (text === undefined || text.includes('\0') || Buffer.byteLength(text) > limits.maxMarkdownBytes) return false
  return parseRefusal(pieces ?? [{text, line: 1}], limits) === undefined
}
