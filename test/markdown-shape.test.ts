/**
 * The pre-scan that keeps the parser from shapes it cannot take
 * (markdown/shape.ts): it must never count less nesting than micromark
 * builds (else a document past the limit would reach the parser), and it
 * must not refuse the documents people write. The first is a property,
 * checked on generated documents against the parser itself; the second on
 * the project's own Markdown and fixtures.
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import type {Nodes} from 'mdast'
import {describe, expect, test} from 'vitest'
import {resolveConfig} from '../src/engine/config.js'
import {parseMarkdown} from '../src/markdown/parse.js'
import {firstExcess, type ShapeLimits} from '../src/markdown/shape.js'
import {projectRoot} from './helpers/cli.js'

const unlimited = Number.MAX_SAFE_INTEGER
const defaults = resolveConfig({}).limits

/** How deep containers nest in a tree: block quotes, list items, footnote definitions. */
function containerDepth(node: Nodes): number {
  const own = node.type === 'blockquote' || node.type === 'listItem' || node.type === 'footnoteDefinition' ? 1 : 0
  let deepest = 0
  if ('children' in node) for (const child of node.children) deepest = Math.max(deepest, containerDepth(child))
  return own + deepest
}

const nestingOnly = (most: number): ShapeLimits => ({
  maxNesting: most,
  maxParagraphMarks: unlimited,
  maxLazyLines: unlimited
})

/** Lines made of container markers, white space and block openers, in any order: what the container rules turn on. */
const prefix = fc.constantFrom(
  '> ',
  '>',
  '>\t',
  '- ',
  '-\t',
  '* ',
  '+ ',
  '1. ',
  '2) ',
  '10) ',
  '[^a]: ',
  '[^b]:\t',
  '  ',
  '   ',
  '    ',
  '     ',
  '\t',
  ' \t'
)
const content = fc.constantFrom(
  'x',
  'y z',
  '',
  '```',
  '````',
  '~~~',
  '  ```',
  '    code',
  '\tcode',
  '# h',
  '## x',
  '---',
  '***',
  '* * *',
  '===',
  '| a | b |',
  '| - | - |',
  '<div>',
  '<!-- c',
  '-->',
  '`code`',
  '*e*',
  '[l](u)',
  '- ',
  '>'
)
const line = fc
  .tuple(fc.constantFrom('', ' ', '  ', '    '), fc.array(prefix, {maxLength: 7}), content)
  .map(([indent, prefixes, text]) => indent + prefixes.join('') + text)
const document = fc.array(line, {minLength: 1, maxLength: 25}).map((lines) => `${lines.join('\n')}\n`)

describe('the pre-scan never counts less nesting than the parser builds', () => {
  test('generated documents: past a limit one less than the parser’s depth', () => {
    fc.assert(
      fc.property(document, (text) => {
        const depth = containerDepth(parseMarkdown(text))
        if (depth === 0) return
        expect(firstExcess(text, nestingOnly(depth - 1))?.limit).toBe('maxNesting')
      }),
      {numRuns: 2000, seed: 20261207}
    )
  }, 240_000)

  test.each([
    ['a footnote definition directly in another continues with its parent’s four columns', '[^a]:[^b]:\n    - x\n', 3],
    ['a list marker that ends the line may be text a lazy line continues', '-\t\t>\n  [^a]:-\n|\n  + 0) -\n', 4],
    ['five blanks after a list marker make the rest indented code, not a fence', '2)     > ~~~\n> 1. - `code`\n', 3],
    ['a tab after `>` is partly the optional blank', '> \t[^a]:\n', 2]
  ])('%s', (_name, text, depth) => {
    expect(containerDepth(parseMarkdown(text))).toBe(depth)
    expect(firstExcess(text, nestingOnly(depth - 1))?.limit).toBe('maxNesting')
  })
})

describe('what it reports', () => {
  test('the line where a limit is passed, counted in the whole file', () => {
    const text = `---\ntitle: x\n---\n\n# Plan\n\n${Array.from({length: 5}, (_, depth) => `${'> '.repeat(depth + 1)}x`).join('\n')}\n`
    expect(firstExcess(text, nestingOnly(3))).toEqual({limit: 'maxNesting', count: 4, line: 10})
    expect(firstExcess('a *b* [c](d)\ne *f*\n', {...nestingOnly(unlimited), maxParagraphMarks: 5})).toEqual({
      limit: 'maxParagraphMarks',
      count: 6,
      line: 2
    })
    expect(firstExcess('- a\nb\nc\nd\n', {...nestingOnly(unlimited), maxLazyLines: 2})).toEqual({
      limit: 'maxLazyLines',
      count: 3,
      line: 4
    })
  })

  test('code is not Markdown: fenced and indented code, and a table’s rows, each count apart', () => {
    const deep = '> '.repeat(50)
    expect(firstExcess(`\`\`\`\n${deep}\n${'*'.repeat(2000)}\n\`\`\`\n\n    ${deep}\n`, defaults)).toBeUndefined()
    const row = `| ${'*a* '.repeat(200)} |\n`
    expect(firstExcess(`| h |\n| - |\n${row.repeat(20)}`, defaults)).toBeUndefined()
    // The same text as one paragraph is past the limit of marks.
    expect(firstExcess(row.repeat(20), defaults)?.limit).toBe('maxParagraphMarks')
  })

  test('a fence inside a block quote ends with the quote: what follows is Markdown again', () => {
    expect(firstExcess(`> \`\`\`\n> code\n\n${'> '.repeat(40)}x\n`, defaults)?.limit).toBe('maxNesting')
  })

  test('snake_case names are not emphasis marks', () => {
    expect(firstExcess(`${'tracker_cli_todo '.repeat(2000)}\n`, defaults)).toBeUndefined()
  })
})

describe('the documents people write are within the limits', () => {
  test('the project’s own Markdown and its fixtures', () => {
    const files: string[] = []
    const walk = (folder: string) => {
      for (const entry of readdirSync(path.join(projectRoot, folder), {withFileTypes: true})) {
        const relative = path.join(folder, entry.name)
        if (entry.isDirectory()) walk(relative)
        else if (entry.name.endsWith('.md')) files.push(relative)
      }
    }
    for (const folder of ['docs', 'rules', 'fixtures']) walk(folder)
    files.push('README.md')
    expect(files.length).toBeGreaterThan(50)
    const past = files.flatMap((file) => {
      const excess = firstExcess(readFileSync(path.join(projectRoot, file), 'utf8'), defaults)
      return excess ? [`${file}: ${JSON.stringify(excess)}`] : []
    })
    expect(past).toEqual([])
  })
})

describe('the pre-scan itself is linear in the text', () => {
  /** Nesting as the default limit allows, marks and lazy lines without limit: the scan reads all of the text. */
  const limits: ShapeLimits = {maxNesting: defaults.maxNesting, maxParagraphMarks: unlimited, maxLazyLines: unlimited}
  /** The fastest of five scans, in milliseconds. */
  const fastest = (text: string) => {
    let best = Number.POSITIVE_INFINITY
    for (let round = 0; round < 5; round++) {
      const start = performance.now()
      firstExcess(text, limits)
      best = Math.min(best, performance.now() - start)
    }
    return best
  }
  test.each([
    [
      'lines of list items nested as deep as the limit',
      (size: number) => `${'- '.repeat(defaults.maxNesting)}x\n`.repeat(size / (2 * defaults.maxNesting + 2))
    ],
    [
      'block quotes as deep as the limit, continued on every line',
      (size: number) => `${'> '.repeat(defaults.maxNesting)}x\n`.repeat(size / (2 * defaults.maxNesting + 2))
    ],
    ['a line of markers and blanks that is almost a thematic break', (size: number) => `${'- '.repeat(size / 2)}x`],
    ['footnote labels never closed', (size: number) => `${'[^a '.repeat(size / 4)}\n`],
    ['marks of emphasis in one paragraph', (size: number) => 'a*'.repeat(size / 2)],
    ['lazy lines', (size: number) => `> a\n${'b\n'.repeat(size / 2)}`]
  ])('%s: 100 KB costs at most about 30 times 10 KB', (_name, make) => {
    const inputs = [1_000, 10_000, 100_000].map(make)
    fastest(inputs[0]!)
    const ratio = Math.max(fastest(inputs[2]!), 0.05) / Math.max(fastest(inputs[1]!), 0.05)
    expect(ratio).toBeLessThan(30)
  })
})
