/**
 * Issue 13, reads and writes: what sop-lint writes is never lost to a
 * concurrent edit, never carries control characters out of a document, and
 * never lands, nor is read from, outside the repository; nothing hangs on a
 * FIFO. Every case runs the built CLI as a user does. `npm test` builds
 * first; run `npm run build` before running this file on its own.
 */
import {execFileSync, spawn} from 'node:child_process'
import {
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {cliPath, onPlanDay, runCli} from './helpers/cli.js'
import {makeRepository} from './helpers/git.js'
import {tokenCount, usage, writeRollout} from './helpers/usage-logs.js'
import {makeWorkspace, tempFolder} from './helpers/workspace.js'

const plan = 'plans/2026-03-02_next_session.plan.md'

/** Runs the built CLI without blocking this process, so a FIFO that hangs it is seen (and it is killed) instead of hanging the test. */
function runCliAsync(
  args: string[],
  options: {cwd?: string; timeoutMs?: number; env?: Record<string, string>} = {}
): Promise<{code: number | null; stdout: string; stderr: string; hung: boolean}> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: options.cwd,
      env: {...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env},
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    let hung = false
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = setTimeout(() => {
      hung = true
      child.kill('SIGKILL')
    }, options.timeoutMs ?? 15_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({code, stdout, stderr, hung})
    })
  })
}

/**
 * A second process that appends numbered lines to `name` in `folder` for as
 * long as a temporary file of it (`name.…`) stands beside it, that is, while
 * a write of the file is under way; it starts on the folder's change events.
 * Stopped by creating `stop`, it writes how many lines it appended to `count`.
 */
const appenderScript = `
import {appendFileSync, existsSync, readdirSync, watch, writeFileSync} from 'node:fs'
import path from 'node:path'
const [folder, name, stop, count] = process.argv.slice(2)
let appended = 0
const writing = () => readdirSync(folder).some((entry) => entry.startsWith(name + '.'))
const burst = () => {
  for (let lines = 0; lines < 2000 && writing(); lines++) appendFileSync(path.join(folder, name), '- appended ' + appended++ + '\\n')
}
const watcher = watch(folder, (event, file) => {
  if (file && file.startsWith(name + '.')) burst()
})
const timer = setInterval(() => {
  if (!existsSync(stop)) return
  watcher.close()
  clearInterval(timer)
  writeFileSync(count, String(appended))
}, 20)
process.stdout.write('watching\\n')
`

describe('--fix and a concurrent edit (item 6)', () => {
  test('lines a second process appends to progress.md while --fix writes it are never lost', async () => {
    let appendedInAll = 0
    for (let round = 0; round < 6; round++) {
      const root = makeWorkspace({
        [plan]: '# Plan\n',
        'progress.md': '# Progress\n\n- 2026-03-01 — started\n',
        '.git/keep': ''
      })
      const script = path.join(root, '.git/appender.mjs')
      writeFileSync(script, appenderScript)
      const appender = spawn(process.execPath, [
        script,
        root,
        'progress.md',
        path.join(root, '.git/stop'),
        path.join(root, '.git/count')
      ])
      const ended = new Promise((resolve) => appender.once('exit', resolve))
      await new Promise((resolve) => appender.stdout.once('data', resolve))
      const fixed = await runCliAsync(['--fix', '--root', root], {env: onPlanDay(root)})
      writeFileSync(path.join(root, '.git/stop'), '')
      await ended
      const appended = Number(readFileSync(path.join(root, '.git/count'), 'utf8'))
      appendedInAll += appended
      const text = readFileSync(path.join(root, 'progress.md'), 'utf8')
      const lost = Array.from({length: appended}, (_, index) => `- appended ${index}\n`).filter(
        (line) => !text.includes(line)
      )
      expect(lost, `round ${round}: ${fixed.stderr}`).toEqual([])
      expect(text.startsWith('# Progress\n\n- 2026-03-01 — started\n')).toBe(true)
      // Either the fix landed (and what was appended meanwhile is kept after it), or it was not written and says why.
      if (fixed.stderr.includes('sop-lint: fixed progress.md')) expect(text).toContain(`- Plan: \`${plan}\``)
      else
        expect(fixed.stderr).toContain(
          'sop-lint: not written: progress.md changed on disk while sop-lint was fixing it; run --fix again'
        )
    }
    // The appender did write while --fix was writing: the window was hit.
    expect(appendedInAll).toBeGreaterThan(0)
  }, 120_000)
})

/** Every file below a folder, by repository-relative name. */
function filesBelow(folder: string): string[] {
  if (!existsSync(folder)) return []
  return readdirSync(folder, {recursive: true, withFileTypes: true})
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort()
}

describe('writers stay inside the repository (item 12)', () => {
  test('plan new and --fix do not write through a committed plans/ link to a folder outside', () => {
    const outside = tempFolder()
    const root = makeWorkspace({'progress.md': '# Progress\n'})
    symlinkSync(outside, path.join(root, 'plans'))
    const created = runCli(['plan', 'new', '--date', '2026-12-01', '--root', root])
    expect(created.code).toBe(2)
    expect(created.stderr).toBe(
      'sop-lint: plans/2026-12-01_next_session.plan.md lies in a folder reached through a symbolic link (`plans`): sop-lint does not write through links\n'
    )
    runCli(['--fix', '--root', root], {env: onPlanDay(root)})
    expect(filesBelow(outside)).toEqual([])
  })

  const leaving: Array<[string, Record<string, unknown>, string]> = [
    ['paths.plans', {paths: {plans: '../x'}}, 'paths.plans'],
    ['paths.plans through a folder', {paths: {plans: 'docs/../../x'}}, 'paths.plans'],
    ['paths.progress with backslashes', {paths: {progress: '..\\x\\progress.md'}}, 'paths.progress'],
    ['an entry of paths.references', {paths: {references: ['docs', '../x']}}, 'paths.references.1'],
    ['tokens.cacheFolder', {tokens: {cacheFolder: 'node_modules/../../x'}}, 'tokens.cacheFolder'],
    ['plan.pattern', {plan: {pattern: '../x/{date}.plan.md'}}, 'plan.pattern']
  ]
  test.each(leaving)(
    '%s that leaves the root once normalised: a config error naming the key, and nothing written',
    (_name, options, key) => {
      const base = tempFolder()
      const root = path.join(base, 'repo')
      mkdirSync(root)
      writeFileSync(path.join(root, '.remarkrc.json'), JSON.stringify({plugins: [['sop-lint', options]]}))
      writeFileSync(path.join(root, 'progress.md'), '# Progress\n')
      for (const args of [['plan', 'new', '--date', '2026-12-01'], ['--fix'], []]) {
        const result = runCli([...args, '--root', root])
        expect(result.code, args.join(' ')).toBe(2)
        expect(result.stderr).toMatch(
          new RegExp(`^sop-lint: invalid configuration in \\.remarkrc\\.json: ${key.replace(/\./g, '\\.')}: expected `)
        )
      }
      expect(filesBelow(base)).toEqual(['repo/.remarkrc.json', 'repo/progress.md'])
    }
  )
})

/** Control characters other than the line breaks of the file itself. */
const strayControl = /(?![\n])\p{Cc}/u

describe('text --fix and plan new write from documents (item 7)', () => {
  const hostilePlan = [
    '# Plan',
    '',
    '## Required reading',
    '',
    '1. [notes](../ne%0Aw/notes.md) — where the notes go',
    '',
    '## Tasks',
    '',
    '1. **Split&#13;row (40K)**',
    '   - Spec: [spec](../features/a%0Ab%0D.feature)',
    '   - Start: now',
    '   - End: later',
    '   - Artefacts: none',
    '2. **Nul (40K)**',
    '   - Spec: [spec](../features/n%00l.feature)',
    '   - Start: now',
    '   - End: later',
    '   - Artefacts: none',
    ''
  ].join('\n')

  test('--fix writes no control character into the Task ↔ Spec table, the glossary or any file: one row per task, on one line, and a second run changes nothing', () => {
    const root = makeWorkspace({
      [plan]: hostilePlan,
      'docs/Tasks/tracker_cli_todo.md': '# Tracker\n\n| Task | Status | Spec |\n| --- | --- | --- |\n',
      'AGENTS.md': '# Agents\n\n## Glossary\n\n- `plans/` — the plans\n',
      'progress.md': '# Progress\n'
    })
    const first = runCli(['--fix', '--root', root], {env: onPlanDay(root)})
    expect(first.stderr).toContain('sop-lint: fixed docs/Tasks/tracker_cli_todo.md')
    for (const file of filesBelow(root))
      expect(readFileSync(path.join(root, file), 'utf8'), file).not.toMatch(strayControl)
    const table = readFileSync(path.join(root, 'docs/Tasks/tracker_cli_todo.md'), 'utf8')
    expect(table.split('\n').filter((line) => line.startsWith('|'))).toEqual([
      '| Task | Status | Spec |',
      '| --- | --- | --- |',
      '| Split row | open | TODO |',
      '| Nul | open | TODO |'
    ])
    expect(runCli(['--root', root]).stdout).not.toContain('binary')
    const second = runCli(['--fix', '--root', root], {env: onPlanDay(root)})
    expect(second.stderr).not.toMatch(/sop-lint: (fixed|created)/)
  })

  test('plan new drafts no control character from the table: titles on one line, a spec with a line break or NUL not named', () => {
    const root = makeWorkspace({
      'docs/Tasks/tracker_cli_todo.md': [
        '| Task | Status | Spec |',
        '| --- | --- | --- |',
        '| Evil&#10;row | open | [spec](../../features/a%0Ab.feature) |',
        '| Nul | open | [spec](../../features/n%00l.feature) |',
        ''
      ].join('\n'),
      'progress.md': '# Progress\n'
    })
    const created = runCli(['plan', 'new', '--date', '2026-12-01', '--root', root])
    expect(created.code).toBe(0)
    const text = readFileSync(path.join(root, 'plans/2026-12-01_next_session.plan.md'), 'utf8')
    expect(text).not.toMatch(strayControl)
    // A spec that cannot be named is no spec: spec-first, the rows are left out, and said on one line each.
    expect(text).not.toContain('features/')
    expect(created.stderr).toContain(
      '2 open rows left out: “Evil row” (it names no spec yet: spec-first, its spec comes before it is planned), “Nul” (it names no spec yet'
    )
    expect(created.stderr).not.toMatch(strayControl)
  })

  test('a plan whose file name holds a backtick: the pointer is a code span that holds it, written once', () => {
    const root = makeWorkspace({'plans/2026-03-02_a`b.plan.md': '# Plan\n', 'progress.md': '# Progress\n'})
    expect(runCli(['--fix', '--root', root], {env: onPlanDay(root)}).stderr).toContain('sop-lint: fixed progress.md')
    expect(readFileSync(path.join(root, 'progress.md'), 'utf8')).toMatch(
      /^# Progress\n\n- Plan: ``plans\/2026-03-02_a`b\.plan\.md``\n/
    )
    expect(runCli(['--fix', '--root', root], {env: onPlanDay(root)}).stderr).not.toContain('progress.md')
  })

  test('a plan whose file name holds a line break: the pointer and the ledger row are asked for, not written', () => {
    const name = '2026-03-02.\n.plan.md'
    const root = makeWorkspace({
      [`plans/${name}`]: '# Plan\n',
      'progress.md': '# Progress\n',
      'docs/Ledgers/Token_Churn_Ledger.csv':
        'date,session_id,task,tokens_planned,tokens_actual,delta,commits,lines_added,lines_deleted,features_added,tests_added,notes\n'
    })
    const fixed = runCli(['--fix', '--root', root], {env: onPlanDay(root)})
    expect(fixed.stdout).toContain('does not point at the newest plan')
    expect(fixed.stdout).toContain('No planning row for')
    expect(readFileSync(path.join(root, 'progress.md'), 'utf8')).not.toContain('Plan:')
    expect(readFileSync(path.join(root, 'docs/Ledgers/Token_Churn_Ledger.csv'), 'utf8').split('\n')).toHaveLength(2)
  })
})

const ledger = 'docs/Ledgers/Token_Churn_Ledger.csv'
const ledgerText = [
  'date,session_id,task,tokens_planned,tokens_actual,delta,commits,lines_added,lines_deleted,features_added,tests_added,notes',
  '2026-03-02,s1,next_session_planning,200000,,,0,0,0,0,0,OUTSIDE-MARKER',
  ''
].join('\n')
const codexId = '0199a3c1-5b7e-7d22-9c4f-2e8a1b6d3f90'

/** A workspace whose `target` is `kind`: a link to a file outside holding a marker, or a FIFO; with a Codex session that ran in it. */
function workspaceWith(target: string, kind: 'link out' | 'FIFO'): {root: string; outside: string; sessions: string} {
  const root = makeWorkspace({'progress.md': '# Progress\n', [ledger]: ledgerText})
  const outside = path.join(tempFolder(), 'outside.txt')
  writeFileSync(outside, target === ledger ? ledgerText : '# OUTSIDE-MARKER\n')
  rmSync(path.join(root, target))
  if (kind === 'link out') symlinkSync(outside, path.join(root, target))
  else execFileSync('mkfifo', [path.join(root, target)])
  const home = path.join(tempFolder(), 'codex-home')
  writeRollout(home, {
    id: codexId,
    timestamp: '2026-03-02T09:12:03.114Z',
    cwd: root,
    events: [
      tokenCount('2026-03-02T12:05:31.870Z', usage(181_002, 150_000, 2_400), usage(1_402_000, 1_180_000, 21_000), {
        primary: {used_percent: 12.5, window_minutes: 300},
        secondary: {used_percent: 41, window_minutes: 10_080}
      })
    ]
  })
  return {root, outside, sessions: path.join(home, 'sessions')}
}

describe('report, ledger close and status read only what the check reads (item 15)', () => {
  const cases: Array<[string, string, (sessions: string) => string[]]> = [
    ['report', ledger, () => ['report', '--out', 'report.html']],
    ['ledger close', ledger, () => ['ledger', 'close', '--actual', '190000']],
    ['status', 'progress.md', (sessions) => ['status', '--from-codex', sessions]]
  ]
  test.each(cases)(
    '%s: a link to a file outside is named and not read; the file outside is untouched',
    async (_name, target, args) => {
      const {root, outside, sessions} = workspaceWith(target, 'link out')
      const before = readFileSync(outside, 'utf8')
      const result = await runCliAsync([...args(sessions), '--root', root], {cwd: root})
      expect(result.code).toBe(2)
      expect(result.stderr).toBe(
        `sop-lint: ${target} is a symbolic link to a place outside the repository, which sop-lint never reads: make it a readable file inside the repository\n`
      )
      expect(readFileSync(outside, 'utf8')).toBe(before)
      expect(existsSync(path.join(root, 'report.html'))).toBe(false)
    }
  )

  test.each(cases)(
    '%s: a FIFO in place of the document is named at once, not waited on',
    async (_name, target, args) => {
      const {root, sessions} = workspaceWith(target, 'FIFO')
      const result = await runCliAsync([...args(sessions), '--root', root], {cwd: root})
      expect(result.hung, 'the command waited on the FIFO').toBe(false)
      expect(result.code).toBe(2)
      expect(result.stderr).toBe(
        `sop-lint: ${target} is not a regular file (a FIFO, socket or device): make it a readable file inside the repository\n`
      )
    }
  )
})

describe('files named on the command line behind links (item 19)', () => {
  test('a link out, a link loop, a dangling link and a FIFO each get the words of the whole-workspace check, exit 2, and nothing is opened', async () => {
    const root = makeWorkspace({'progress.md': '# Progress\n', 'docs/SOP/procedure.md': '# Procedure\n'})
    const outside = path.join(tempFolder(), 'outside.md')
    execFileSync('mkfifo', [outside])
    const sop = path.join(root, 'docs/SOP')
    symlinkSync(outside, path.join(sop, 'out.md'))
    symlinkSync('loop-b.md', path.join(sop, 'loop-a.md'))
    symlinkSync('loop-a.md', path.join(sop, 'loop-b.md'))
    symlinkSync('gone.md', path.join(sop, 'dangling.md'))
    execFileSync('mkfifo', [path.join(sop, 'fifo.md')])
    const expected: Array<[string, string]> = [
      ['out.md', 'is a symbolic link to a place outside the repository, which sop-lint never reads'],
      ['loop-a.md', 'is a symbolic link that loops'],
      ['dangling.md', 'is a symbolic link to nothing'],
      ['fifo.md', 'is not a regular file (a FIFO, socket or device)']
    ]
    for (const [name, why] of expected) {
      const result = await runCliAsync(['--root', root, `docs/SOP/${name}`], {cwd: root})
      expect(result.hung, name).toBe(false)
      expect(result.code, name).toBe(2)
      expect(result.stderr).toBe(`sop-lint: docs/SOP/${name}: ${why}; name a readable file inside the repository\n`)
    }
    const missing = await runCliAsync(['--root', root, 'docs/SOP/nope.md'], {cwd: root})
    expect(missing.stderr).toBe('sop-lint: docs/SOP/nope.md: no such file\n')
  })
})

describe('init writes nothing through links and replaces package.json atomically (item 14)', () => {
  test('a .husky/pre-push linked to a file outside: init stops and names it; the file outside is untouched', () => {
    const {work} = makeRepository({'package.json': '{\n  "name": "app"\n}\n'})
    const outside = path.join(tempFolder(), 'pre-push')
    writeFileSync(outside, '#!/bin/sh\necho theirs\n')
    mkdirSync(path.join(work, '.husky'))
    symlinkSync(outside, path.join(work, '.husky/pre-push'))
    const result = runCli(['init'], {cwd: work})
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'sop-lint: .husky/pre-push is a symbolic link to a place outside the repository, which sop-lint never reads: make it a readable file inside the repository\n'
    )
    expect(readFileSync(outside, 'utf8')).toBe('#!/bin/sh\necho theirs\n')
    expect(readFileSync(path.join(work, 'package.json'), 'utf8')).toBe('{\n  "name": "app"\n}\n')
  })

  test('a .husky/ linked to a folder outside: no hook is created there', () => {
    const {work} = makeRepository({'package.json': '{\n  "name": "app"\n}\n'})
    const outside = tempFolder()
    symlinkSync(outside, path.join(work, '.husky'))
    const result = runCli(['init'], {cwd: work})
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'sop-lint: .husky/pre-push lies in a folder reached through a symbolic link, which sop-lint does not follow: make it a readable file inside the repository\n'
    )
    expect(filesBelow(outside)).toEqual([])
  })

  test('package.json linked to a file outside is not rewritten; a package.json of its own is replaced whole, not written in place (a hard link to the old one keeps the old text)', () => {
    const {work} = makeRepository({})
    const outside = path.join(tempFolder(), 'package.json')
    writeFileSync(outside, '{\n  "name": "shared"\n}\n')
    symlinkSync(outside, path.join(work, 'package.json'))
    const linked = runCli(['init'], {cwd: work})
    expect(linked.code).toBe(2)
    expect(linked.stderr).toContain('sop-lint: package.json is a symbolic link to a place outside the repository')
    expect(readFileSync(outside, 'utf8')).toBe('{\n  "name": "shared"\n}\n')

    rmSync(path.join(work, 'package.json'))
    writeFileSync(path.join(work, 'package.json'), '{\n  "name": "app"\n}\n')
    const hardLink = path.join(tempFolder(), 'package.json')
    linkSync(path.join(work, 'package.json'), hardLink)
    const init = runCli(['init'], {cwd: work})
    expect(init.code, init.stderr).toBe(0)
    expect(JSON.parse(readFileSync(path.join(work, 'package.json'), 'utf8')).devDependencies).toHaveProperty('husky')
    expect(readFileSync(hardLink, 'utf8')).toBe('{\n  "name": "app"\n}\n')
    expect(statSync(path.join(work, '.husky/pre-push')).mode & 0o111).not.toBe(0)
  })
})

describe('the --fix lock (audit of writers)', () => {
  test('a FIFO or a link out standing at the lock’s name is taken over, not read or written through', async () => {
    for (const kind of ['FIFO', 'link out'] as const) {
      const root = makeWorkspace({[plan]: '# Plan\n', 'progress.md': '# Progress\n'})
      const lock = path.join(root, '.sop-lint-fix.lock')
      const outside = path.join(tempFolder(), 'outside.txt')
      writeFileSync(outside, 'theirs\n')
      if (kind === 'FIFO') execFileSync('mkfifo', [lock])
      else symlinkSync(outside, lock)
      const fixed = await runCliAsync(['--fix', '--root', root], {env: onPlanDay(root)})
      expect(fixed.hung, kind).toBe(false)
      expect(fixed.stderr, kind).toContain('sop-lint: fixed progress.md')
      expect(existsSync(lock), kind).toBe(false)
      expect(readFileSync(outside, 'utf8')).toBe('theirs\n')
    }
  })
})
