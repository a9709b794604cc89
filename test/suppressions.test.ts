/**
 * Baselines (ESLint's bulk suppressions as the model): the CLI spawned on a
 * workspace with a history that breaks the procedure.
 */
import {appendFileSync, cpSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {expect, test} from 'vitest'
import {onDay, projectRoot, runCli} from './helpers/cli.js'
import {makeWorkspace} from './helpers/workspace.js'

const day = '2026-05-12'
const ledger = 'docs/Ledgers/Token_Churn_Ledger.csv'
const plan = `plans/${day}_next_session.plan.md`

/** fixtures/failures/ledger-order (a ledger row out of date order, a plan with missing sections) in a temporary folder. */
function history(): string {
  const root = makeWorkspace({})
  cpSync(path.join(projectRoot, 'fixtures/failures/ledger-order'), root, {recursive: true})
  return root
}

const run = (root: string, args: string[] = []) => runCli(['--root', root, ...args], {env: onDay(day)})

test('--suppress-all writes every current error into sop-lint-suppressions.json; the next check passes and ends by saying how many were suppressed', () => {
  const root = history()
  expect(run(root).code).toBe(1)
  const baseline = run(root, ['--suppress-all'])
  expect(baseline.code).toBe(0)
  expect(baseline.stderr).toBe('sop-lint: wrote sop-lint-suppressions.json\n')
  const file = JSON.parse(readFileSync(path.join(root, 'sop-lint-suppressions.json'), 'utf8'))
  expect(Object.keys(file)).toEqual([ledger, plan])
  expect(file[ledger]['ledger-order']).toEqual([
    {
      message:
        'date 2026-05-07 goes back from 2026-05-08 on line …: append rows in date order, or mark the row as a correction (CORRECTION in notes)',
      row: '2026-05-07,n/a,status_snapshot,0,41000,,0,0,0,0,0,Context 15% used'
    }
  ])
  expect(file[plan]['plan-sections']).toHaveLength(3)
  // Never a line number: not as a key, not in a message.
  expect(JSON.stringify(file)).not.toMatch(/"line"|\bline \d|\d+:\d+/)

  const again = run(root)
  expect(again.code).toBe(0)
  // The ledger row, three missing sections and the task's one task-fields message (naming both missing criteria).
  expect(again.stdout.trimEnd().split('\n').at(-1)).toBe('5 problems suppressed (sop-lint-suppressions.json)')
  // Warnings are never suppressed (ESLint suppresses errors only).
  expect(again.stdout).toContain('warning')
})

test('the suppressions stay valid as the progress log and the ledger grow; a new problem still fails', () => {
  const root = history()
  run(root, ['--suppress-all'])
  // Rows appended to the ledger (and one inserted above, moving every line), a progress log written.
  const text = readFileSync(path.join(root, ledger), 'utf8').split('\n')
  text.splice(1, 0, '2026-05-01,aa11bb22,next_session_planning,200000,200000,0,1,1,1,0,0,Older session')
  writeFileSync(path.join(root, ledger), text.join('\n'))
  appendFileSync(path.join(root, ledger), '2026-05-12,cc33dd44,status_snapshot,0,20000,,0,0,0,0,0,Context 8% used\n')
  writeFileSync(path.join(root, 'progress.md'), `# Progress\n\n## ${day}\n\n- Plan: \`${plan}\`\n`)
  const grown = run(root, ['--format', 'json'])
  const errors = (JSON.parse(grown.stdout) as Array<{messages: Array<{severity: number; ruleId: string}>}>).flatMap(
    (file) => file.messages.filter((message) => message.severity === 2)
  )
  expect(errors.filter((message) => message.ruleId === 'ledger-order' || message.ruleId === 'plan-sections')).toEqual(
    []
  )
  expect(grown.stderr).toContain('5 problems suppressed (sop-lint-suppressions.json)')

  // A new problem of a suppressed rule still fails: a second row out of order.
  appendFileSync(path.join(root, ledger), '2026-05-02,ee55ff66,status_snapshot,0,1000,,0,0,0,0,0,Late entry\n')
  const fresh = run(root, ['--format', 'json'])
  expect(fresh.code).toBe(1)
  const order = (JSON.parse(fresh.stdout) as Array<{messages: Array<{ruleId: string; message: string}>}>).flatMap(
    (file) => file.messages.filter((message) => message.ruleId === 'ledger-order')
  )
  expect(order.map((message) => message.message)).toEqual([
    expect.stringContaining('date 2026-05-02 goes back from 2026-05-12')
  ])
})

test('--prune-suppressions drops what was fixed; --suppress-rule records one rule only', () => {
  const root = history()
  run(root, ['--suppress-rule', 'ledger-order'])
  const onlyOrder = JSON.parse(readFileSync(path.join(root, 'sop-lint-suppressions.json'), 'utf8'))
  expect(onlyOrder).toEqual({
    [ledger]: {'ledger-order': [expect.objectContaining({row: expect.stringContaining('2026-05-07')})]}
  })
  expect(run(root).code, 'plan-sections errors are not suppressed').toBe(1)

  run(root, ['--suppress-all'])
  // The out-of-order row is marked as a correction: its problem is gone, its suppression is not used.
  const rows = readFileSync(path.join(root, ledger), 'utf8').replace('Context 15% used', 'CORRECTION: Context 15% used')
  writeFileSync(path.join(root, ledger), rows)
  const unused = run(root)
  expect(unused.code).toBe(0)
  expect(unused.stderr).toContain(
    '1 suppression in sop-lint-suppressions.json no longer occurs: run `npx sop-lint --prune-suppressions` to drop them'
  )
  expect(run(root, ['--prune-suppressions']).code).toBe(0)
  const pruned = JSON.parse(readFileSync(path.join(root, 'sop-lint-suppressions.json'), 'utf8'))
  expect(pruned[ledger]).toBeUndefined()
  expect(pruned[plan]['plan-sections']).toHaveLength(3)
  expect(run(root).stderr).toBe('')
})

test('a broken suppressions file stops the check with exit 2 and one line; an unknown rule is refused', () => {
  const root = history()
  writeFileSync(path.join(root, 'sop-lint-suppressions.json'), '{"plans/x.md": {"plan-sections": [{"line": 3}]}}')
  const broken = run(root)
  expect(broken.code).toBe(2)
  expect(broken.stderr).toBe(
    'sop-lint: sop-lint-suppressions.json: "plans/x.md" › "plan-sections": expected {"message": "…"} entries (with "row" on a CSV file); write it again with --suppress-all\n'
  )
  const unknown = run(root, ['--suppress-rule', 'no-such-rule'])
  expect(unknown.code).toBe(2)
  expect(unknown.stderr).toContain('--suppress-rule no-such-rule: no such rule')
})
