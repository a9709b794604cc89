/**
 * The one line scanner kept beside the parser (src/markdown/line-scan.ts),
 * for deciding which part of a growing document to parse: it must agree with
 * the parser on frontmatter and fenced code, the two blocks that change how
 * every later line reads. And a growing document read in part is never
 * taken for one whose frontmatter is left open.
 */
import path from 'node:path'
import type {Root} from 'mdast'
import {describe, expect, test} from 'vitest'
import {neededPart} from '../src/markdown/growing-part.js'
import {parseMarkdown} from '../src/markdown/parse.js'
import {fencedLines, frontmatterEnd, splitLines} from '../src/markdown/line-scan.js'
import {lintWorkspace} from './helpers/lint.js'
import {makeWorkspace} from './helpers/workspace.js'

/** Lines the parser puts in a fenced code block (its fences included), by index. */
function parserFenced(tree: Root, lineCount: number): number[] {
  const lines = new Set<number>()
  for (const node of tree.children) {
    if (node.type !== 'code' || !node.position) continue
    for (let line = node.position.start.line; line <= node.position.end.line; line++) lines.add(line - 1)
  }
  return [...lines].filter((line) => line < lineCount).sort((a, b) => a - b)
}

describe('splitLines', () => {
  test('LF and CRLF end a line; the offset is the line’s first character', () => {
    expect(splitLines('a\r\nbc\n\nd')).toEqual([
      {text: 'a', start: 0},
      {text: 'bc', start: 3},
      {text: '', start: 6},
      {text: 'd', start: 7}
    ])
  })
})

describe('frontmatterEnd agrees with the parser', () => {
  test.each([
    ['no frontmatter', '# Progress\n\n- a\n', 0, undefined],
    ['YAML, closed', '---\ndate: 2026-03-02\n---\n\n# Progress\n', 3, 'yaml'],
    ['TOML, closed', '+++\ndate = 2026-03-02\n+++\n# Progress\n', 3, 'toml'],
    ['YAML left open', '---\ndate: 2026-03-02\n\n# Progress\n- a\n', undefined, undefined],
    [
      'closed by "..." (YAML allows it, the parser does not)',
      '---\ndate: 2026-03-02\n...\n\n- a\n',
      undefined,
      undefined
    ]
  ])('%s', (_name, text, end, parsed) => {
    expect(frontmatterEnd(splitLines(text))).toBe(end)
    const first = parseMarkdown(text).children[0]?.type as string | undefined
    expect(first === 'yaml' || first === 'toml' ? first : undefined).toBe(parsed)
  })
})

describe('fencedLines agrees with the parser', () => {
  test.each([
    ['backticks', 'a\n\n```sh\nnpm test\n```\n\nb\n'],
    ['tildes, closed by a longer fence', 'a\n\n~~~\ncode\n~~~~\n\nb\n'],
    ['a shorter fence does not close', '````\ncode\n```\nstill code\n````\nafter\n'],
    ['the other character does not close', '```\ncode\n~~~\n```\nafter\n'],
    ['never closed: runs to the end', '# Notes\n\n```\ncode\n\n## Not a heading\n'],
    ['indented up to three spaces', '   ```\ncode\n   ```\nafter\n']
  ])('%s', (_name, text) => {
    const lines = splitLines(text)
    const fenced = fencedLines(lines, 0)
    const scanned = [...fenced.keys()].filter((index) => fenced[index] === 1 && index < lines.length - 1)
    expect(scanned).toEqual(parserFenced(parseMarkdown(text), lines.length - 1))
  })
})

describe('a growing document read in part', () => {
  const plan = 'plans/2026-03-04_next_session.plan.md'
  /** A progress log long enough to be parsed in part (over 16 KB), its newest entry pointing at the plan. */
  const progress = (frontmatter: string) => {
    const entries = Array.from(
      {length: 400},
      (_, day) => `## 2025-${String((day % 12) + 1).padStart(2, '0')}-10\n\n- worked on the importer, step ${day}\n`
    )
    return `${frontmatter}# Progress\n\n${entries.join('\n')}\n## 2026-03-04\n\n- Plan: \`${plan}\`\n`
  }

  test('with frontmatter closed: no message about it, though the tree holds only the end', async () => {
    const text = progress('---\nproject: importer\n---\n\n')
    expect(neededPart(text, {names: [path.posix.basename(plan)], since: undefined})).toBeDefined()
    const root = makeWorkspace({[plan]: '# Plan\n', 'progress.md': text})
    const messages = await lintWorkspace(root, ['progress.md'])
    expect(messages.filter((message) => message.includes('frontmatter') || message.includes('starts with a'))).toEqual(
      []
    )
  })

  test('with frontmatter left open: parsed whole, and said once', async () => {
    expect(
      neededPart(progress('---\nproject: importer\n\n'), {names: [path.posix.basename(plan)], since: undefined})
    ).toBeUndefined()
    const root = makeWorkspace({[plan]: '# Plan\n', 'progress.md': progress('---\nproject: importer\n\n')})
    const messages = await lintWorkspace(root, ['progress.md'])
    expect(messages.filter((message) => message.includes('that no closing one ends'))).toEqual([
      '1:1 error undefined `progress.md` starts with a `---` line that no closing one ends: its lists are not read as lists; close the frontmatter or remove that line (--fix leaves the file alone until then)'
    ])
  })
})
