/**
 * ledger-formula's predicate (src/ledger/formula.ts) and how messages name what it finds (src/rule/words.ts): OWASP's CSV-injection
 * starts in every form a spreadsheet or a trimming tool turns into one, and
 * the ledger's writer (csvCell), which must never write what the rule
 * reports. The rule page's examples run the same variants through the rule
 * (ledger-rules.test.ts); ledger-catalogue.test.ts runs the CLI.
 */
import {parse} from 'csv-parse/sync'
import fc from 'fast-check'
import {describe, expect, test} from 'vitest'
import {resolveConfig} from '../src/engine/config.js'
import {formulaStart} from '../src/ledger/formula.js'
import {csvCell} from '../src/ledger/parse.js'
import {describeFormulaStart} from '../src/rule/words.js'

/** Every variant the review found missed, and the ones OWASP lists: [what, cell, the character, what hides it]. */
const formulas: Array<[string, string, string, string]> = [
  ['=', '=1+1', '=', ''],
  ['+', '+cmd', '+', ''],
  ['-', '-rm', '-', ''],
  ['@', '@SUM(1)', '@', ''],
  ['a tab', '\tindented', '\t', ''],
  ['a carriage return', '\rcarriage', '\r', ''],
  ['a line feed', '\nline', '\n', ''],
  ['a null character', '\0=1', '\0', ''],
  ['full-width =', '＝HYPERLINK(1)', '＝', ''],
  ['full-width +', '＋cmd', '＋', ''],
  ['full-width -', '－rm', '－', ''],
  ['full-width @', '＠SUM(1)', '＠', ''],
  ['small =', '﹦cmd', '﹦', ''],
  ['small +', '﹢1+1', '﹢', ''],
  ['small @', '﹫x', '﹫', ''],
  ['= after spaces', '  =1+1', '=', '  '],
  ['= after a zero-width space', '\u200B=1+1', '=', '\u200B'],
  ['= after a byte order mark', '\uFEFF=1+1', '=', '\uFEFF'],
  ['= after a no-break space', '\u00A0=1+1', '=', '\u00A0'],
  ['@ after a word joiner and a bidi override (format characters)', '\u2060\u202E@SUM(1)', '@', '\u2060\u202E'],
  ['+ after a soft hyphen', '\u00AD+x', '+', '\u00AD'],
  ['- after an ideographic space', '\u3000-x', '-', '\u3000'],
  ['= after a Mongolian vowel separator and a line separator', '\u180E\u2028=1', '=', '\u180E\u2028'],
  ['= after a Hangul filler (default-ignorable)', '\u3164=1', '=', '\u3164'],
  ['full-width = after a zero-width space', '\u200B＝1', '＝', '\u200B'],
  ['= after a space and a vertical tab', ' \u000B=1', '=', ' \u000B']
]

describe('formulaStart: what a spreadsheet runs as a formula', () => {
  test.each(formulas)('%s starts a formula', (_what, cell, character, before) => {
    expect(formulaStart(cell)).toMatchObject({character, before})
  })

  test('messages name a compatibility form with its code point and the sign it stands for, and what hides a sign', () => {
    const name = (cell: string) => describeFormulaStart(formulaStart(cell)!)
    expect(name('＝1')).toBe('“＝” (U+FF1D, a form of “=”)')
    expect(name('\ttext')).toBe('a tab')
    expect(name(' =1')).toBe('“=” after a space')
    expect(name('  =1')).toBe('“=” after 2 spaces')
    expect(name('\u200B\u200B =1')).toBe('“=” after 3 blank or invisible characters (U+200B, U+0020)')
  })

  test.each([
    '-5500',
    '+12',
    '1e3',
    '-.5',
    '－５',
    ' -5',
    '\u200B-5000',
    "'=total",
    'decision=GO',
    'n/a',
    '',
    ' ',
    '\u200B',
    'x-1'
  ])('%j is no formula (a number, text, or a sign inside the text)', (cell) => {
    expect(formulaStart(cell)).toBeUndefined()
  })
})

describe('csvCell: what the ledger writers write', () => {
  const readBack = (cell: string) => (parse(`${cell}\n`) as string[][])[0]![0]!

  test.each(formulas)('%s: written with an apostrophe, read back as no formula', (_what, value) => {
    const written = readBack(csvCell(value))
    expect(written).toBe(`'${value}`)
    expect(formulaStart(written)).toBeUndefined()
  })

  test('numbers, as ledger close and the delta fix write them, stay as they are', () => {
    for (const value of ['-5500', '0', '204000', '+12']) expect(csvCell(value)).toBe(value)
  })

  test('any text reads back as itself, or with an apostrophe in front, and never as a formula', () => {
    const signs = fc.constantFrom(
      '=',
      '+',
      '-',
      '@',
      '＝',
      '＋',
      '－',
      '＠',
      '\t',
      '\r',
      '\n',
      '\u200B',
      '\uFEFF',
      '\u00A0',
      ' ',
      '"',
      ',',
      '5'
    )
    const text = fc
      .array(fc.oneof(signs, fc.string({unit: 'grapheme', maxLength: 3})), {maxLength: 8})
      .map((parts) => parts.join(''))
    fc.assert(
      fc.property(text, (value) => {
        const written = readBack(csvCell(value))
        expect([value, `'${value}`]).toContain(written)
        expect(formulaStart(written)).toBeUndefined()
      }),
      {seed: 17, numRuns: 2000}
    )
  })
})

describe('the config refuses ledger text sop-lint would write as a formula', () => {
  test('a planning task or a column name that starts a formula, in any form', () => {
    expect(() => resolveConfig({ledger: {planningTask: '＝plan'}}, '.remarkrc.json')).toThrow(
      'invalid configuration in .remarkrc.json: ledger.planningTask: “＝plan” starts with “＝” (U+FF1D, a form of “=”): a spreadsheet would run the ledger cells sop-lint writes with it; choose a name that starts with a letter or digit'
    )
    expect(() => resolveConfig({ledger: {columns: ['date', '\u200B@task']}})).toThrow(
      'ledger.columns.1: “\\u200B@task” starts with “@” after 1 blank or invisible character (U+200B): a spreadsheet would run the ledger cells sop-lint writes with it'
    )
    expect(resolveConfig({ledger: {planningTask: 'plan-next'}}).ledger.planningTask).toBe('plan-next')
  })
})
