/**
 * The rule pages, `rules/<id>.md`, read and run: the one reader of the page
 * format, used by test/rule-docs.test.ts, which runs every example once.
 *
 * A page is `# <id>`, an intro, then `## Why`, `## Options`, `## Fix`,
 * `## Examples`; each example is a `### ok: …` or `### not-ok: …` section:
 *
 * - a paragraph that starts with a code span: the repository-relative path the
 *   document is linted as, optionally followed by "With files: `a`, `b`." —
 *   files that must exist (a `.md` file holds `# <name>`, any other is empty);
 * - the document: the code block that follows (`markdown`, or the file's own
 *   language: `csv`, `gherkin`);
 * - optionally, before the path: "With files: …" in a paragraph of its own;
 *   "With `path`:" and a code block, for a file whose text matters (a
 *   cross-file rule's other file); "With options:" and a `json` code block, the
 *   sop-lint options, written to `.remarkrc.json`;
 * - "No messages." (ok) or a `text` code block (not-ok) with one expected
 *   message of the rule per line, `line:col[-endLine:endCol] error|warning reason`;
 * - in a not-ok example, what fixing does, as ESLint's RuleTester checks a
 *   rule's `output` and `suggestions`: "Fixed:" and a code block of the
 *   document after one pass of the rule's fixes (what `--fix` inserts);
 *   "Suggested:" and a code block of the document with the rule's suggestions
 *   applied (replacements the editor offers); or "Fixed: no change." when the
 *   messages carry neither.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import type {Heading, Nodes, Paragraph, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {loadConfig} from '../../src/engine/load-config.js'
import {lintFiles} from '../../src/engine/lint.js'
import {applyEdits} from '../../src/engine/fix/text-edit.js'
import type {FixData} from '../../src/rule/message.js'
import {WorkingTreeSource} from '../../src/workspace/source.js'
import {Workspace} from '../../src/workspace/workspace.js'
import {describeMessage, lintOptions} from './lint.js'
import {makeWorkspace} from './workspace.js'

export const sectionTitles = ['Why', 'Options', 'Fix', 'Examples']
const noMessages = 'No messages.'
const noChange = 'Fixed: no change.'

export interface PageExample {
  kind: 'ok' | 'not-ok'
  title: string
  /** Repository-relative path the document is linted as. */
  path: string
  /** Other files of the workspace, with their text. */
  files: Record<string, string>
  /** sop-lint options, when the example sets any. */
  options: unknown
  document: string
  /** Expected messages of the rule, `line:col… severity reason`. */
  expected: string[]
  /** The document after one pass of the rule's fixes; `undefined` when the page says fixing changes nothing. */
  fixed: string | undefined
  /** The document with the rule's suggestions applied; `undefined` when it names none. */
  suggested: string | undefined
}

export interface RulePage {
  id: string
  /** Problems with the page's shape; a page with any has no examples run. */
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
  if (!title || title.type !== 'heading' || title.depth !== 1 || toString(title) !== id)
    page.problems.push(`the page must start with \`# ${id}\``)
  let current: RootContent[] = page.intro
  for (const block of blocks) {
    if (block.type === 'heading' && block.depth <= 2) {
      current = []
      if (block.depth === 1) page.problems.push(`a second top-level heading “${toString(block)}”`)
      else if (page.sections.has(toString(block))) page.problems.push(`section “${toString(block)}” appears twice`)
      else page.sections.set(toString(block), current)
      continue
    }
    current.push(block)
  }
  const examples = page.sections.get('Examples') ?? []
  let index = 0
  while (index < examples.length) {
    const heading = examples[index]!
    const end = examples.findIndex((block, at) => at > index && isHeading(block, 3))
    const body = examples.slice(index + 1, end === -1 ? undefined : end)
    index = end === -1 ? examples.length : end
    if (!isHeading(heading, 3)) {
      page.problems.push(`Examples holds a ${heading.type} outside an example (line ${heading.position?.start.line})`)
      continue
    }
    const example = readExample(toString(heading), body, page.problems)
    if (example) page.examples.push(example)
  }
  return page
}

function isHeading(node: RootContent, depth: number): node is Heading {
  return node.type === 'heading' && node.depth === depth
}

function readExample(heading: string, body: RootContent[], problems: string[]): PageExample | undefined {
  const problemCount = problems.length
  const problem = (text: string) => problems.push(`example “${heading}”: ${text}`)
  const kind = /^(ok|not-ok): (\S.*)$/.exec(heading)
  if (!kind) {
    problem('its heading must read `ok: <title>` or `not-ok: <title>`')
    return undefined
  }
  const files: Record<string, string> = {}
  let options: unknown
  let documentPath: string | undefined
  let document: string | undefined
  let expected: string[] | undefined
  let saysNoMessages = false
  let fixed: string | undefined
  let suggested: string | undefined
  let saysNoChange = false
  for (let at = 0; at < body.length; at++) {
    const block = body[at]!
    const text = block.type === 'paragraph' ? toString(block).trim() : ''
    const fileWithText = block.type === 'paragraph' ? fileHeading(block) : undefined
    const codeAfter = (what: string) => {
      const next = body[++at]
      if (next?.type === 'code') return `${next.value}\n`
      problem(`“${what}” must be followed by a code block`)
      return undefined
    }
    if (block.type === 'paragraph' && text.startsWith('With files:')) {
      for (const file of withFiles(block)) files[file] ??= emptyFile(file)
    } else if (text === 'With options:') {
      const next = body[++at]
      if (next?.type !== 'code' || next.lang !== 'json')
        problem('“With options:” must be followed by a `json` code block')
      else options = JSON.parse(next.value) as unknown
    } else if (fileWithText !== undefined) {
      const next = codeAfter(`With \`${fileWithText}\`:`)
      if (next !== undefined) files[fileWithText] = next
    } else if (block.type === 'paragraph' && block.children[0]?.type === 'inlineCode' && documentPath === undefined) {
      documentPath = block.children[0].value
      for (const file of withFiles(block)) files[file] ??= emptyFile(file)
    } else if (block.type === 'code' && block.lang !== 'text' && documentPath !== undefined && document === undefined) {
      document = block.value
    } else if (block.type === 'code' && block.lang === 'text' && expected === undefined) {
      expected = block.value.split('\n').filter((line) => line.trim() !== '')
    } else if (text === noMessages) {
      saysNoMessages = true
    } else if (text === 'Fixed:' && fixed === undefined) {
      fixed = codeAfter('Fixed:')
    } else if (text === 'Suggested:' && suggested === undefined) {
      suggested = codeAfter('Suggested:')
    } else if (text === noChange) {
      saysNoChange = true
    } else {
      problem(`unexpected ${block.type} at line ${block.position?.start.line}`)
    }
  }
  if (documentPath === undefined) problem('it names no document: a paragraph that starts with its path as a code span')
  if (document === undefined) problem('it has no code block of the document after its path')
  const fixing = fixed !== undefined || suggested !== undefined || saysNoChange
  if (kind[1] === 'ok' && (!saysNoMessages || expected || fixing))
    problem(`an ok example ends with “${noMessages}” and lists no messages or fixes`)
  if (kind[1] === 'not-ok') {
    if (saysNoMessages || !expected?.length)
      problem('a not-ok example has a `text` code block of the expected messages')
    if (!fixing)
      problem(
        `a not-ok example ends with what fixing does: “Fixed:” and the document, “Suggested:” and the document, or “${noChange}”`
      )
    if (saysNoChange && (fixed !== undefined || suggested !== undefined)) problem(`“${noChange}” stands alone`)
  }
  if (problems.length > problemCount) return undefined
  return {
    kind: kind[1] as PageExample['kind'],
    title: kind[2]!,
    path: documentPath!,
    files,
    options,
    document: `${document}\n`,
    expected: expected ?? [],
    fixed,
    suggested
  }
}

/** “With `path`:” — the code block that follows is that file’s text. */
function fileHeading(paragraph: Paragraph): string | undefined {
  const [first, code, last, ...rest] = paragraph.children
  if (rest.length > 0 || first?.type !== 'text' || code?.type !== 'inlineCode' || last?.type !== 'text')
    return undefined
  return first.value.trim() === 'With' && last.value.trim() === ':' ? code.value : undefined
}

/** Code spans after “With files:” in a paragraph. */
function withFiles(paragraph: Paragraph): string[] {
  const start = paragraph.children.findIndex((child) => child.type === 'text' && child.value.includes('With files:'))
  if (start === -1) return []
  return paragraph.children.slice(start + 1).flatMap((child) => (child.type === 'inlineCode' ? [child.value] : []))
}

/** A file that only has to exist: a `.md` file holds its name as a heading, any other nothing. */
function emptyFile(file: string): string {
  return file.endsWith('.md') ? `# ${path.posix.basename(file)}\n` : ''
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

/** What an example gives when it is run: the rule's messages as the page writes them, and the document fixed and with suggestions applied. */
export interface ExampleRun {
  messages: string[]
  /** `undefined` when the messages carry no fix. */
  fixed: string | undefined
  /** `undefined` when the messages carry no suggestion. */
  suggested: string | undefined
}

/** Lints an example's document in its own temporary workspace, its files and options as the page gives them. */
export async function runExample(ruleId: string, example: PageExample): Promise<ExampleRun> {
  const files = {...example.files}
  if (example.options !== undefined)
    files['.remarkrc.json'] = JSON.stringify({plugins: [['sop-lint', example.options]]})
  files[example.path] = example.document
  const root = makeWorkspace(files)
  const {config} = await loadConfig(root)
  const workspace = new Workspace(new WorkingTreeSource(root), config)
  const [file] = await lintFiles(workspace, [example.path], lintOptions(root))
  const messages = file!.messages.filter((message) => message.ruleId === ruleId)
  const fixes = messages.flatMap((message) => (message.fix ? [message.fix] : []))
  const suggestions = messages.flatMap((message) => (message.suggestions ?? []).map((suggestion) => suggestion.fix))
  return {
    messages: messages.map((message) => withoutRuleId(describeMessage(message), ruleId)),
    fixed: fixes.length > 0 ? applyOnce(example.document, fixes) : undefined,
    suggested: suggestions.length > 0 ? applyOnce(example.document, suggestions) : undefined
  }
}

/** One pass of edits, as `--fix` applies them (edits that overlap one taken wait for a next pass). */
function applyOnce(text: string, edits: readonly FixData[]): string {
  return applyEdits(
    text,
    edits.map(({range: [start, end], text: inserted}) => ({start, end, text: inserted}))
  ).text
}

/** `line:col severity ruleId reason` → `line:col severity reason`, as pages write them. */
function withoutRuleId(message: string, ruleId: string): string {
  const [place, severity, id, ...reason] = message.split(' ')
  return id === ruleId ? [place, severity, ...reason].join(' ') : message
}
