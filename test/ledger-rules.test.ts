/**
 * The ledger rules' pages, `rules/ledger-*.md`, are their tests: every
 * example is written into a fresh workspace, the ledger is linted, and the
 * rule's messages must be exactly the ones the page lists, line, column and
 * all.
 *
 * An example is a `### ok: …` or `### not-ok: …` section holding, in order:
 * optionally “With options:” and a `json` block (sop-lint options, written to
 * `.remarkrc.json`) and “With `path`:” and a code block (another file of the
 * workspace, such as the newest plan); then a paragraph starting with the
 * ledger's path as a code span and the ```csv block of the ledger; then “No
 * messages.” (ok) or a ```text block of `line:col[-endLine:endCol]
 * error|warning reason` lines (not-ok).
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import type {Paragraph, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {describe, expect, test} from 'vitest'
import {projectRoot} from './helpers/cli.js'
import {lintWorkspace} from './helpers/lint.js'
import {makeWorkspace} from './helpers/workspace.js'

const ledgerRules = ['ledger-schema', 'ledger-delta', 'ledger-planning-row', 'ledger-order', 'ledger-duplicate', 'ledger-formula']
const rulesFolder = path.join(projectRoot, 'rules')

interface Example {
  kind: 'ok' | 'not-ok'
  title: string
  path: string
  files: Record<string, string>
  expected: string[]
}

function readExamples(id: string): {sections: string[]; examples: Example[]; problems: string[]} {
  const tree = unified().use(remarkParse).parse(readFileSync(path.join(rulesFolder, `${id}.md`), 'utf8'))
  const sections: string[] = []
  const examples: Example[] = []
  const problems: string[] = []
  let inExamples = false
  let example: (Example & {document?: string; saysNone?: boolean}) | undefined
  let pending: {kind: 'options'} | {kind: 'file'; path: string} | {kind: 'document'} | undefined
  const finish = () => {
    if (!example) return
    if (!example.path || example.document === undefined) problems.push(`${example.title}: no ledger path and csv block`)
    if (example.kind === 'ok' && (!example.saysNone || example.expected.length > 0)) problems.push(`${example.title}: an ok example says “No messages.”`)
    if (example.kind === 'not-ok' && example.expected.length === 0) problems.push(`${example.title}: a not-ok example lists its messages`)
    examples.push({kind: example.kind, title: example.title, path: example.path, files: {...example.files, [example.path]: `${example.document}\n`}, expected: example.expected})
    example = undefined
  }
  for (const block of tree.children as RootContent[]) {
    if (block.type === 'heading' && block.depth <= 2) {
      finish()
      if (block.depth === 2) sections.push(toString(block))
      inExamples = block.depth === 2 && toString(block) === 'Examples'
      continue
    }
    if (!inExamples) continue
    if (block.type === 'heading' && block.depth === 3) {
      finish()
      const match = /^(ok|not-ok): (.+)$/.exec(toString(block))
      if (!match) problems.push(`heading “${toString(block)}” is not ok: / not-ok:`)
      example = {kind: (match?.[1] ?? 'ok') as Example['kind'], title: match?.[2] ?? toString(block), path: '', files: {}, expected: []}
      continue
    }
    if (!example) continue
    const text = block.type === 'paragraph' ? toString(block).trim() : ''
    if (block.type === 'paragraph' && text === 'With options:') pending = {kind: 'options'}
    else if (block.type === 'paragraph' && withFile(block)) pending = {kind: 'file', path: withFile(block)!}
    else if (block.type === 'paragraph' && block.children[0]?.type === 'inlineCode' && !example.path) {
      example.path = block.children[0].value
      pending = {kind: 'document'}
    } else if (block.type === 'paragraph' && text === 'No messages.') example.saysNone = true
    else if (block.type === 'code' && block.lang === 'text') example.expected = block.value.split('\n').filter((line) => line.trim() !== '')
    else if (block.type === 'code' && pending?.kind === 'options') {
      example.files['.remarkrc.json'] = JSON.stringify({plugins: [['sop-lint', JSON.parse(block.value) as unknown]]})
      pending = undefined
    } else if (block.type === 'code' && pending?.kind === 'file') {
      example.files[pending.path] = `${block.value}\n`
      pending = undefined
    } else if (block.type === 'code' && pending?.kind === 'document') {
      example.document = block.value
      pending = undefined
    } else problems.push(`${example.title}: unexpected ${block.type} at line ${block.position?.start.line}`)
  }
  finish()
  return {sections, examples, problems}
}

/** “With `path`:” */
function withFile(paragraph: Paragraph): string | undefined {
  const [first, code, last, ...rest] = paragraph.children
  if (rest.length > 0 || first?.type !== 'text' || code?.type !== 'inlineCode' || last?.type !== 'text') return undefined
  return first.value.trim() === 'With' && last.value.trim() === ':' ? code.value : undefined
}

/** `line:col severity ruleId reason` → `line:col severity reason`. */
function withoutRuleId(message: string): string {
  const [place, severity, , ...reason] = message.split(' ')
  return [place, severity, ...reason].join(' ')
}

test('every ledger rule has a page', () => {
  const pages = readdirSync(rulesFolder).filter((name) => name.startsWith('ledger-') && name.endsWith('.md'))
  expect(pages.map((name) => name.slice(0, -3)).sort()).toEqual([...ledgerRules].sort())
})

for (const id of ledgerRules) {
  describe(`rules/${id}.md`, () => {
    const {sections, examples, problems} = readExamples(id)

    test('has Why, Options, Fix and Examples, with ok and not-ok examples', () => {
      expect(problems).toEqual([])
      expect(sections).toEqual(['Why', 'Options', 'Fix', 'Examples'])
      expect(examples.some((example) => example.kind === 'ok')).toBe(true)
      expect(examples.some((example) => example.kind === 'not-ok')).toBe(true)
      for (const example of examples) expect(example.path).toBe('docs/Ledgers/Token_Churn_Ledger.csv')
    })

    for (const example of examples) {
      test(`${example.kind}: ${example.title}`, async () => {
        const root = makeWorkspace(example.files)
        const messages = await lintWorkspace(root, [example.path], id)
        expect(messages.map(withoutRuleId)).toEqual(example.expected)
      })
    }
  })
}
