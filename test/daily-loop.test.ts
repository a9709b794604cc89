/**
 * The daily loop end to end, as an agent ends a session on a later day than
 * the newest plan: real git, a bare remote, the husky hook `sop-lint init`
 * installs, and `npx sop-lint --fix` run as a user runs it. Each process
 * lives on the day the test says (test/helpers/clock.mjs).
 */
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {expect, test} from 'vitest'
import {onDay, runCli, runNpx} from './helpers/cli.js'
import {fillPlaceholders} from './helpers/fill.js'
import {fixture, git, gitOk, installTools, makeRepository, refOid, writeFiles} from './helpers/git.js'

const planDay = '2026-02-13'
const today = '2026-02-16'
const todayPlan = `plans/${today}_next_session.plan.md`

const npx = (cwd: string, args: string[], day: string) => runNpx(cwd, args, onDay(day))

function commitAll(work: string, message: string, day: string): void {
  gitOk(work, ['add', '-A'])
  gitOk(work, ['commit', '-q', '--no-verify', '-m', message], {date: `${day}T15:00:00+00:00`})
}

function push(work: string, day: string) {
  return git(work, ['push', 'origin', 'main'], {env: onDay(day)})
}

test(
  'a plan from days ago: today’s push is blocked, npx sop-lint --fix writes today’s plan, pointers and ledger row, and once its TODOs are filled the push goes through',
  {timeout: 300_000},
  () => {
    const {work, remote} = makeRepository(fixture('valid'))
    installTools(work)
    expect(runCli(['init'], {cwd: work, env: onDay(planDay)}).code).toBe(0)
    commitAll(work, 'Set up sop-lint', planDay)
    expect(push(work, planDay).code).toBe(0)

    writeFiles(work, {'src/invoice_sync/refunds.py': '# partial refunds, started today\n'})
    commitAll(work, 'Start the refunds', today)
    const stale = push(work, today)
    expect(stale.code).not.toBe(0)
    expect(stale.stderr).toContain(`is dated ${planDay}, older than the work of commit`)
    expect(stale.stderr).toContain('npx sop-lint --fix')

    const fixed = npx(work, ['sop-lint', '--fix'], today)
    expect(fixed.stderr).toContain(`sop-lint: created ${todayPlan}`)
    expect(fixed.stderr).toMatch(/to fill: \d+ TODOs/)
    expect(existsSync(path.join(work, todayPlan))).toBe(true)
    const pointer = `- Plan: \`${todayPlan}\``
    expect(readFileSync(path.join(work, 'progress.md'), 'utf8')).toContain(pointer)
    expect(readFileSync(path.join(work, 'docs/SESSION_HANDOFF.md'), 'utf8')).toContain(pointer)
    expect(readFileSync(path.join(work, 'docs/Ledgers/Token_Churn_Ledger.csv'), 'utf8')).toMatch(
      new RegExp(`\\n${today},${today}_next_session,next_session_planning,\\d+,,,`)
    )
    // What is left is what a person decides: the placeholders, nothing --fix could add.
    const left = JSON.parse(runCli(['--format', 'json'], {cwd: work, env: onDay(today)}).stdout) as Array<{
      messages: Array<{ruleId: string; severity: number; message: string}>
    }>
    const errors = left.flatMap((file) => file.messages).filter((message) => message.severity === 2)
    expect(errors.length).toBeGreaterThan(0)
    expect(
      errors.every((message) => message.message.startsWith('Unfilled scaffold') || message.message.includes('TODO'))
    ).toBe(true)

    // Pushed as scaffolded: the gate refuses the placeholders.
    commitAll(work, 'Plan the next session (scaffold)', today)
    const unfilled = push(work, today)
    expect(unfilled.code).not.toBe(0)
    expect(unfilled.stderr).toContain('Unfilled scaffold')

    expect(fillPlaceholders(work).length).toBeGreaterThan(0)
    const check = runCli([], {cwd: work, env: onDay(today)})
    expect(check.code, check.stdout).toBe(0)
    commitAll(work, 'Plan the next session', today)
    const accepted = push(work, today)
    expect(accepted.code, accepted.stderr).toBe(0)
    expect(refOid(remote, 'refs/heads/main')).toBe(refOid(work, 'HEAD'))
  }
)
