/**
 * `sop-lint ledger close` as a user runs it (the built binary), on the valid
 * fixture whose last planning row (2026-02-13, 204000 planned) is open, with
 * session logs written here in the shapes Codex CLI and Claude Code write.
 * Each source gives the exact expected row, and every other byte of the
 * ledger is unchanged.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {runCli} from './helpers/cli.js'
import {fixtureFiles} from './helpers/linked-workspace.js'
import {lintWorkspace} from './helpers/lint.js'
import {tokenCount, usage, writeClaudeSession, writeRollout} from './helpers/usage-logs.js'
import {makeWorkspace} from './helpers/workspace.js'

const ledger = 'docs/Ledgers/Token_Churn_Ledger.csv'
const openRow =
  '2026-02-13,a93c5e17-2b8d-4c06-9f41-7d0e2a6b8c13,next_session_planning,204000,,,0,0,0,0,0,"Partial refunds, backoff and report totals"'
const closedRow = (actual: number, delta: number) =>
  `2026-02-13,a93c5e17-2b8d-4c06-9f41-7d0e2a6b8c13,next_session_planning,204000,${actual},${delta},0,0,0,0,0,"Partial refunds, backoff and report totals"`
const sessionId = '0199a3c1-5b7e-7d22-9c4f-2e8a1b6d3f90'

function workspace(): {root: string; before: string} {
  const root = makeWorkspace(fixtureFiles('valid'))
  const before = readFileSync(path.join(root, ledger), 'utf8')
  expect(before).toContain(openRow)
  return {root, before}
}

/** Codex logs: the session that ran the plan (peak 183,402 mid-session, lower after a compaction), an older one and one elsewhere. */
function codexLogs(root: string): string {
  const home = path.join(root, '.codex-home')
  const limits = {
    primary: {used_percent: 12.0, window_minutes: 300, resets_at: 1_771_178_400},
    secondary: {used_percent: 41.0, window_minutes: 10_080, resets_at: 1_771_578_000}
  }
  writeRollout(home, {
    id: sessionId,
    timestamp: '2026-02-15T09:12:03.114Z',
    cwd: root,
    events: [
      {timestamp: '2026-02-15T09:12:10.502Z', info: null, rate_limits: limits},
      tokenCount('2026-02-15T09:20:00.000Z', usage(61_230, 40_000, 1_210), usage(61_230, 40_000, 1_210), limits),
      tokenCount(
        '2026-02-15T12:05:31.870Z',
        usage(181_002, 150_000, 2_400, 900),
        usage(1_402_000, 1_180_000, 21_000, 6_000),
        limits
      ),
      tokenCount(
        '2026-02-15T14:40:00.000Z',
        usage(95_000, 60_000, 1_000),
        usage(2_950_000, 2_600_000, 48_000, 12_000),
        limits
      )
    ]
  })
  // Before the planning row's date: the session that wrote the plan, not the one that ran it.
  writeRollout(home, {
    id: '01990000-1111-7222-8333-444455556666',
    timestamp: '2026-02-12T16:00:00.000Z',
    cwd: root,
    events: [tokenCount('2026-02-12T16:30:00.000Z', usage(240_000, 200_000, 5_000), usage(240_000, 200_000, 5_000))]
  })
  // Another repository, later.
  writeRollout(home, {
    id: '0199ffff-0000-7000-8000-000000000000',
    timestamp: '2026-02-16T08:00:00.000Z',
    cwd: path.join(path.dirname(root), 'another-repository'),
    events: [tokenCount('2026-02-16T08:10:00.000Z', usage(99_999, 0, 1), usage(99_999, 0, 1))]
  })
  return home
}

function claudeLogs(root: string): string {
  const home = path.join(root, '.claude-home')
  writeClaudeSession(home, {
    id: 'c5d1e2f3-a4b5-4c6d-8e7f-901234567890',
    cwd: root,
    answers: [
      {
        timestamp: '2026-02-15T10:00:00.000Z',
        messageId: 'msg_01A',
        requestId: 'req_01A',
        usage: {input_tokens: 12, cache_creation_input_tokens: 20_000, cache_read_input_tokens: 0, output_tokens: 800}
      },
      // Streamed: three lines (text, two tool uses) with the same message id and request id — one request.
      {
        timestamp: '2026-02-15T11:00:00.000Z',
        messageId: 'msg_02B',
        requestId: 'req_02B',
        blocks: 3,
        usage: {
          input_tokens: 8,
          cache_creation_input_tokens: 3_000,
          cache_read_input_tokens: 120_000,
          output_tokens: 1_500
        }
      },
      {
        timestamp: '2026-02-15T12:00:00.000Z',
        messageId: 'msg_03C',
        requestId: 'req_03C',
        usage: {
          input_tokens: 5,
          cache_creation_input_tokens: 1_000,
          cache_read_input_tokens: 90_000,
          output_tokens: 700
        }
      }
    ]
  })
  writeClaudeSession(home, {
    id: 'd0000000-0000-4000-8000-000000000000',
    cwd: path.join(path.dirname(root), 'elsewhere'),
    answers: [
      {
        timestamp: '2026-02-15T13:00:00.000Z',
        messageId: 'msg_X',
        requestId: 'req_X',
        usage: {input_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 500_000, output_tokens: 1}
      }
    ]
  })
  return home
}

const env = {TZ: 'UTC'}

describe('ledger close', () => {
  test('--from-codex: the peak context of the session that ran the plan, every other byte unchanged', () => {
    const {root, before} = workspace()
    const home = codexLogs(root)
    const result = runCli(['ledger', 'close', '--from-codex', path.join(home, 'sessions'), '--root', root], {env})
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const after = readFileSync(path.join(root, ledger), 'utf8')
    expect(after).toBe(before.replace(openRow, closedRow(183_402, -20_598)))
    expect(result.stdout).toContain(
      'closed the planning row of 2026-02-13 (line 4): tokens_actual 183402, delta -20598 (183402 − 204000 planned)'
    )
    expect(result.stdout).toContain(
      `peak context 183,402 (last_token_usage.total_tokens of the token_count at 2026-02-15 12:05 UTC, line 11) of Codex session ${sessionId}`
    )
    expect(result.stdout).toContain('model_context_window 258,400')
    expect(result.stdout).toContain(
      "cumulative usage, 2,998,000 (total_token_usage, every turn's input counted again), was not written"
    )
    // The closed row satisfies the ledger rules.
    return lintWorkspace(root, [ledger]).then((messages) => expect(messages).toEqual([]))
  })

  test('--from-codex with CODEX_HOME, --figure total', () => {
    const {root, before} = workspace()
    const home = codexLogs(root)
    const result = runCli(['ledger', 'close', '--from-codex', '--figure', 'total', '--root', root], {
      env: {...env, CODEX_HOME: home}
    })
    expect(result.stderr).toBe('')
    expect(readFileSync(path.join(root, ledger), 'utf8')).toBe(before.replace(openRow, closedRow(2_998_000, 2_794_000)))
    expect(result.stdout).toContain(
      'cumulative usage 2,998,000 (total_token_usage.total_tokens of the last token_count, 2026-02-15 14:40 UTC'
    )
  })

  test('--session picks another session, even one before the row', () => {
    const {root, before} = workspace()
    const home = codexLogs(root)
    const result = runCli(
      ['ledger', 'close', '--from-codex', path.join(home, 'sessions'), '--session', '01990000', '--root', root],
      {env}
    )
    expect(result.stderr).toBe('')
    expect(readFileSync(path.join(root, ledger), 'utf8')).toBe(before.replace(openRow, closedRow(245_000, 41_000)))
  })

  test('--from-claude: streamed duplicates (same message id and request id) count once', () => {
    const {root, before} = workspace()
    const home = claudeLogs(root)
    const peak = runCli(
      ['ledger', 'close', '--from-claude', path.join(home, 'projects'), '--dry-run', '--root', root],
      {env}
    )
    expect(peak.stderr).toBe('')
    // Peak: 8 + 3,000 + 120,000 + 1,500 = 124,508 (the streamed answer, once).
    expect(peak.stdout).toContain('tokens_actual 124508, delta -79492')
    expect(peak.stdout).toContain(
      '3 requests; 2 streamed duplicate lines with the same message id and request id counted once'
    )
    expect(readFileSync(path.join(root, ledger), 'utf8')).toBe(before)

    const total = runCli(['ledger', 'close', '--from-claude', '--figure', 'total', '--root', root], {
      env: {...env, CLAUDE_CONFIG_DIR: home}
    })
    expect(total.stderr).toBe('')
    // 20,812 + 124,508 + 91,705: counted three times, the streamed answer would add 249,016.
    expect(readFileSync(path.join(root, ledger), 'utf8')).toBe(before.replace(openRow, closedRow(237_025, 33_025)))
  })

  test('--actual N', () => {
    const {root, before} = workspace()
    const result = runCli(['ledger', 'close', '--actual', '199000', '--root', root])
    expect(result.stderr).toBe('')
    expect(result.stdout).toContain('tokens_actual 199,000 as given with --actual')
    expect(readFileSync(path.join(root, ledger), 'utf8')).toBe(before.replace(openRow, closedRow(199_000, -5_000)))
  })

  test('--dry-run prints the diff and writes nothing', () => {
    const {root, before} = workspace()
    const result = runCli(['ledger', 'close', '--actual', '210000', '--dry-run', '--root', root])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`--- a/${ledger}\n+++ b/${ledger}\n`)
    expect(result.stdout).toContain(`-${openRow}\n+${closedRow(210_000, 6_000)}\n`)
    expect(result.stdout).toContain('nothing written (dry run)')
    expect(readFileSync(path.join(root, ledger), 'utf8')).toBe(before)
  })

  test('a BOM, CRLF line endings, quoted empty cells and no final newline are kept', () => {
    const root = makeWorkspace(fixtureFiles('valid'))
    const text =
      '\uFEFFdate,session_id,task,tokens_planned,tokens_actual,delta,commits,lines_added,lines_deleted,features_added,tests_added,notes\r\n' +
      '2026-02-11,5d2f8a61,next_session_planning,208000,203500,-4500,5,366,51,2,8,"closed"\r\n' +
      '2026-02-13,a93c5e17,next_session_planning,204000,"","",0,0,0,0,0,"open, ""quoted"" notes"'
    writeFileSync(path.join(root, ledger), text)
    const result = runCli(['ledger', 'close', '--actual', '190000', '--root', root])
    expect(result.stderr).toBe('')
    expect(readFileSync(path.join(root, ledger), 'utf8')).toBe(text.replace('204000,"","",', '204000,190000,-14000,'))
  })

  test('refusals: no open row, several open rows without --date, a closed row named', () => {
    const {root} = workspace()
    const file = path.join(root, ledger)
    const original = readFileSync(file, 'utf8')

    writeFileSync(file, original.replace(openRow, closedRow(200_000, -4_000)))
    let result = runCli(['ledger', 'close', '--actual', '1', '--root', root])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('has no open planning row')

    writeFileSync(file, `${original}2026-02-15,b0000000,next_session_planning,200000,,,0,0,0,0,0,"next"\n`)
    result = runCli(['ledger', 'close', '--actual', '1', '--root', root])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(
      '2 open planning rows, 2026-02-13 (line 4), 2026-02-15 (line 5): pass --date YYYY-MM-DD'
    )
    result = runCli(['ledger', 'close', '--actual', '201000', '--date', '2026-02-13', '--root', root])
    expect(result.code).toBe(0)
    expect(readFileSync(file, 'utf8')).toContain(closedRow(201_000, -3_000))
    result = runCli(['ledger', 'close', '--actual', '1', '--date', '2026-02-13', '--root', root])
    expect(result.stderr).toContain('is closed already')
  })

  test('two open planning rows on one date (as the real ledger has): --line picks one', () => {
    const {root} = workspace()
    const file = path.join(root, ledger)
    const second = '2026-02-13,c0000000,next_session_planning,200000,,,0,0,0,0,0,"a second plan that day"'
    const text = `${readFileSync(file, 'utf8')}${second}\n`
    writeFileSync(file, text)
    let result = runCli(['ledger', 'close', '--actual', '1', '--date', '2026-02-13', '--root', root])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('2 open planning rows, 2026-02-13 (line 4), 2026-02-13 (line 5): pass --line N')
    result = runCli(['ledger', 'close', '--actual', '190000', '--line', '5', '--root', root])
    expect(result.stderr).toBe('')
    expect(readFileSync(file, 'utf8')).toBe(text.replace(second, second.replace('200000,,,', '200000,190000,-10000,')))
    result = runCli(['ledger', 'close', '--actual', '1', '--line', '2', '--root', root])
    expect(result.stderr).toContain('is closed already')
  })

  test('refusals: a delta on the open row, no session since the row, no source', () => {
    const {root} = workspace()
    const file = path.join(root, ledger)
    const original = readFileSync(file, 'utf8')
    writeFileSync(file, original.replace(openRow, openRow.replace('204000,,,', '204000,,5,')))
    let result = runCli(['ledger', 'close', '--actual', '1', '--root', root])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('has a delta (5) but no tokens_actual')

    writeFileSync(file, original)
    const home = path.join(root, '.codex-empty')
    writeRollout(home, {
      id: '01980000-aaaa-7bbb-8ccc-dddddddddddd',
      timestamp: '2026-02-10T09:00:00.000Z',
      cwd: root,
      events: []
    })
    result = runCli(['ledger', 'close', '--from-codex', path.join(home, 'sessions'), '--root', root], {env})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('started on or after 2026-02-13')

    result = runCli(['ledger', 'close', '--root', root])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('needs one of --actual N, --from-codex [DIR] or --from-claude [DIR]')
    expect(readFileSync(file, 'utf8')).toBe(original)
  })
})
