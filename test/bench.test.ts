/**
 * `npm run bench` runs: one quick round on the week workspace, figures in the
 * JSON it writes. No timing is asserted (machines are noisy); that is what the
 * bench itself reports.
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
    const result = spawnSync(process.execPath, [path.join(projectRoot, 'dist/bench/run.js'), '--quick', '--only', 'week', '--runs', '1', '--out', out], {
      cwd: projectRoot,
      encoding: 'utf8',
      timeout: 170_000
    })
    expect(result.stderr).not.toMatch(/did not run as expected|not valid for sop-lint/)
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(/sop-lint hook pre-push/)
    const figures = JSON.parse(readFileSync(out, 'utf8')) as {commands: Record<string, {medianMs: number; runs: number}>}
    for (const id of ['-/floor', 'week/check', 'week/hook', 'week/fix', 'week/remark', 'week/markdownlint']) {
      expect(figures.commands[id]?.runs, id).toBe(1)
      expect(figures.commands[id]!.medianMs).toBeGreaterThan(0)
    }
  } finally {
    rmSync(folder, {recursive: true, force: true})
  }
}, 180_000)
