/**
 * A brand-new repository, as its first user sets it up: `sop-lint init`,
 * `npx sop-lint --fix` (round 1: every role file and the plan), the
 * placeholders filled, `npx sop-lint --fix` again (round 2: the spec the
 * person named is seeded, nothing is left), commit, and a push the hook
 * accepts. Set SOP_LINT_TRANSCRIPT=FILE to keep what a user would see.
 */
import {spawnSync} from 'node:child_process'
import {appendFileSync, existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {expect, test} from 'vitest'
import {onDay, withoutNpmSettings} from './helpers/cli.js'
import {fillPlaceholders} from './helpers/fill.js'
import {git, gitOk, installTools, makeRepository, refOid} from './helpers/git.js'

const today = '2026-03-02'
const transcript = process.env.SOP_LINT_TRANSCRIPT

function shell(cwd: string, command: string[]) {
  const result = spawnSync(command[0]!, command.slice(1), {
    cwd,
    encoding: 'utf8',
    env: {...withoutNpmSettings(), NO_COLOR: '1', ...onDay(today)}
  })
  if (transcript)
    appendFileSync(transcript, `$ ${command.join(' ')}\n${result.stdout}${result.stderr}[exit ${result.status}]\n\n`)
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

test(
  'an empty repository: init, --fix creates every role file and the plan, the TODOs filled, a second --fix, and the push is accepted',
  {timeout: 300_000},
  () => {
    if (transcript) writeFileSync(transcript, '')
    const {work, remote} = makeRepository({})
    installTools(work)
    const init = shell(work, ['npx', '--no-install', 'sop-lint', 'init'])
    expect(init.code).toBe(0)
    expect(init.stdout).toContain(
      'sop-lint init: no plan yet: `npx sop-lint --fix` writes the first one, with every file the procedure needs'
    )

    const first = shell(work, ['npx', '--no-install', 'sop-lint', '--fix'])
    expect(first.code).toBe(1)
    const plan = `plans/${today}_next_session.plan.md`
    for (const file of [
      plan,
      'progress.md',
      'docs/SESSION_HANDOFF.md',
      'docs/Ledgers/Token_Churn_Ledger.csv',
      'docs/Tasks/tracker_cli_todo.md'
    ]) {
      expect(existsSync(path.join(work, file)), file).toBe(true)
      expect(first.stderr).toContain(`sop-lint: created ${file}`)
    }
    expect(readFileSync(path.join(work, 'docs/Ledgers/Token_Churn_Ledger.csv'), 'utf8')).toMatch(
      /^date,session_id,task,tokens_planned,tokens_actual,delta,/
    )
    expect(readFileSync(path.join(work, 'docs/Tasks/tracker_cli_todo.md'), 'utf8')).toContain(
      '| Task | Status | Primary Spec |'
    )
    // Round 1 lists only what a person decides: every error is a placeholder to fill.
    const reasons = first.stdout.split('\n').filter((line) => / error /.test(line))
    expect(reasons.length).toBeGreaterThan(0)
    for (const line of reasons) expect(line).toMatch(/Unfilled scaffold|TODO%|names no spec, only `TODO`/)

    // The person fills the scaffold: a title, the spec it will be written against, the criteria, the /status figures.
    fillPlaceholders(work, {taskTitle: 'Weekly report', spec: '`features/weekly_report.feature`'})
    const table = path.join(work, 'docs/Tasks/tracker_cli_todo.md')
    writeFileSync(
      table,
      readFileSync(table, 'utf8').replace('| open | TODO |', '| open | `features/weekly_report.feature` |')
    )
    if (transcript)
      appendFileSync(
        transcript,
        '(filled the TODOs: the task "Weekly report", its spec features/weekly_report.feature, its criteria, the /status figures)\n\n'
      )

    const second = shell(work, ['npx', '--no-install', 'sop-lint', '--fix'])
    expect(second.stderr).toContain('sop-lint: created features/weekly_report.feature')
    expect(second.code, second.stdout).toBe(0)
    expect(second.stdout).toBe('')
    expect(readFileSync(path.join(work, 'features/weekly_report.feature'), 'utf8')).toMatch(/^Feature: Weekly report\n/)

    gitOk(work, ['add', '-A'])
    gitOk(work, ['commit', '-q', '-m', 'Plan the first session'], {date: `${today}T16:00:00+00:00`, env: onDay(today)})
    const pushed = git(work, ['push', 'origin', 'main'], {env: onDay(today)})
    if (transcript) appendFileSync(transcript, `$ git push origin main\n${pushed.stderr}[exit ${pushed.code}]\n`)
    expect(pushed.code, pushed.stderr).toBe(0)
    expect(refOid(remote, 'refs/heads/main')).toBe(refOid(work, 'HEAD'))
  }
)
