/**
 * `sop-lint status`: the /status capture written into progress.md from the
 * newest Codex token_count, in words the status-capture rule reads — rate
 * limits told apart by window_minutes, either window missing, `info: null`,
 * the older `resets_in_seconds` — and a placeholder capture replaced.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {runCli} from './helpers/cli.js'
import {fixtureFiles} from './helpers/linked-workspace.js'
import {lintWorkspace} from './helpers/lint.js'
import {tokenCount, usage, writeRollout, type TokenCount} from './helpers/usage-logs.js'
import {makeWorkspace} from './helpers/workspace.js'

const id = '0199a3c1-5b7e-7d22-9c4f-2e8a1b6d3f90'
// 2026-02-15 20:00 UTC and 2026-02-20 09:00 UTC.
const fiveHour = {used_percent: 12.5, window_minutes: 300, resets_at: 1_771_185_600}
const weekly = {used_percent: 41, window_minutes: 10_080, resets_at: 1_771_578_000}

function setUp(events: TokenCount[]): {root: string; sessions: string; before: string} {
  const root = makeWorkspace(fixtureFiles('valid'))
  const home = path.join(root, '.codex-home')
  writeRollout(home, {id, timestamp: '2026-02-15T09:12:03.114Z', cwd: root, events})
  const before = readFileSync(path.join(root, 'progress.md'), 'utf8')
  return {root, sessions: path.join(home, 'sessions'), before}
}

const line = (text: string) => `- \`/status\` (Codex, 272K window; session 0199a3c1, ${text}\n`

describe('sop-lint status', () => {
  test('both windows: context against 272K (Codex’s 258,400 named beside it), 5h and weekly with their resets; the rule accepts it', async () => {
    const {root, sessions, before} = setUp([
      {timestamp: '2026-02-15T09:12:10.502Z', info: null, rate_limits: {primary: fiveHour, secondary: weekly}},
      tokenCount('2026-02-15T12:05:31.870Z', usage(181_002, 150_000, 2_400), usage(1_402_000, 1_180_000, 21_000), {
        primary: fiveHour,
        secondary: weekly
      })
    ])
    const result = runCli(['status', '--from-codex', sessions, '--root', root])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const after = readFileSync(path.join(root, 'progress.md'), 'utf8')
    expect(after).toBe(
      before +
        line(
          '2026-02-15 12:05 UTC): context window 67% used (183.4K/272K; Codex reports model_context_window 258,400, 71% of it), 5h limit 12.5% used (resets 2026-02-15 20:00 UTC), weekly limit 41% used (resets 2026-02-20 09:00 UTC).'
        )
    )
    expect(await lintWorkspace(root, ['progress.md'], 'status-capture')).toEqual([])
  })

  test('primary only (no weekly window): written, with a note; the rule then asks for the weekly figure', async () => {
    const {
      root,
      sessions,
      before: fixture
    } = setUp([
      tokenCount('2026-02-15T12:05:31.870Z', usage(54_400, 0, 0), usage(54_400, 0, 0), {
        primary: fiveHour,
        secondary: null
      })
    ])
    // The session's own entry, with no capture yet: the capture joins it.
    const before = `${fixture}\n## 2026-02-15 — Partial refunds\n\n- Shipped partial refunds.\n`
    writeFileSync(path.join(root, 'progress.md'), before)
    const result = runCli(['status', '--from-codex', sessions, '--root', root])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('note: Codex reported no weekly window (window_minutes 10080)')
    expect(readFileSync(path.join(root, 'progress.md'), 'utf8')).toBe(
      before +
        line(
          '2026-02-15 12:05 UTC): context window 20% used (54.4K/272K; Codex reports model_context_window 258,400, 21% of it), 5h limit 12.5% used (resets 2026-02-15 20:00 UTC).'
        )
    )
    const messages = await lintWorkspace(root, ['progress.md'], 'status-capture')
    expect(messages).toHaveLength(1)
    expect(messages[0]).toContain('has no weekly percentage')
  })

  test('weekly only, as the secondary window, with the older resets_in_seconds', async () => {
    const {root, sessions, before} = setUp([
      tokenCount(
        '2026-02-15T12:00:00.000Z',
        usage(136_000, 100_000, 0),
        usage(136_000, 100_000, 0),
        {
          primary: null,
          secondary: {used_percent: 80, window_minutes: 10_080, resets_in_seconds: 3 * 86_400}
        },
        272_000
      )
    ])
    const result = runCli(['status', '--from-codex', sessions, '--root', root])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('note: Codex reported no 5h window (window_minutes 300)')
    expect(readFileSync(path.join(root, 'progress.md'), 'utf8')).toBe(
      before +
        line(
          '2026-02-15 12:00 UTC): context window 50% used (136K/272K), weekly limit 80% used (resets 2026-02-18 12:00 UTC).'
        )
    )
    expect(await lintWorkspace(root, ['progress.md'], 'status-capture')).toEqual([])
  })

  test('only info: null so far: the limits, and a note that there is no context figure yet', () => {
    const {root, sessions, before} = setUp([
      {timestamp: '2026-02-15T09:12:10.502Z', info: null, rate_limits: {primary: fiveHour, secondary: weekly}}
    ])
    const result = runCli(['status', '--from-codex', sessions, '--root', root])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('every token_count has info: null')
    expect(readFileSync(path.join(root, 'progress.md'), 'utf8')).toBe(
      before +
        line(
          '2026-02-15 09:12 UTC): 5h limit 12.5% used (resets 2026-02-15 20:00 UTC), weekly limit 41% used (resets 2026-02-20 09:00 UTC).'
        )
    )
  })

  test('a placeholder capture in the newest entry is replaced, in place; --dry-run writes nothing', () => {
    const {root, sessions} = setUp([
      tokenCount('2026-02-15T12:05:31.870Z', usage(183_402, 150_000, 0), usage(183_402, 150_000, 0), {
        primary: fiveHour,
        secondary: weekly
      })
    ])
    const file = path.join(root, 'progress.md')
    const placeholder =
      '- /status: context window TODO% used (TODOK/272K), 5h limit TODO% used, weekly limit TODO% used'
    const text = `${readFileSync(file, 'utf8')}\n## 2026-02-15 — Partial refunds shipped\n\n${placeholder}\n- Next plan: \`plans/2026-02-13_next_session.plan.md\`\n`
    writeFileSync(file, text)
    const dry = runCli(['status', '--from-codex', sessions, '--dry-run', '--root', root])
    expect(dry.stdout).toContain(`-${placeholder}\n+- \`/status\` (Codex`)
    expect(readFileSync(file, 'utf8')).toBe(text)
    expect(runCli(['status', '--from-codex', sessions, '--root', root]).code).toBe(0)
    expect(readFileSync(file, 'utf8')).toBe(
      text.replace(
        placeholder,
        '- `/status` (Codex, 272K window; session 0199a3c1, 2026-02-15 12:05 UTC): context window 67% used (183.4K/272K; Codex reports model_context_window 258,400, 71% of it), 5h limit 12.5% used (resets 2026-02-15 20:00 UTC), weekly limit 41% used (resets 2026-02-20 09:00 UTC).'
      )
    )
  })

  test('a progress.md past a parse limit: exit 2, nothing written, and the message says which limit, where and how to fix it', () => {
    const {root, sessions} = setUp([
      tokenCount('2026-02-15T12:05:31.870Z', usage(183_402, 150_000, 0), usage(183_402, 150_000, 0), {
        primary: fiveHour,
        secondary: weekly
      })
    ])
    const file = path.join(root, 'progress.md')
    const text = `${readFileSync(file, 'utf8')}${'>'.repeat(10_000)} deep\n`
    writeFileSync(file, text)
    const line = text.split('\n').length - 1
    const result = runCli(['status', '--from-codex', sessions, '--root', root])
    expect(result.stderr).not.toMatch(/internal error|Maximum call stack|^\s+at /m)
    expect(result.stderr).toBe(
      `sop-lint: \`progress.md\` nests block quotes, list items and footnote definitions more than 32 deep (line ${line}), more than sop-lint parses (limits.maxNesting): not checked; nest them less deeply, or raise the limit in the config; the /status capture is not written\n`
    )
    expect(result.code).toBe(2)
    expect(readFileSync(file, 'utf8')).toBe(text)
  })

  test('a log written newest-first: the capture goes under its top entry, the newest', () => {
    const {root, sessions} = setUp([
      tokenCount('2026-02-15T12:05:31.870Z', usage(183_402, 150_000, 0), usage(183_402, 150_000, 0), {
        primary: fiveHour,
        secondary: weekly
      })
    ])
    const file = path.join(root, 'progress.md')
    const text =
      '# Progress\n\n## 2026-02-15 — Partial refunds shipped\n- Refunds post to the ledger\n\n## 2026-02-12 — Refund model\n- Context window 40% used, weekly limit 20% used\n'
    writeFileSync(file, text)
    expect(runCli(['status', '--from-codex', sessions, '--root', root]).code).toBe(0)
    const written = readFileSync(file, 'utf8')
    expect(
      written.startsWith(
        '# Progress\n\n## 2026-02-15 — Partial refunds shipped\n- Refunds post to the ledger\n- `/status` (Codex'
      )
    ).toBe(true)
    expect(written.endsWith('## 2026-02-12 — Refund model\n- Context window 40% used, weekly limit 20% used\n')).toBe(
      true
    )
  })

  test('no session that ran in the repository', () => {
    const root = makeWorkspace(fixtureFiles('valid'))
    const home = path.join(root, '.codex-home')
    writeRollout(home, {id, timestamp: '2026-02-15T09:12:03.114Z', cwd: '/somewhere/else', events: []})
    const result = runCli(['status', '--from-codex', path.join(home, 'sessions'), '--root', root])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('no Codex session in')
  })
})
