/**
 * Reads a rule's page, `rules/<id>.md`, into runnable examples — the format
 * test/rule-docs.test.ts documents: per `### ok: …` / `### not-ok: …`
 * example, optional “With files: `a`, `b`.”, “With `path`:” + a code block
 * (another file's text, for cross-file rules), “With options:” + `json`, then
 * a paragraph starting with the document's path as a code span, the document's
 * code block, and “No messages.” or a `text` block of expected messages.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import type {Nodes, Paragraph, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {lintWorkspace} from './lint.js'
import {makeWorkspace} from './workspace.js'

export interface PageExample {
  kind: 'ok' | 'not-ok'
  title: string
  /** Repository-relative path the document is linted as. */
  path: string
  /** Other files of the workspace, with their text. */
  files: Record<string, string>
  options: unknown
  document: string
  /** Expected messages, `line:col… severity reason`. */
  expected: string[]
}

export interface RulePage {
  id: string
  problems: string[]
  intro: RootContent[]
  sections: Map<string, RootContent[]>
  examples: PageExample[]
}

export function readRulePage(file: string): RulePage {
  const id = path.basename(file, '.md')
  const tree = unified().use(remarkParse).parse(readFileSync(file, 'utf8'))
  const page: RulePage = {id, problems: [], intro: [], sections: new Map(), examples: []}
  const [title, ...blocks] = tree.children
  if (!title || title.type !== 'heading' || title.depth !== 1 || toString(title) !== id) page.problems.push(`the page must start with \`# ${id}\``)
  let current = page.intro
  for (const block of blocks) {
    if (block.type === 'heading' && block.depth <= 2) {
      current = []
      if (block.depth === 1 || page.sections.has(toString(block))) page.problems.push(`unexpected heading “${toString(block)}”`)
      else page.sections.set(toString(block), current)
      continue
    }
    current.push(block)
  }
  const examples = page.sections.get('Examples') ?? []
  const starts = examples.flatMap((block, index) => (block.type === 'heading' && block.depth === 3 ? [index] : []))
  if (starts[0] !== 0) page.problems.push('Examples must start with an example heading')
  starts.forEach((start, index) => {
    const example = readExample(toString(examples[start]!), examples.slice(start + 1, starts[index + 1]), page.problems)
    if (example) page.examples.push(example)
  })
  return page
}

function readExample(heading: string, body: RootContent[], problems: string[]): PageExample | undefined {
  const count = problems.length
  const problem = (text: string) => problems.push(`example “${heading}”: ${text}`)
  const kind = /^(ok|not-ok): (\S.*)$/.exec(heading)
  if (!kind) {
    problem('its heading must read `ok: …` or `not-ok: …`')
    return undefined
  }
  const files: Record<string, string> = {}
  let options: unknown
  let documentPath: string | undefined
  let document: string | undefined
  let expected: string[] | undefined
  let noMessages = false
  for (let at = 0; at < body.length; at++) {
    const block = body[at]!
    const text = block.type === 'paragraph' ? toString(block).trim() : ''
    const fileWithText = block.type === 'paragraph' ? withPath(block) : undefined
    if (block.type === 'paragraph' && text.startsWith('With files:')) {
      for (const file of codeSpansAfter(block, 'With files:')) files[file] ??= emptyFile(file)
    } else if (text === 'With options:') {
      const next = body[++at]
      if (next?.type === 'code' && next.lang === 'json') options = JSON.parse(next.value) as unknown
      else problem('“With options:” must be followed by a `json` block')
    } else if (fileWithText !== undefined) {
      const next = body[++at]
      if (next?.type === 'code') files[fileWithText] = `${next.value}\n`
      else problem(`“With \`${fileWithText}\`:” must be followed by a code block`)
    } else if (block.type === 'paragraph' && block.children[0]?.type === 'inlineCode' && documentPath === undefined) {
      documentPath = block.children[0].value
      for (const file of codeSpansAfter(block, 'With files:')) files[file] ??= emptyFile(file)
    } else if (block.type === 'code' && block.lang !== 'text' && documentPath !== undefined && document === undefined) {
      document = block.value
    } else if (block.type === 'code' && block.lang === 'text' && expected === undefined) {
      expected = block.value.split('\n').filter((line) => line.trim() !== '')
    } else if (text === 'No messages.') {
      noMessages = true
    } else {
      problem(`unexpected ${block.type} at line ${block.position?.start.line}`)
    }
  }
  if (documentPath === undefined || document === undefined) problem('it needs a path paragraph and the document after it')
  if (kind[1] === 'ok' && (!noMessages || expected)) problem('an ok example ends with “No messages.”')
  if (kind[1] === 'not-ok' && (noMessages || !expected?.length)) problem('a not-ok example ends with a `text` block of messages')
  if (problems.length > count) return undefined
  return {kind: kind[1] as PageExample['kind'], title: kind[2]!, path: documentPath!, files, options, document: `${document}\n`, expected: expected ?? []}
}

/** “With `path`:” on its own. */
function withPath(paragraph: Paragraph): string | undefined {
  const [first, code, last, ...rest] = paragraph.children
  if (rest.length > 0 || first?.type !== 'text' || code?.type !== 'inlineCode' || last?.type !== 'text') return undefined
  return first.value.trim() === 'With' && last.value.trim() === ':' ? code.value : undefined
}

function codeSpansAfter(paragraph: Paragraph, marker: string): string[] {
  const start = paragraph.children.findIndex((child) => child.type === 'text' && child.value.includes(marker))
  if (start === -1) return []
  return paragraph.children.slice(start + 1).flatMap((child) => (child.type === 'inlineCode' ? [child.value] : []))
}

function emptyFile(file: string): string {
  return file.endsWith('.md') ? `# ${path.posix.basename(file)}\n` : ''
}

/** The workspace an example runs in: its files, its options as `.remarkrc.json`, and the document. */
export function exampleWorkspace(example: PageExample): Record<string, string> {
  const files = {...example.files}
  if (example.options !== undefined) files['.remarkrc.json'] = JSON.stringify({plugins: [['sop-lint', example.options]]})
  files[example.path] = example.document
  return files
}

/** Every code span of some blocks (to check the option keys a page names). */
export function codeSpans(blocks: RootContent[]): string[] {
  const found: string[] = []
  const walk = (node: Nodes) => {
    if (node.type === 'inlineCode') found.push(node.value)
    if ('children' in node) for (const child of node.children) walk(child)
  }
  for (const block of blocks) walk(block)
  return found
}

/** `line:col severity ruleId reason` → `line:col severity reason`, as pages write them. */
export function withoutRuleId(message: string, ruleId: string): string {
  const [place, severity, id, ...reason] = message.split(' ')
  return id === ruleId ? [place, severity, ...reason].join(' ') : message
}

/** Lints an example's document in its own temporary workspace: the rule's messages, as the page writes them. */
export async function runExample(ruleId: string, example: PageExample): Promise<string[]> {
  const root = makeWorkspace(exampleWorkspace(example))
  const messages = await lintWorkspace(root, [example.path], ruleId)
  return messages.map((message) => withoutRuleId(message, ruleId))
}
