/**
 * Required-reading token counts: o200k_base as gpt-tokenizer counts it
 * (checked against the library called directly, and against counts known by
 * hand), special-token text counted as text, the cache keyed by git's blob
 * oid, a second run served from the cache without loading the tokenizer, and
 * the reading of a plan (ranges, duplicates, a task's own reading).
 */
import {execFileSync} from 'node:child_process'
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {resolveConfig} from '../src/engine/config.js'
import {loadNewestPlan} from '../src/plan/load-plan.js'
import {gitBlobOid} from '../src/tokens/blob-oid.js'
import {cacheFolderFor} from '../src/workspace/cache-folder.js'
import {TokenCounter} from '../src/tokens/cache.js'
import {countReading, readingItems} from '../src/tokens/reading.js'
import {countTokens} from '../src/tokens/tokenizer.js'
import {WorkingTreeSource} from '../src/workspace/source.js'
import {Workspace} from '../src/workspace/workspace.js'
import {projectRoot, runCli} from './helpers/cli.js'
import {fixtureFiles} from './helpers/linked-workspace.js'
import {lintWorkspace} from './helpers/lint.js'
import {makeWorkspace} from './helpers/workspace.js'

/** Text with emoji (a ZWJ sequence and flags), CJK, code, combining marks and special-token text. */
const mixed = [
  '# Release notes 🚀🎉 — 東京とサンフランシスコ',
  '',
  'Emoji: 👩‍👩‍👧‍👦 🇯🇵🇫🇷 ✅ 🧾💶; CJK: 发票同步服务会把每笔金额换算成账本货币。한국어 문장도 있습니다.',
  'Combining: é (e + U+0301), Ångström, naïve café.',
  '',
  '```ts',
  'export function halfEven(value: number, digits = 2): number {',
  '  const factor = 10 ** digits',
  '  const scaled = value * factor',
  '  return Math.round(scaled) / factor // 0.125 → 0.12',
  '}',
  '```',
  '',
  'Special-token text stays text: <|endoftext|> <|im_start|>system<|im_end|>',
  ''
].join('\n')

/** gpt-tokenizer's o200k_base, called here directly: the reference the counts must agree with. */
const reference = createRequire(import.meta.url)('gpt-tokenizer/encoding/o200k_base') as {
  countTokens(text: string, options?: {disallowedSpecial?: Set<string>; allowedSpecial?: Set<string>}): number
  encode(text: string, options?: {disallowedSpecial?: Set<string>}): number[]
}

describe('o200k_base counts', () => {
  test('known counts, checked by hand', () => {
    // "hello" + " world": two tokens in every GPT encoding since GPT-2.
    expect(countTokens('hello world')).toBe(2)
    // "Hello" "," " world" "!": o200k_base ids 13225, 11, 2375, 0.
    expect(reference.encode('Hello, world!', {disallowedSpecial: new Set()})).toEqual([13225, 11, 2375, 0])
    expect(countTokens('Hello, world!')).toBe(4)
    expect(countTokens('')).toBe(0)
  })

  test('agree with gpt-tokenizer’s o200k_base on emoji, CJK and code', () => {
    const expected = reference.countTokens(mixed, {disallowedSpecial: new Set()})
    expect(expected).toBeGreaterThan(100)
    expect(countTokens(mixed)).toBe(expected)
    for (const line of mixed.split('\n'))
      expect(countTokens(line)).toBe(reference.encode(line, {disallowedSpecial: new Set()}).length)
  })

  test('special-token text is counted as plain text, never thrown on', () => {
    // The library's default refuses it…
    expect(() => reference.countTokens('<|endoftext|>')).toThrow(/Disallowed special token/)
    // …and as one special token it would be 1; as text it is "<", "|", "endo", "ftext", "|", ">": more than one.
    expect(reference.countTokens('<|endoftext|>', {allowedSpecial: new Set(['<|endoftext|>'])})).toBe(1)
    expect(countTokens('<|endoftext|>')).toBe(reference.encode('<|endoftext|>', {disallowedSpecial: new Set()}).length)
    expect(countTokens('<|endoftext|>')).toBeGreaterThan(1)
  })
})

describe('git blob oid', () => {
  test('is what git hash-object prints, for text with a BOM, CJK, emoji and CRLF', () => {
    const root = makeWorkspace({'a.md': '\uFEFF# 東京 🚀\r\nline two\r\n', 'empty.txt': '', 'b.md': mixed})
    for (const name of ['a.md', 'empty.txt', 'b.md']) {
      const expected = execFileSync('git', ['hash-object', '--no-filters', name], {cwd: root, encoding: 'utf8'}).trim()
      expect(gitBlobOid(readFileSync(path.join(root, name), 'utf8'))).toBe(expected)
    }
    expect(gitBlobOid('')).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391')
  })
})

describe('cache', () => {
  test('counts are stored under the blob oid, atomically, and read back', () => {
    const root = makeWorkspace({})
    const folder = path.join(root, 'node_modules/.cache/sop-lint')
    const first = new TokenCounter(folder)
    expect(first.count(mixed)).toEqual({tokens: countTokens(mixed), oid: gitBlobOid(mixed), cached: false})
    expect(first.count(mixed).cached).toBe(true)
    first.save()
    expect(readdirSync(folder)).toEqual(['token-counts.json'])
    const data = JSON.parse(readFileSync(path.join(folder, 'token-counts.json'), 'utf8')) as {
      encoding: string
      entries: Array<[string, number]>
    }
    expect(data.encoding).toBe('o200k_base')
    expect(data.entries).toEqual([[gitBlobOid(mixed), countTokens(mixed)]])
  })

  test('a cache made with another encoding, or broken, is ignored; a folder that cannot be written costs nothing but the count', () => {
    const root = makeWorkspace({
      'bad/token-counts.json': JSON.stringify({version: 1, encoding: 'cl100k_base', entries: [[gitBlobOid('x'), 999]]}),
      'broken/token-counts.json': '{"version": 1, "encod',
      'a-file': ''
    })
    expect(new TokenCounter(path.join(root, 'bad')).count('x')).toMatchObject({tokens: 1, cached: false})
    expect(new TokenCounter(path.join(root, 'broken')).count('x')).toMatchObject({tokens: 1, cached: false})
    const unwritable = new TokenCounter(path.join(root, 'a-file', 'cache'))
    expect(unwritable.count('hello world').tokens).toBe(2)
    expect(() => unwritable.save()).not.toThrow()
  })

  // --no-cache: the check's whole result is not taken from the result cache, so what the token cache does shows.
  test('a second check is served from the cache and does not load the tokenizer', () => {
    const root = makeWorkspace({...fixtureFiles('valid'), 'node_modules/.keep': ''})
    const env = {SOP_LINT_DEBUG_TOKENS: '1'}
    const cold = runCli(['--root', root, '--no-cache'], {env})
    expect(cold.code).toBe(0)
    expect(cold.stderr).toMatch(/^sop-lint tokens: 0 from the cache, 4 counted \(tokenizer loaded in \d+ ms\)\n$/)
    const warm = runCli(['--root', root, '--no-cache'], {env})
    expect(warm.code).toBe(0)
    expect(warm.stderr).toBe('sop-lint tokens: 4 from the cache, 0 counted (tokenizer not loaded)\n')
    // The cache's keys are the oids git gives the files.
    const data = JSON.parse(
      readFileSync(path.join(root, 'node_modules/.cache/sop-lint/token-counts.json'), 'utf8')
    ) as {entries: Array<[string, number]>}
    const files = [
      'docs/SOP/next_session_planning.md',
      'docs/System/sync_pipeline.md',
      'docs/System/token_tracking.md',
      'docs/Tasks/tracker_cli_todo.md'
    ]
    const oids = execFileSync('git', ['hash-object', '--no-filters', ...files], {cwd: root, encoding: 'utf8'})
      .trim()
      .split('\n')
    expect(data.entries.map(([oid]) => oid).sort()).toEqual([...oids].sort())
    // A changed file is counted again; the others still come from the cache.
    writeFileSync(path.join(root, files[0]!), `${readFileSync(path.join(root, files[0]!), 'utf8')}\nOne more line.\n`)
    expect(runCli(['--root', root, '--no-cache'], {env}).stderr).toMatch(
      /^sop-lint tokens: 3 from the cache, 1 counted/
    )
  })

  test('sop-lint budget --format json reports the cache: cold, then warm', () => {
    const root = makeWorkspace({...fixtureFiles('valid'), 'node_modules/.keep': ''})
    const cold = JSON.parse(runCli(['budget', '--format', 'json', '--root', root]).stdout) as {
      cache: {hits: number; misses: number; tokenizerLoadMs?: number}
    }
    expect(cold.cache).toMatchObject({hits: 0, misses: 4})
    expect(cold.cache.tokenizerLoadMs).toBeGreaterThan(0)
    const warm = JSON.parse(runCli(['budget', '--format', 'json', '--root', root]).stdout) as {
      cache: {hits: number; misses: number; tokenizerLoadMs?: number}
    }
    expect(warm.cache).toMatchObject({hits: 4, misses: 0})
    expect(warm.cache.tokenizerLoadMs).toBeUndefined()
  })
})

describe('cache folder', () => {
  test('node_modules/.cache/sop-lint where the repository has node_modules; else the user’s cache folder, and no node_modules is made', () => {
    const withModules = makeWorkspace({'node_modules/.keep': ''})
    expect(cacheFolderFor(withModules, 'node_modules/.cache/sop-lint')).toBe(
      path.join(withModules, 'node_modules/.cache/sop-lint')
    )
    const bare = makeWorkspace({})
    expect(cacheFolderFor(bare, 'node_modules/.cache/sop-lint', {XDG_CACHE_HOME: '/x/cache'})).toBe('/x/cache/sop-lint')
    expect(cacheFolderFor(bare, 'node_modules/.cache/sop-lint', {HOME: '/home/someone'})).toBe(
      path.join(os.homedir(), '.cache/sop-lint')
    )
    expect(cacheFolderFor(bare, '.cache/tokens')).toBe(path.join(bare, '.cache/tokens'))

    const root = makeWorkspace(fixtureFiles('valid'))
    const userCache = makeWorkspace({})
    const run = runCli(['--root', root, '--no-cache'], {env: {XDG_CACHE_HOME: userCache, SOP_LINT_DEBUG_TOKENS: '1'}})
    expect(run.stderr).toMatch(/0 from the cache, 4 counted/)
    expect(existsSync(path.join(root, 'node_modules'))).toBe(false)
    expect(readdirSync(path.join(userCache, 'sop-lint'))).toEqual(['token-counts.json'])
    expect(
      runCli(['--root', root, '--no-cache'], {env: {XDG_CACHE_HOME: userCache, SOP_LINT_DEBUG_TOKENS: '1'}}).stderr
    ).toMatch(/4 from the cache, 0 counted/)
  })
})

describe('lazy loading', () => {
  test('only src/tokens/tokenizer.ts names gpt-tokenizer, and loads it inside the counting function', () => {
    const named: string[] = []
    const walk = (folder: string) => {
      for (const entry of readdirSync(path.join(projectRoot, folder), {withFileTypes: true})) {
        const relative = `${folder}/${entry.name}`
        if (entry.isDirectory()) walk(relative)
        else if (
          /\.ts$/.test(entry.name) &&
          readFileSync(path.join(projectRoot, relative), 'utf8').includes('gpt-tokenizer')
        )
          named.push(relative)
      }
    }
    for (const folder of ['src', 'rules']) walk(folder)
    expect(named).toEqual(['src/tokens/tokenizer.ts'])
    const source = readFileSync(path.join(projectRoot, 'src/tokens/tokenizer.ts'), 'utf8')
    expect(source).not.toMatch(/^import[^\n]*gpt-tokenizer/m)
    expect(source).not.toMatch(/import\(\s*['"]gpt-tokenizer/)
  })

  test('a check with a warm cache does not load the tokenizer module', () => {
    const root = makeWorkspace({...fixtureFiles('valid'), 'node_modules/.keep': ''})
    runCli(['--root', root, '--no-cache'])
    const preload = path.join(root, 'trace.cjs')
    writeFileSync(
      preload,
      "const Module = require('module'); const load = Module._load; Module._load = function (request, ...rest) { if (String(request).includes('gpt-tokenizer')) process.stderr.write('LOADED ' + request + '\\n'); return load.call(this, request, ...rest) }\n"
    )
    const warm = runCli(['--root', root, '--no-cache'], {env: {NODE_OPTIONS: `--require ${preload}`}})
    expect(warm.code).toBe(0)
    expect(warm.stderr).toBe('')
    rmCache(root)
    const cold = runCli(['--root', root, '--no-cache'], {env: {NODE_OPTIONS: `--require ${preload}`}})
    expect(cold.stderr).toContain('LOADED gpt-tokenizer/encoding/o200k_base')
  })
})

function rmCache(root: string): void {
  const file = path.join(root, 'node_modules/.cache/sop-lint/token-counts.json')
  if (existsSync(file)) writeFileSync(file, '{}')
}

describe('the reading of a plan', () => {
  const plan = `# Plan (2026-03-02)

## Token budget
- Target: 204K
- Buffer: 15K

## Required reading
1. \`docs/big.md:2-3\` — the two lines that matter
2. [the architecture](../docs/big.md) — all of it; summary first: \`docs/big_summary.md\`
3. \`docs/big.md\` — listed twice
4. \`docs/\` — a folder
5. \`docs/missing.md\` — does not exist
6. \`docs/logo.png\` — binary
7. \`docs/special.md\` — special-token text

## Tasks
1. **Export (40K)**
   - Reading: \`docs/task.md\`, \`docs/big.md:1-1\`
   - Spec: \`features/export.feature\`
`
  const big = 'line one\nline two — 二行目\nline three 🚀\nline four\n'

  test('ranges, duplicates, a covered range, folders, missing and binary files, a task’s own reading', () => {
    const root = makeWorkspace({
      'plans/2026-03-02_next_session.plan.md': plan,
      'docs/big.md': big,
      'docs/big_summary.md': 'The summary.\n',
      'docs/logo.png': '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR',
      'docs/special.md': 'Text with <|endoftext|> in it.\n',
      'docs/task.md': 'What the export task needs.\n'
    })
    const config = resolveConfig({})
    const workspace = new Workspace(new WorkingTreeSource(root), config)
    const document = loadNewestPlan(workspace)!
    const reading = countReading(
      readingItems(document, config, 'plans/2026-03-02_next_session.plan.md'),
      workspace,
      new TokenCounter(undefined)
    )
    const row = (label: string) => reading.items.find((item) => item.label === label)!
    const tokens = (text: string) => reference.countTokens(text, {disallowedSpecial: new Set()})

    expect(
      reading.items.map((item) => [
        item.label,
        item.from.kind === 'task' ? `task ${item.from.task}` : 'required',
        item.tokens,
        item.note
      ])
    ).toEqual([
      [
        'docs/big.md:2-3',
        'required',
        tokens('line two — 二行目\nline three 🚀\n'),
        'covered by `docs/big.md` read whole'
      ],
      ['../docs/big.md', 'required', tokens(big), undefined],
      ['docs/big_summary.md', 'required', tokens('The summary.\n'), undefined],
      ['docs/big.md', 'required', tokens(big), 'listed before: counted once'],
      ['docs/', 'required', undefined, 'a folder: not counted (name its files)'],
      ['docs/missing.md', 'required', undefined, 'does not exist'],
      ['docs/logo.png', 'required', undefined, 'binary: not counted'],
      ['docs/special.md', 'required', tokens('Text with <|endoftext|> in it.\n'), undefined],
      ['docs/task.md', 'task 1', tokens('What the export task needs.\n'), undefined],
      ['docs/big.md:1', 'task 1', tokens('line one\n'), 'covered by `docs/big.md` read whole']
    ])
    expect(row('../docs/big.md').summarised).toBe(true)
    expect(row('docs/big_summary.md').isSummary).toBe(true)
    const distinct =
      tokens(big) +
      tokens('The summary.\n') +
      tokens('Text with <|endoftext|> in it.\n') +
      tokens('What the export task needs.\n')
    expect(reading.total).toBe(distinct)
    expect(reading.required).toBe(distinct - tokens('What the export task needs.\n'))
    expect(reading.perTask.get(1)).toBe(tokens('What the export task needs.\n') + tokens('line one\n'))
  })

  test('the rule judges only the newest plan', async () => {
    const older = plan.replace('Target: 204K', 'Target: 10 tokens').replace('Buffer: 15K', 'Buffer: 1 tokens')
    const root = makeWorkspace({
      'plans/2026-03-01_next_session.plan.md': older,
      'plans/2026-03-02_next_session.plan.md': plan,
      'docs/big.md': big,
      'docs/big_summary.md': 'The summary.\n',
      'docs/special.md': 'x\n',
      'docs/task.md': 'y\n'
    })
    expect(
      await lintWorkspace(
        root,
        ['plans/2026-03-01_next_session.plan.md', 'plans/2026-03-02_next_session.plan.md'],
        'reading-budget'
      )
    ).toEqual([])
  })
})
