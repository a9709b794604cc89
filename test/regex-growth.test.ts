/**
 * Patterns that run on what people write must take time in proportion to it (issue 13,
 * items 8 and 9). Each family runs on 1 KB, 10 KB and 100 KB of the input that made it
 * quadratic, and the test compares growth, never wall-clock time: ten times the input may
 * cost at most about thirty times the time (linear is ten, quadratic a hundred).
 */
import {describe, expect, it} from 'vitest'
import {configSchema} from '../src/engine/config.js'
import {taskTitles} from '../src/plan/spec-table.js'
import {readStatusCapture} from '../src/tokens/status-capture.js'
import {specPathsIn} from '../src/engine/default-targets.js'
import {normalizeHeading} from '../src/markdown/heading-text.js'
import {expandBraces, findPathRefs, maxBraceAlternatives} from '../src/markdown/path-refs.js'
import {isDelimiterRow} from '../src/markdown/table-delimiter.js'
import {headingsHiddenByOpenFence} from '../src/markdown/open-fence.js'
import {parseMarkdown} from '../src/markdown/parse.js'
import {findSections} from '../src/markdown/sections.js'
import {findTokenAmounts} from '../src/markdown/token-amount.js'
import {findTasks, type Task} from '../src/plan/tasks.js'
import {seedTitle} from '../src/plan/scaffold/seeds.js'
import {withoutPositions} from '../src/engine/suppressions/fingerprint.js'

const config = configSchema.parse({})
const blanks = (size: number) => ' '.repeat(size)

/** The fastest of a few runs, in milliseconds: the least disturbed by the rest of the machine. */
function fastest(run: () => unknown): number {
  let best = Number.POSITIVE_INFINITY
  for (let round = 0; round < 5; round++) {
    const start = performance.now()
    run()
    best = Math.min(best, performance.now() - start)
  }
  return best
}

/** Time for 100 KB over time for 10 KB, with the 1 KB run as warm-up and a floor against timer noise. */
function growth(make: (size: number) => string, use: (text: string) => unknown): number {
  const inputs = [1_000, 10_000, 100_000].map(make)
  fastest(() => use(inputs[0]!))
  const floor = 0.05
  const small = Math.max(
    fastest(() => use(inputs[1]!)),
    floor
  )
  const large = Math.max(
    fastest(() => use(inputs[2]!)),
    floor
  )
  return large / small
}

const families: Array<[string, (size: number) => string, (text: string) => unknown]> = [
  ['a token figure before a long run of blanks and a percent sign', (size) => `1${blanks(size)}%`, findTokenAmounts],
  ['token figures each before a run of blanks', (size) => `7${blanks(40)}`.repeat(size / 41), findTokenAmounts],
  [
    'a task title with a long run of blanks and no separator',
    (size) => `a${blanks(size)}b`,
    (title) => taskTitles({title} as Task)
  ],
  ['a heading with a long run of blanks inside', (size) => `a${blanks(size)}b`, normalizeHeading],
  ['a heading of many parentheses', (size) => '('.repeat(size), normalizeHeading],
  ['a plan of one long word with no .feature', (size) => `${'a'.repeat(size)} `, specPathsIn],
  [
    'a /status figure before a long run of blanks',
    (size) => `context: 1${blanks(size)}x`,
    (text) => readStatusCapture(text, config)
  ],
  [
    'a /status rate limit before a long run of blanks',
    (size) => `weekly${blanks(size)}x`,
    (text) => readStatusCapture(text, config)
  ],
  ['a table line of a dash and a long run of blanks', (size) => `-${' \t'.repeat(size / 2)}x`, isDelimiterRow],
  [
    'a word of many dots in a paragraph',
    (size) => `${'.'.repeat(size)}x`,
    (value) => findPathRefs({type: 'text', value})
  ],
  [
    'a /status line of many figures',
    (size) => 'context 1 k 2 '.repeat(size / 14),
    (text) => readStatusCapture(text, config)
  ],
  [
    'a seed title with a long run of blanks before a parenthesis',
    (size) => `a${blanks(size)}(1${blanks(size)}x`,
    seedTitle
  ],
  ['a seed title of dots and blanks before a word', (size) => `${'. '.repeat(size / 2)}x`, seedTitle],
  [
    'a baseline message with long runs of blanks after "line"',
    (size) => `line${blanks(size)}x 1:${blanks(size)}2`,
    withoutPositions
  ],
  [
    'a path after "new" and a long run of blanks',
    (size) => `new${blanks(size)}x`,
    (value) =>
      findPathRefs({
        type: 'paragraph',
        children: [
          {type: 'text', value},
          {type: 'inlineCode', value: 'docs/a.md'}
        ]
      })
  ],
  [
    'a code span of a long run of blanks',
    (size) => `a${blanks(size)}b`,
    (value) => findPathRefs({type: 'inlineCode', value})
  ],
  [
    'many bare paths in one paragraph',
    (size) => 'new a/b.md '.repeat(size / 11),
    (value) => findPathRefs({type: 'text', value})
  ],
  [
    'a phase heading with a long run of blanks before no number',
    (size) => `## Phase${blanks(size)}.`,
    (text) => planTasks(text)
  ],
  [
    'a heading line swallowed by an open fence, of blanks and hashes',
    (size) => `\`\`\`\n# a${' #'.repeat(size / 2)}b\n`,
    (text) => headingsHiddenByOpenFence(parseMarkdown(text), text)
  ]
]

/** The tasks a plan's text holds (its phases, here). */
function planTasks(text: string): unknown {
  const tree = parseMarkdown(text)
  return findTasks(tree, findSections(tree, config), config, text)
}

describe('patterns on user text grow linearly with it', () => {
  for (const [name, make, use] of families) {
    it(name, () => {
      expect(growth(make, use)).toBeLessThan(30)
    })
  }
})

describe('{a,b} alternatives in a path', () => {
  it('are expanded group by group up to a bound, then refused instead of multiplied', () => {
    expect(expandBraces('docs/x_{a,b}_{c,d}.md')).toEqual([
      'docs/x_a_c.md',
      'docs/x_a_d.md',
      'docs/x_b_c.md',
      'docs/x_b_d.md'
    ])
    expect(expandBraces(`docs/${'{a,b}'.repeat(6)}.md`)).toHaveLength(maxBraceAlternatives)
    expect(expandBraces(`docs/${'{a,b}'.repeat(7)}.md`)).toBeUndefined()
    // 2^16 paths before the bound: now refused after the seventh group, whatever follows.
    expect(growth((size) => `docs/${'{a,b}'.repeat(size / 5)}`, expandBraces)).toBeLessThan(30)
  })
})
