/**
 * Plain rows of long tables are built without the parser
 * (src/engine/plain-table-rows.ts): the tree must be the parser's, positions
 * included, whatever the rows hold.
 */
import {describe, expect, it} from 'vitest'
import {random} from '../bench/generate.js'
import {parseWithPlainRows, plainRowsMin} from '../src/engine/plain-table-rows.js'
import {parseMarkdown} from '../src/markdown/parse.js'

/** Drops positions' identity (objects) but keeps their values, for deep equality. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown

/** Pieces of plain cells, and pieces that could open something inline, end a cell early or make the row another width. */
const plainPieces = [
  'Billing retry',
  'done',
  'open',
  '`features/a_b.feature`',
  '`x`',
  '`*x* <b> [a](b) www.x.org a@b.co &amp; ~~`',
  ' ',
  '  ',
  'n/a',
  '(tbd)',
  '✅ shipped',
  'é',
  '→',
  '\u00a0',
  '!',
  '#',
  '1.',
  '- ',
  '$',
  '^',
  '{',
  '"',
  "'",
  '%',
  '+',
  '=',
  '-',
  ':',
  'https:'
]
const trickyPieces = [
  '😀',
  '*',
  '_',
  '~',
  '`',
  '``',
  '` x `',
  '\\|',
  '\\',
  '[a](b)',
  '[^1]',
  '<b>',
  '&amp;',
  '@',
  'a@b.co',
  'www.x.org',
  'http://x.y',
  '\t',
  '|',
  '> '
]

function tableText(next: () => number, rows: number, columns: number): string {
  const pick = () =>
    next() < 0.04
      ? trickyPieces[Math.floor(next() * trickyPieces.length)]!
      : plainPieces[Math.floor(next() * plainPieces.length)]!
  const cell = () => Array.from({length: Math.floor(next() * 4)}, pick).join('')
  const row = () => {
    const width = next() < 0.95 ? columns : columns + (next() < 0.5 ? 1 : -1)
    const cells = Array.from({length: width}, () => (next() < 0.3 ? ` ${cell()} ` : cell()))
    const line = `|${cells.join('|')}|`
    return next() < 0.05 ? line.slice(0, -1) : line
  }
  const header = `| ${Array.from({length: columns}, (_, index) => `Col ${index}`).join(' | ')} |`
  const delimiter = `| ${Array.from({length: columns}, (_, index) => [':-:', '---', ':--', '--:'][index % 4]).join(' | ')} |`
  return [header, delimiter, ...Array.from({length: rows}, row)].join('\n')
}

describe('plain table rows', () => {
  it('builds the tree the parser builds, on generated tables', () => {
    const next = random(17)
    let built = 0
    for (let round = 0; round < 200; round++) {
      const columns = 1 + Math.floor(next() * 4)
      const before = ['', '# Tracker\n\n', 'Some text\n\n', '---\ntitle: x\n---\n\n', '> quote\n\n'][round % 5]!
      const after = ['', '\n', '\n\nAfter the table.\n', '\nlazy line\n', '\n\n| a |\n| - |\n| b |\n'][
        Math.floor(next() * 5)
      ]!
      const text = `${before}${tableText(next, plainRowsMin + Math.floor(next() * 40), columns)}${after}`
      const fast = parseWithPlainRows(parseMarkdown, text)
      if (fast) built++
      expect(plain(fast ?? parseMarkdown(text)), text).toEqual(plain(parseMarkdown(text)))
    }
    // The fast path was taken on most of them.
    expect(built).toBeGreaterThan(150)
  })

  it('parses whole a table the parser does not see: inside an HTML comment, inside fenced code, after a header that does not match', () => {
    const rows = Array.from({length: plainRowsMin + 4}, (_, index) => `| Task ${index} | done |`).join('\n')
    const texts = [
      `<!--\n| Task | Status |\n| --- | --- |\n${rows}\n-->\n`,
      `\`\`\`\n| Task | Status |\n| --- | --- |\n${rows}\n\`\`\`\n`,
      `| Task | Status | Spec |\n| --- | --- |\n${rows}\n`,
      `- item\n\n  | Task | Status |\n  | --- | --- |\n${rows}\n`
    ]
    for (const text of texts) {
      expect(plain(parseWithPlainRows(parseMarkdown, text) ?? parseMarkdown(text)), text).toEqual(
        plain(parseMarkdown(text))
      )
    }
  })

  it('leaves a short table to the parser', () => {
    const rows = Array.from({length: plainRowsMin - 1}, (_, index) => `| Task ${index} | done |`).join('\n')
    expect(parseWithPlainRows(parseMarkdown, `| Task | Status |\n| --- | --- |\n${rows}\n`)).toBeUndefined()
  })
})
