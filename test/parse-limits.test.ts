/**
 * Markdown the parser cannot take in bounded time, stack or memory (issue 13,
 * items 10 and 11): each shape gets one message at its line and is not
 * parsed, in the check, in the pre-push hook through `git push`, and under a
 * 1 GB heap. The parse itself grows in proportion to setext headings and
 * nested lists (growth ratios, never wall-clock limits).
 */
import {spawnSync} from 'node:child_process'
import {chmodSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import {EditMap} from 'micromark-util-edit-map'
import {afterEach, describe, expect, test} from 'vitest'
import {parseMarkdown} from '../src/markdown/parse.js'
import {cliPath, onDay, projectRoot, runCli} from './helpers/cli.js'
import {fixture, git, gitOk, makeRepository, tempFolder} from './helpers/git.js'
import {fixtureFiles, makeLinkedWorkspace} from './helpers/linked-workspace.js'
import {LspClient, type Diagnostic} from './helpers/lsp-client.js'
import {validWorkspace} from './helpers/workspace.js'

const slow = {timeout: 300_000}
const plan = 'plans/2026-02-13_next_session.plan.md'
const planText = readFileSync(path.join(projectRoot, 'fixtures/valid', plan), 'utf8')
/** The line a text appended to the plan starts on. */
const appendedLine = planText.split('\n').length
const noCrash = /internal error|Maximum call stack|heap out of memory|^\s+at /m

interface Checked {
  code: number | null
  messages: string[]
}

/** Runs the built CLI on a folder as a user would (JSON report, no cache): exit code and `file line:column message` lines. */
function check(root: string, nodeOptions: string[] = []): Checked {
  const result = spawnSync(
    process.execPath,
    [...nodeOptions, cliPath, '--root', root, '--format', 'json', '--no-cache'],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
      env: {...process.env, NO_COLOR: '1'}
    }
  )
  expect(result.stderr).not.toMatch(noCrash)
  expect(result.signal).toBeNull()
  const files = JSON.parse(result.stdout) as Array<{
    filePath: string
    messages: Array<{line: number; column: number; message: string}>
  }>
  const messages = files.flatMap((file) =>
    file.messages.map(
      (message) => `${path.relative(root, file.filePath)} ${message.line}:${message.column} ${message.message}`
    )
  )
  return {code: result.status, messages}
}

const nesting = (line: number) =>
  `\`${plan}\` nests block quotes, list items and footnote definitions more than 32 deep (line ${line}), more than sop-lint parses (limits.maxNesting): not checked; nest them less deeply, or raise the limit in the config`
const marks = (line: number) =>
  `\`${plan}\` has more than 1000 marks of emphasis and links (\`*\` \`_\` \`~\` \`[\` \`]\`) in one paragraph (line ${line}), more than sop-lint parses (limits.maxParagraphMarks): not checked; split the paragraph, escape the marks that are text (\`\\*\`), or raise the limit in the config`
const lazy = (line: number) =>
  `\`${plan}\` has a paragraph with more than 100 lines that leave out the \`>\` or indent of the block quote or list item it is in (line ${line}), more than sop-lint parses (limits.maxLazyLines): not checked; start those lines with \`>\` or indent them, or raise the limit in the config`

/** Shapes appended to the plan, the line of the one message each gets, and that message. */
const shapes: Array<{name: string; text: string; line: number; message: (line: number) => string}> = [
  {
    name: '10,000 nested block quotes (20 KB)',
    text: `${'>'.repeat(10_000)} deep\n`,
    line: appendedLine,
    message: nesting
  },
  {
    name: 'block quotes nested one more on each line',
    text: Array.from({length: 40}, (_, depth) => `${'> '.repeat(depth + 1)}x`).join('\n'),
    line: appendedLine + 32,
    message: nesting
  },
  {name: 'a list nested 5,000 deep on one line', text: `${'- '.repeat(5000)}x\n`, line: appendedLine, message: nesting},
  {
    name: 'a list nested by indentation, one level a line',
    text: Array.from({length: 40}, (_, depth) => `${'  '.repeat(depth)}- item`).join('\n'),
    line: appendedLine + 32,
    message: nesting
  },
  {
    name: 'ordered lists in block quotes in list items',
    text: `${'1. > - '.repeat(1000)}x\n`,
    line: appendedLine,
    message: nesting
  },
  {
    name: 'footnote definitions nested 3,000 deep',
    text: `${'[^a]: '.repeat(3000)}x\n`,
    line: appendedLine,
    message: nesting
  },
  {
    name: 'emphasis nested 5,000 deep',
    text: `${'*'.repeat(5000)}x${'*'.repeat(5000)}\n`,
    line: appendedLine,
    message: marks
  },
  {
    name: 'links nested 5,000 deep',
    text: `${'['.repeat(5000)}x${'](y)'.repeat(5000)}\n`,
    line: appendedLine,
    message: marks
  },
  {name: '`a*a*a*…`, where every mark closes', text: `${'a*'.repeat(20_000)}\n`, line: appendedLine, message: marks},
  {
    name: 'emphasis opened on 3,000 lines of one paragraph',
    text: `\n${'*a\n'.repeat(3000)}x\n`,
    line: appendedLine + 1001,
    message: marks
  },
  {
    name: 'a block quote continued by 20,000 lines without `>`',
    text: `> a\n${'b\n'.repeat(20_000)}`,
    line: appendedLine + 101,
    message: lazy
  },
  {
    name: 'a list item continued by 20,000 lines without its indent',
    text: `- a\n${'b\n'.repeat(20_000)}`,
    line: appendedLine + 101,
    message: lazy
  }
]

describe('shapes the parser cannot take: one message at the line, exit 1, the file not parsed (item 10)', () => {
  test.each(shapes)('$name', ({text, line, message}) => {
    const root = validWorkspace({[plan]: `${planText}${text}`})
    expect(check(root)).toEqual({code: 1, messages: [`${plan} ${line}:1 ${message(line)}`]})
  })

  test('the limits are options: raised, the same file is checked and passes', () => {
    const text = `${planText}\n${Array.from({length: 40}, (_, depth) => `${'> '.repeat(depth + 1)}x`).join('\n')}\n`
    const root = validWorkspace({
      [plan]: text,
      '.remarkrc.json': JSON.stringify({plugins: [['sop-lint', {limits: {maxNesting: 64}}]]})
    })
    expect(check(root)).toEqual({code: 0, messages: []})
  })

  test('a document as deep as the limit is checked', () => {
    const text = `${planText}\n${Array.from({length: 32}, (_, depth) => `${'> '.repeat(depth + 1)}x`).join('\n')}\n`
    expect(check(validWorkspace({[plan]: text}))).toEqual({code: 0, messages: []})
  })

  test('progress.md read by the cross-file rules of the plan is not parsed either: its own one message', () => {
    const progress = readFileSync(path.join(projectRoot, 'fixtures/valid/progress.md'), 'utf8')
    const line = progress.split('\n').length
    const root = validWorkspace({'progress.md': `${progress}${'>'.repeat(10_000)} deep\n`})
    const {code, messages} = check(root)
    expect(code).toBe(1)
    expect(messages).toEqual([
      `progress.md ${line}:1 \`progress.md\` nests block quotes, list items and footnote definitions more than 32 deep (line ${line}), more than sop-lint parses (limits.maxNesting): not checked; nest them less deeply, or raise the limit in the config`
    ])
  })
})

/** The valid plan followed by list items, to about `bytes`. */
function listPlan(bytes: number): string {
  const text = `${planText}\n`
  const item = '- x\n'
  return text + item.repeat(Math.floor((bytes - Buffer.byteLength(text)) / item.length))
}

describe('size: what is parsed at once is bounded (item 11, limits.maxParsedBytes)', () => {
  test('a 1 MB plan of list items, checked with a 1 GB heap: one message, no abort', () => {
    const root = validWorkspace({[plan]: listPlan(1_000_000)})
    expect(check(root, ['--max-old-space-size=1024'])).toEqual({
      code: 1,
      messages: [
        `${plan} 1:1 \`${plan}\` is 976.6 KB, more than the 128 KB sop-lint parses at once (limits.maxParsedBytes): not checked; split it, or raise the limit in the config`
      ]
    })
  })

  test('a plan of list items just under the limit is checked with a 1 GB heap', slow, () => {
    const root = validWorkspace({[plan]: listPlan(128 * 1024)})
    expect(check(root, ['--max-old-space-size=1024'])).toEqual({code: 0, messages: []})
  })

  test('a Task ↔ Spec table whose plain rows, built without the parser, pass the limit is refused like any text', () => {
    const table = 'docs/Tasks/tracker_cli_todo.md'
    const original = readFileSync(path.join(projectRoot, 'fixtures/valid', table), 'utf8')
    const rows = Array.from({length: 3000}, (_, row) => `| Archived task ${row} | done | n/a | Shipped long ago |\n`)
    const text = `${original}${rows.join('')}`
    // Less its plain rows, the text is far under the limit: only the whole text is past it.
    expect(Buffer.byteLength(original)).toBeLessThan(2 * 1024)
    // The plan that cites the table is told it is large; the table itself gets the gate's one message.
    const {messages} = check(validWorkspace({[table]: text}))
    expect(messages.filter((message) => message.startsWith(`${table} `))).toEqual([
      `${table} 1:1 \`${table}\` is ${(Buffer.byteLength(text) / 1024).toFixed(1)} KB, more than the 128 KB sop-lint parses at once (limits.maxParsedBytes): not checked; split it, or raise the limit in the config`
    ])
  })

  test('a growing document is judged by the part the checks need: a progress.md far over the limit passes', () => {
    const progress = readFileSync(path.join(projectRoot, 'fixtures/valid/progress.md'), 'utf8')
    const history = Array.from(
      {length: 3000},
      (_, day) => `## 2020-01-01 — day ${day}\n\n- Worked on the invoice sync.\n`
    ).join('\n')
    const text = progress.replace(/^(# [^\n]*\n)/, `$1\n${history}\n`)
    expect(Buffer.byteLength(text)).toBeGreaterThan(128 * 1024)
    expect(check(validWorkspace({'progress.md': text}))).toEqual({code: 0, messages: []})
  })
})

describe('through the pre-push hook: the push is refused with the message, never with a crash', () => {
  test('10,000 nested block quotes, 20,000 lazy lines and a 1 MB plan, each in a pushed commit', slow, () => {
    const {work, remote} = makeRepository(fixture('valid'))
    gitOk(work, ['add', '-A'])
    gitOk(work, ['commit', '-q', '-m', 'valid workspace'])
    expect(git(work, ['push', '-q', 'origin', 'main']).code).toBe(0)
    const hook = path.join(work, '.git/hooks/pre-push')
    writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${cliPath}" hook pre-push "$@"\n`)
    chmodSync(hook, 0o755)
    const pushed = gitOk(remote, ['rev-parse', 'main'])

    const cases: Array<[string, string]> = [
      [`${planText}${'>'.repeat(10_000)} deep\n`, `${appendedLine}:1 error ${nesting(appendedLine)}`],
      [`${planText}> a\n${'b\n'.repeat(20_000)}`, `${appendedLine + 101}:1 error ${lazy(appendedLine + 101)}`],
      [
        listPlan(1_000_000),
        `1:1 error \`${plan}\` is 976.6 KB, more than the 128 KB sop-lint parses at once (limits.maxParsedBytes)`
      ]
    ]
    for (const [text, message] of cases) {
      writeFileSync(path.join(work, plan), text)
      gitOk(work, ['commit', '-q', '-am', 'a plan the parser cannot take'])
      const push = git(work, ['push', 'origin', 'main'], {
        env: {NODE_OPTIONS: '--max-old-space-size=1024', NO_COLOR: '1'}
      })
      expect(push.code).toBe(1)
      expect(push.stderr).toContain('sop-lint: push blocked')
      expect(push.stderr.replace(/\s*\n\s*→\s*/g, ': ').replace(/[ \t]+/g, ' ')).toContain(`${plan}\n ${message}`)
      expect(push.stderr).not.toMatch(noCrash)
      expect(gitOk(remote, ['rev-parse', 'main'])).toBe(pushed)
      gitOk(work, ['reset', '-q', '--hard', 'HEAD~1'])
    }
  })
})

const deepQuotes = `${'>'.repeat(10_000)} deep\n`

describe('every other entry that parses Markdown goes through the same gate', () => {
  const clients: LspClient[] = []
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.stop()))
  })

  test('the language server: one diagnostic at the line, no crash', slow, async () => {
    const root = makeLinkedWorkspace(fixtureFiles('valid'))
    const client = LspClient.start()
    clients.push(client)
    await client.initialize([root])
    const file = path.join(root, plan)
    await client.open(file, `${planText}${deepQuotes}`)
    const {diagnostics} = await client.diagnostics(file, {version: 1})
    expect(
      diagnostics.map((diagnostic) => [diagnostic.range.start.line + 1, diagnostic.severity, diagnostic.message])
    ).toEqual([[appendedLine, 1, nesting(appendedLine)]])
  })

  test('the language server judges a growing document by the part the checks need, as the check does: a progress.md far over the limit gets what the short one gets', async () => {
    const files = fixtureFiles('valid')
    const root = makeLinkedWorkspace(files)
    const client = LspClient.start()
    clients.push(client)
    await client.initialize([root])
    const file = path.join(root, 'progress.md')
    const progress = files['progress.md']!
    const history = Array.from(
      {length: 3000},
      (_, day) => `## 2020-01-01 — day ${day}\n\n- Worked on the invoice sync.\n`
    ).join('\n')
    const long = progress.replace(/^(# [^\n]*\n)/, `$1\n${history}\n`)
    expect(Buffer.byteLength(long)).toBeGreaterThan(128 * 1024)
    const added = long.split('\n').length - progress.split('\n').length
    const seen = (diagnostics: Diagnostic[], shift = 0) =>
      diagnostics.map((diagnostic) => [diagnostic.range.start.line - shift, diagnostic.code, diagnostic.message])

    await client.open(file, progress, 1)
    const short = await client.diagnostics(file, {version: 1})
    const since = client.published.length
    await client.change(file, long, 2)
    const judged = await client.diagnostics(file, {version: 2, since})
    // The gate before the partial parse refused the whole text: one message that it is not checked.
    expect(seen(judged.diagnostics, added)).toEqual(seen(short.diagnostics))
  })

  test('stock remark with the preset: one message at the line, exit 1', () => {
    const root = makeLinkedWorkspace({...fixtureFiles('valid'), [plan]: `${planText}${deepQuotes}`})
    const remarkCli = path.join(projectRoot, 'node_modules/remark-cli/cli.js')
    const result = spawnSync(process.execPath, [remarkCli, plan, '--use', 'sop-lint', '--no-stdout', '--no-color'], {
      cwd: root,
      encoding: 'utf8'
    })
    expect(result.stderr).not.toMatch(noCrash)
    expect(result.status).toBe(1)
    expect(result.stderr).toContain(`${appendedLine}:1 error ${nesting(appendedLine)}`)
    expect(result.stderr).toContain('1 error')
  })

  test('hook pre-commit (and lint-staged, which names the staged files the same way): one message, exit 1', () => {
    const {work} = makeRepository(fixture('valid'))
    writeFileSync(path.join(work, plan), `${planText}${deepQuotes}`)
    gitOk(work, ['add', '-A'])
    const result = runCli(['hook', 'pre-commit'], {cwd: work, env: {NO_COLOR: '1'}})
    expect(result.stderr).not.toMatch(noCrash)
    expect(result.stdout).not.toMatch(noCrash)
    expect(result.code).toBe(1)
    expect(result.stdout.replace(/\s*\n\s*→\s*/g, ': ').replace(/[ \t]+/g, ' ')).toContain(
      `${appendedLine}:1 error ${nesting(appendedLine)}`
    )
    expect(result.stdout).toContain('1 problem (1 error, 0 warnings)')
  })

  test('--fix leaves a plan it cannot parse as it is, and says why once', () => {
    const text = `${planText}${deepQuotes}`
    const root = validWorkspace({[plan]: text})
    const result = runCli(['--fix', '--root', root, '--format', 'json', '--no-cache'], {env: onDay('2026-02-13')})
    expect(result.stderr).not.toMatch(noCrash)
    expect(result.code).toBe(1)
    const files = JSON.parse(result.stdout) as Array<{messages: Array<{message: string}>}>
    expect(files.flatMap((file) => file.messages.map((message) => message.message))).toEqual([nesting(appendedLine)])
    expect(readFileSync(path.join(root, plan), 'utf8')).toBe(text)
  })

  test('plan new and hook session-start with a handoff, a Task ↔ Spec table and a plan past the limits: no crash, exit 0', () => {
    const handoff = readFileSync(path.join(projectRoot, 'fixtures/valid/docs/SESSION_HANDOFF.md'), 'utf8')
    const table = readFileSync(path.join(projectRoot, 'fixtures/valid/docs/Tasks/tracker_cli_todo.md'), 'utf8')
    const root = validWorkspace({
      'docs/SESSION_HANDOFF.md': `${handoff}${deepQuotes}`,
      'docs/Tasks/tracker_cli_todo.md': `${table}${deepQuotes}`,
      [plan]: `${planText}${deepQuotes}`
    })
    const drafted = runCli(['plan', 'new', '--date', '2026-02-14', '--root', root])
    expect(drafted.stderr).not.toMatch(noCrash)
    expect(drafted.code).toBe(0)
    const start = runCli(['hook', 'session-start'], {
      cwd: root,
      input: JSON.stringify({
        session_id: 'c0ffee00-1234-4abc-8def-000000000003',
        transcript_path: null,
        cwd: root,
        hook_event_name: 'SessionStart',
        source: 'startup'
      }),
      env: {XDG_CACHE_HOME: tempFolder()}
    })
    expect(start.stderr).not.toMatch(noCrash)
    expect(start.code).toBe(0)
  })
})

/** CPU milliseconds of this process so far: other processes on a loaded machine do not count. */
function cpuMilliseconds(): number {
  const {user, system} = process.cpuUsage()
  return (user + system) / 1000
}

/** The least CPU time of five parses, in milliseconds: the one a collection or a compilation fell into least. */
function fastestParse(text: string): number {
  let best = Number.POSITIVE_INFINITY
  for (let round = 0; round < 5; round++) {
    const start = cpuMilliseconds()
    parseMarkdown(text)
    best = Math.min(best, cpuMilliseconds() - start)
  }
  return best
}

/** Parse time for 100 times the units over time for 10 times, after a warm-up on both smaller texts: linear is 10, quadratic 100. */
function parseGrowth(unit: string, smallest: number): number {
  const texts = [1, 10, 100].map((times) => unit.repeat(smallest * times))
  fastestParse(texts[0]!)
  return Math.max(fastestParse(texts[2]!), 0.05) / Math.max(fastestParse(texts[1]!), 0.05)
}

describe('the parse grows in proportion to the document (growth ratios, not wall-clock limits)', () => {
  test.each([
    ['setext headings (each rebuilt the list of events of the whole document so far)', 'a\n=\n\n', 50],
    ['setext headings without blank lines', 'Title\n---\n', 50],
    ['tasks with a nested item each', '- [ ] task x\n  - sub y\n', 20],
    ['list items', '- x\n', 50]
  ])('%s', slow, (_name, unit, smallest) => {
    expect(parseGrowth(unit, smallest)).toBeLessThan(30)
  })
})

describe('the EditMap consume that keeps the events before the first edit (markdown/linear-edit-map.ts)', () => {
  /** What micromark's consume makes of a list: the events up to each edit, its insertion, and on after what it removes. */
  function reference(events: readonly number[], edits: ReadonlyArray<[number, number, number[]]>): number[] {
    const result: number[] = []
    let from = 0
    for (const [at, remove, add] of [...edits].sort((a, b) => a[0] - b[0])) {
      result.push(...events.slice(from, at), ...add)
      from = at + remove
    }
    return [...result, ...events.slice(from)]
  }

  test('gives the list micromark’s gives, for any edits that do not overlap', () => {
    const edits = fc.array(fc.integer({min: 0, max: 40}), {maxLength: 12}).chain((cuts) => {
      const places = [...new Set(cuts)].sort((a, b) => a - b)
      return fc.tuple(
        fc.constant(places),
        fc.array(fc.tuple(fc.nat({max: 3}), fc.array(fc.integer({min: 100, max: 999}), {maxLength: 3})), {
          minLength: places.length,
          maxLength: places.length
        })
      )
    })
    fc.assert(
      fc.property(edits, fc.boolean(), ([places, changes], shuffled) => {
        const events = Array.from({length: 45}, (_, index) => index)
        // Removals stop short of the next edit, as micromark's resolvers' do.
        const planned: Array<[number, number, number[]]> = places.map((at, index) => [
          at,
          Math.min(changes[index]![0], (places[index + 1] ?? 45) - at),
          changes[index]![1]
        ])
        const map = new EditMap()
        for (const [at, remove, add] of shuffled ? [...planned].reverse() : planned) map.add(at, remove, add as never[])
        const consumed = [...events]
        map.consume(consumed as never[])
        expect(consumed).toEqual(reference(events, planned))
      }),
      {numRuns: 500, seed: 20261207}
    )
  })
})
