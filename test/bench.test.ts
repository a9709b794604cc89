/**
 * `npm run bench` runs: one quick round on the week workspace (the agents'
 * hooks among its commands), the ledger
 * lengths and the token cache, figures in the JSON it writes. No timing is
 * asserted (machines are noisy); that is what the bench itself reports. What
 * each run must show is: a job whose run is not what it measures (a hook
 * that did not take the cached result, a warm run that loaded the tokenizer)
 * fails the bench, exit 1.
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {expect, it} from 'vitest'
import {projectRoot} from './helpers/cli.js'

it('runs with --quick on the week workspace and writes its figures', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'sop-lint-bench-test-'))
  try {
    const out = path.join(folder, 'results.json')
    const result = spawnSync(
      process.execPath,
      [
        path.join(projectRoot, 'dist/bench/run.js'),
        '--quick',
        '--only',
        'week,ledger,tokens',
        '--runs',
        '1',
        '--out',
        out
      ],
      {
        cwd: projectRoot,
        encoding: 'utf8',
        timeout: 170_000
      }
    )
    expect(result.stderr).not.toMatch(/did not run as expected|not valid for sop-lint/)
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(/sop-lint hook pre-push, after sop-lint/)
    expect(result.stdout).toMatch(/sop-lint hook stop, after sop-lint: a session past 70% \(blocked\)/)
    expect(result.stdout).toMatch(/sop-lint hook session-start, briefed before/)
    expect(result.stdout).toMatch(/^ledger: [\d.]+ ms per 1,000 rows from 1,000 to 10,000 rows$/m)
    expect(result.stdout).toMatch(
      /^token-count cache: a check counting the reading \d+ ms, with the counts cached \d+ ms/m
    )
    const figures = JSON.parse(readFileSync(out, 'utf8')) as {
      commands: Record<string, {medianMs: number; runs: number}>
    }
    const ids = [
      '-/floor',
      'week/check',
      'week/check-cached',
      'week/hook',
      'week/hook-cached',
      'week/stop-ending',
      'week/stop-young',
      'week/session-start',
      'week/fix',
      'week/remark',
      'week/markdownlint'
    ]
    for (const id of [...ids, 'ledger/rows-1000', 'ledger/rows-10000', 'tokens/cold', 'tokens/warm']) {
      expect(figures.commands[id]?.runs, id).toBe(1)
      expect(figures.commands[id]!.medianMs).toBeGreaterThan(0)
    }
  } finally {
    rmSync(folder, {recursive: true, force: true})
  }
}, 180_000)
