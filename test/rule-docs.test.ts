/**
 * Every rule's page, `rules/<id>.md`, is a test: its examples are linted and
 * must give exactly the messages the page lists, so the docs cannot lie.
 *
 * A page is `# <id>`, an intro, then `## Why`, `## Options`, `## Fix`,
 * `## Examples`; each example is a `### ok: …` or `### not-ok: …` section:
 *
 * - a paragraph that starts with a code span: the repository-relative path the
 *   document is linted as, optionally followed by "With files: `a`, `b`." —
 *   files that must exist (a `.md` file holds `# <name>`, any other is empty);
 * - the document: the code block that follows (`markdown`, or the file's own
 *   language);
 * - optionally, before the path: "With files: …" in a paragraph of its own;
 *   "With `path`:" and a code block, for a file whose text matters (a
 *   cross-file rule's other file); "With options:" and a `json` code block, the
 *   sop-lint options, written to `.remarkrc.json`;
 * - "No messages." (ok) or a `text` code block (not-ok) with one expected
 *   message of the rule per line, `line:col[-endLine:endCol] error|warning reason`.
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {Heading, Nodes, Paragraph, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {describe, expect, test} from 'vitest'
import {rules} from '../rules/index.js'
import {resolveConfig} from '../src/engine/config.js'
const knownRuleIds = rules.map((rule) => rule.id)
import {lintWorkspace} from './helpers/lint.js'
import {makeWorkspace} from './helpers/workspace.js'

const rulesFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../rules')
const sectionTitles = ['Why', 'Options', 'Fix', 'Examples']
const noMessages = 'No messages.'

interface Example {
  kind: 'ok' | 'not-ok'
  title: string
  /** Repository-relative path the document is linted as. */
  path: string
  /** Files of the workspace besides the document, with their text. */
  files: Record<string, string>
  /** sop-lint options, when the example sets any. */
  options: unknown
  document: string
  /** Expected messages of the rule, `line:col… severity reason`. */
  expected: string[]
}

interface Page {
  id: string
  file: string
  /** Problems with the page's shape; a page with any has no examples run. */
  problems: string[]
  intro: RootContent[]
  sections: Map<string, RootContent[]>
  examples: Example[]
}

function readPage(file: string): Page {
  const id = path.basename(file, '.md')
  const tree = unified().use(remarkParse).parse(readFileSync(file, 'utf8'))
  const page: Page = {id, file, problems: [], intro: [], sections: new Map(), examples: []}
  const [title, ...blocks] = tree.children
  if (!title || title.type !== 'heading' || title.depth !== 1 || toString(title) !== id) {
    page.problems.push(`the page must start with \`# ${id}\``)
  }
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

function readExample(heading: string, body: RootContent[], problems: string[]): Example | undefined {
  const problemCount = problems.length
  const problem = (text: string) => problems.push(`example “${heading}”: ${text}`)
  const kind = /^(ok|not-ok): (\S.*)$/.exec(heading)
  if (!kind) {
    problem('its heading must read `ok: <title>` or `not-ok: <title>`')
    return undefined
  }
  const example: Example = {kind: kind[1] as Example['kind'], title: kind[2]!, path: '', files: {}, options: undefined, document: '', expected: []}
  let documentPath: string | undefined
  let document: string | undefined
  let expected: string[] | undefined
  let saysNoMessages = false
  for (let at = 0; at < body.length; at++) {
    const block = body[at]!
    const text = block.type === 'paragraph' ? toString(block).trim() : ''
    const fileWithText = block.type === 'paragraph' ? fileHeading(block) : undefined
    if (block.type === 'paragraph' && text.startsWith('With files:')) {
      for (const file of withFiles(block)) example.files[file] ??= emptyFile(file)
    } else if (block.type === 'paragraph' && text === 'With options:') {
      const next = body[++at]
      if (next?.type !== 'code' || next.lang !== 'json') problem('“With options:” must be followed by a `json` code block')
      else example.options = JSON.parse(next.value) as unknown
    } else if (fileWithText !== undefined) {
      const next = body[++at]
      if (next?.type !== 'code') problem(`“With \`${fileWithText}\`:” must be followed by a code block of its text`)
      else example.files[fileWithText] = `${next.value}\n`
    } else if (block.type === 'paragraph' && block.children[0]?.type === 'inlineCode' && documentPath === undefined) {
      documentPath = block.children[0].value
      for (const file of withFiles(block)) example.files[file] ??= emptyFile(file)
    } else if (block.type === 'code' && block.lang !== 'text' && documentPath !== undefined && document === undefined) {
      document = block.value
    } else if (block.type === 'code' && block.lang === 'text' && expected === undefined) {
      expected = block.value.split('\n').filter((line) => line.trim() !== '')
    } else if (text === noMessages) {
      saysNoMessages = true
    } else {
      problem(`unexpected ${block.type} at line ${block.position?.start.line}`)
    }
  }
  if (documentPath === undefined) problem('it names no document: a paragraph that starts with its path as a code span')
  if (document === undefined) problem('it has no code block of the document after its path')
  if (example.kind === 'ok' && (!saysNoMessages || expected)) problem(`an ok example ends with “${noMessages}” and lists no messages`)
  if (example.kind === 'not-ok' && (saysNoMessages || !expected || expected.length === 0)) {
    problem('a not-ok example ends with a `text` code block of the expected messages')
  }
  if (problems.length > problemCount) return undefined
  return {...example, path: documentPath!, document: `${document}\n`, expected: expected ?? []}
}

/** “With `path`:” — the code block that follows is that file’s text. */
function fileHeading(paragraph: Paragraph): string | undefined {
  const [first, code, last, ...rest] = paragraph.children
  if (rest.length > 0 || first?.type !== 'text' || code?.type !== 'inlineCode' || last?.type !== 'text') return undefined
  return first.value.trim() === 'With' && last.value.trim() === ':' ? code.value : undefined
}

/** A file that only has to exist: a `.md` file holds its name as a heading, any other nothing. */
function emptyFile(file: string): string {
  return file.endsWith('.md') ? `# ${path.posix.basename(file)}\n` : ''
}

/** Code spans after “With files:” in a paragraph. */
function withFiles(paragraph: Paragraph): string[] {
  const start = paragraph.children.findIndex((child) => child.type === 'text' && child.value.includes('With files:'))
  if (start === -1) return []
  return paragraph.children.slice(start + 1).flatMap((child) => (child.type === 'inlineCode' ? [child.value] : []))
}

/** Dotted config keys a page names (`budget.band`, `plan.sections.tasks`) that the schema does not have. */
function unknownKeys(blocks: RootContent[]): string[] {
  const defaults = resolveConfig({}) as unknown as Record<string, unknown>
  const keys: string[] = []
  for (const block of blocks) collectCode(block, keys)
  return keys
    .filter((key) => /^(paths|plan|budget|rules)(\.[\w-]+)+$/.test(key))
    .filter((key) => key.split('.').reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], defaults) === undefined)
}

function collectCode(node: Nodes, keys: string[]): void {
  if (node.type === 'inlineCode') keys.push(node.value)
  if ('children' in node) for (const child of node.children) collectCode(child, keys)
}

function workspaceFiles(example: Example): Record<string, string> {
  const files: Record<string, string> = {...example.files}
  if (example.options !== undefined) files['.remarkrc.json'] = JSON.stringify({plugins: [['sop-lint', example.options]]})
  files[example.path] = example.document
  return files
}

/** `line:col severity ruleId reason` → `line:col severity reason`, as pages write them. */
function withoutRuleId(message: string, ruleId: string): string {
  const [place, severity, id, ...reason] = message.split(' ')
  return id === ruleId ? [place, severity, ...reason].join(' ') : message
}

const pageFiles = readdirSync(rulesFolder)
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => path.join(rulesFolder, name))
const pages = pageFiles.map((file) => readPage(file))
const ruleIds: string[] = rules.map((rule) => rule.id)

describe('rules/index.ts', () => {
  for (const id of ruleIds) {
    test(`${id} has a page`, () => {
      expect(pages.map((page) => page.id)).toContain(id)
    })
  }
  test('every page belongs to a rule the configuration knows', () => {
    const known: string[] = [...knownRuleIds]
    expect(pages.map((page) => page.id).filter((id) => !known.includes(id))).toEqual([])
  })
})

for (const page of pages) {
  describe(`rules/${page.id}.md`, () => {
    test('has an intro, Why, Options, Fix and Examples, with ok and not-ok examples', () => {
      expect(page.problems).toEqual([])
      expect(page.intro.some((block) => block.type === 'paragraph')).toBe(true)
      expect([...page.sections.keys()]).toEqual(sectionTitles)
      for (const title of sectionTitles.slice(0, 3)) expect(page.sections.get(title)?.length, title).toBeGreaterThan(0)
      expect(page.examples.some((example) => example.kind === 'ok')).toBe(true)
      expect(page.examples.some((example) => example.kind === 'not-ok')).toBe(true)
    })

    test('Options names the severity key with its default, and only keys the schema has', () => {
      const options = page.sections.get('Options') ?? []
      const codes: string[] = []
      for (const block of options) collectCode(block, codes)
      expect(codes).toContain(`rules.${page.id}`)
      const severity = (resolveConfig({}).rules as Record<string, string>)[page.id]
      expect(codes).toContain(severity)
      expect(unknownKeys(options)).toEqual([])
    })

    for (const example of page.examples) {
      test(`${example.kind}: ${example.title}`, async () => {
        const root = makeWorkspace(workspaceFiles(example))
        const messages = await lintWorkspace(root, [example.path], page.id)
        expect(messages.map((message) => withoutRuleId(message, page.id))).toEqual(example.expected)
      })
    }
  })
}
