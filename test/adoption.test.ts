/**
 * `sop-lint init` on a workspace with a history, and the hook's advice: real
 * git with a bare remote, the hooks husky installs, processes on a given day.
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {onDay, runCli} from './helpers/cli.js'
import {fixture, git, gitOk, installTools, makeRepository, refOid, writeFiles} from './helpers/git.js'

const slow = {timeout: 300_000}

/** The last line sop-lint wrote in a push's output (git adds its own after the hook's). */
function lastHookLine(stderr: string): string | undefined {
  return stderr
    .trimEnd()
    .split('\n')
    .filter((line) => !line.startsWith('error: failed to push'))
    .at(-1)
}
const day = '2026-02-13'

function commitAll(work: string, message: string, date = day): void {
  gitOk(work, ['add', '-A'])
  gitOk(work, ['commit', '-q', '--no-verify', '-m', message], {date: `${date}T12:00:00+00:00`})
}

/** A workspace laid out its own way: plans in docs/plans named `<date>-plan.md`, PROGRESS.md, HANDOFF.md, a ledger and a table elsewhere. */
function ownLayout(): Record<string, string> {
  const valid = fixture('valid')
  const files: Record<string, string> = {}
  for (const [file, text] of Object.entries(valid)) {
    const moved = file
      .replace(/^plans\/(\d{4}-\d{2}-\d{2})_next_session\.plan\.md$/, 'docs/plans/$1-plan.md')
      .replace(/^progress\.md$/, 'PROGRESS.md')
      .replace(/^docs\/SESSION_HANDOFF\.md$/, 'HANDOFF.md')
      .replace(/^docs\/Ledgers\/Token_Churn_Ledger\.csv$/, 'tracking/tokens.csv')
      .replace(/^docs\/Tasks\/tracker_cli_todo\.md$/, 'docs/backlog.md')
    files[moved] = text
  }
  return files
}

describe('init adopts an existing workspace', slow, () => {
  test('it finds the layout, says what it found, writes only the settings that differ and the adoption date, and stays idempotent', () => {
    const {work} = makeRepository(ownLayout())
    installTools(work)
    const init = runCli(['init'], {cwd: work, env: onDay(day)})
    expect(init.code, init.stderr).toBe(0)
    expect(init.stdout).toContain('sop-lint init: found this layout:\n')
    expect(init.stdout).toContain('  plans: docs/plans/ (3 plans, named {date}-plan.md)\n')
    expect(init.stdout).toContain('  progress log: PROGRESS.md\n')
    expect(init.stdout).toContain('  handoff notes: HANDOFF.md\n')
    expect(init.stdout).toContain('  token ledger: tracking/tokens.csv\n')
    expect(init.stdout).toContain('  Task ↔ Spec table: docs/backlog.md\n')
    const config = JSON.parse(readFileSync(path.join(work, '.remarkrc.json'), 'utf8'))
    expect(config).toEqual({
      plugins: [
        [
          'sop-lint',
          {
            paths: {
              plans: 'docs/plans',
              progress: 'PROGRESS.md',
              handoff: 'HANDOFF.md',
              ledger: 'tracking/tokens.csv',
              taskSpecTable: 'docs/backlog.md'
            },
            plan: {suffix: '.md', pattern: '{date}-plan.md'},
            hook: {adoptedOn: day}
          }
        ]
      ]
    })
    const again = runCli(['init'], {cwd: work, env: onDay('2026-03-01')})
    expect(again.stdout).toContain('nothing changed')
    expect(readFileSync(path.join(work, '.remarkrc.json'), 'utf8')).toContain(`"adoptedOn": "${day}"`)
  })

  test('a workspace laid out as the procedure says gets no setting but the adoption date; the first check passing says so', () => {
    const {work} = makeRepository(fixture('valid'))
    installTools(work)
    const init = runCli(['init'], {cwd: work, env: onDay(day)})
    expect(JSON.parse(readFileSync(path.join(work, '.remarkrc.json'), 'utf8'))).toEqual({
      plugins: [['sop-lint', {hook: {adoptedOn: day}}]]
    })
    expect(init.stdout).toContain('sop-lint init: the first check finds no error')
    expect(existsSync(path.join(work, 'sop-lint-suppressions.json'))).toBe(false)
  })

  test('a history with errors: init offers the baseline, init --baseline records it, and the check passes', () => {
    const files = fixture('valid')
    const ledger = 'docs/Ledgers/Token_Churn_Ledger.csv'
    // Rows the procedure would not write: a date going back, an id of n/a.
    files[ledger] = files[ledger]!.replace(
      /\n(2026-02-11,)/,
      '\n2026-02-10,n/a,status_snapshot,0,50000,50000,0,0,0,0,0,Context snapshot\n2026-02-08,n/a,status_snapshot,0,9000,9000,0,0,0,0,0,Context snapshot\n$1'
    )
    const {work} = makeRepository(files)
    installTools(work)
    const offered = runCli(['init'], {cwd: work, env: onDay(day)})
    expect(offered.stdout).toMatch(
      /the first check finds \d+ errors? in 1 file: `npx sop-lint` lists them\. To adopt without rewriting history, record them as the baseline: `npx sop-lint init --baseline`/
    )
    expect(existsSync(path.join(work, 'sop-lint-suppressions.json'))).toBe(false)
    const baseline = runCli(['init', '--baseline'], {cwd: work, env: onDay(day)})
    expect(baseline.stdout).toMatch(/sop-lint-suppressions\.json \(the baseline: \d+ problems? from before sop-lint\)/)
    expect(baseline.stdout).toContain('with the baseline, the check passes')
    const check = runCli([], {cwd: work, env: onDay(day)})
    expect(check.code, check.stdout).toBe(0)
    expect(check.stdout).toMatch(/\d+ problems? suppressed \(sop-lint-suppressions\.json\)\n$/)
  })
})

describe('the hook’s advice', slow, () => {
  test('a commit from before the adoption is not blocked, and the push says why', () => {
    const {work, remote} = makeRepository(fixture('valid'))
    // History from before sop-lint: a commit with no plan, tagged.
    writeFiles(work, {plans: null})
    commitAll(work, 'Old work', '2025-06-01')
    gitOk(work, ['tag', 'v0.1'])
    writeFiles(work, fixture('valid'))
    installTools(work)
    expect(runCli(['init'], {cwd: work, env: onDay(day)}).code).toBe(0)
    commitAll(work, 'Adopt sop-lint')
    const pushed = git(work, ['push', 'origin', 'main', 'v0.1'], {env: onDay(day)})
    expect(pushed.code, pushed.stderr).toBe(0)
    expect(pushed.stderr).toMatch(
      /sop-lint: refs\/tags\/v0\.1 — commit [0-9a-f]{10} \(2025-06-01\) was made before sop-lint was adopted on 2026-02-13 \(hook\.adoptedOn\): not checked/
    )
    expect(refOid(remote, 'refs/tags/v0.1')).toBe(refOid(work, 'v0.1'))
  })

  test('a plan in the working tree but not in the commit: the push names it and ends with the command that commits it', () => {
    const {work} = makeRepository(fixture('valid'))
    installTools(work)
    expect(runCli(['init'], {cwd: work, env: onDay(day)}).code).toBe(0)
    commitAll(work, 'Set up')
    expect(git(work, ['push', 'origin', 'main'], {env: onDay(day)}).code).toBe(0)
    const later = '2026-02-20'
    const plan = `plans/${later}_next_session.plan.md`
    writeFiles(work, {[plan]: fixture('valid')['plans/2026-02-13_next_session.plan.md']!.replace(/2026-02-13/g, later)})
    writeFiles(work, {'src/invoice_sync/later.py': '# later\n'})
    gitOk(work, ['add', 'src'])
    gitOk(work, ['commit', '-q', '--no-verify', '-m', 'Later work'], {date: `${later}T12:00:00+00:00`})
    const blocked = git(work, ['push', 'origin', 'main'], {env: onDay(later)})
    expect(blocked.code).not.toBe(0)
    const head = refOid(work, 'HEAD')!.slice(0, 10)
    expect(blocked.stderr).toContain(`${plan} exists in your working tree but not in commit ${head}: commit it`)
    expect(lastHookLine(blocked.stderr)).toBe(`To fix: \`git add ${plan} && git commit\`, then push again.`)
  })

  test('every blocked push ends with one command: --fix for what it adds, the baseline for history without one', () => {
    const {work} = makeRepository(fixture('valid'))
    installTools(work)
    expect(runCli(['init'], {cwd: work, env: onDay(day)}).code).toBe(0)
    commitAll(work, 'Set up')
    const plan = 'plans/2026-02-13_next_session.plan.md'
    const text = readFileSync(path.join(work, plan), 'utf8')
    writeFileSync(path.join(work, plan), text.replace('## Handoff requirements', '## Notes'))
    commitAll(work, 'Lose a section')
    const fixable = git(work, ['push', 'origin', 'main'], {env: onDay(day)})
    expect(lastHookLine(fixable.stderr)).toBe(
      'To fix: run `npx sop-lint --fix`, fill in the TODOs it leaves, commit, and push again.'
    )

    writeFileSync(path.join(work, plan), text)
    const ledger = path.join(work, 'docs/Ledgers/Token_Churn_Ledger.csv')
    writeFileSync(
      ledger,
      readFileSync(ledger, 'utf8').replace(
        '\n2026-02-11,',
        '\n2026-02-05,n/a,status_snapshot,0,9000,9000,0,0,0,0,0,Snapshot\n2026-02-11,'
      )
    )
    commitAll(work, 'A row out of order')
    const history = git(work, ['push', 'origin', 'main'], {env: onDay(day)})
    expect(history.code).not.toBe(0)
    expect(lastHookLine(history.stderr)).toBe(
      'To fix: correct what is listed above; problems from before sop-lint can be recorded as the baseline instead: `npx sop-lint --suppress-all`, commit sop-lint-suppressions.json, and push again.'
    )
  })
})

describe('init in a subfolder package', slow, () => {
  test('the pre-commit checks the workspace’s planning files at the repository’s root: a broken plan staged there blocks the commit', () => {
    const {work} = makeRepository({
      ...fixture('valid'),
      'app/package.json': '{\n  "name": "app",\n  "private": true\n}\n'
    })
    const app = path.join(work, 'app')
    installTools(app)
    expect(runCli(['init'], {cwd: app, env: onDay(day)}).code).toBe(0)
    expect(readFileSync(path.join(app, '.husky/pre-commit'), 'utf8')).toContain(
      '( cd app && sop-lint hook pre-commit )'
    )
    commitAll(work, 'Set up sop-lint in app/')
    const plan = 'plans/2026-02-13_next_session.plan.md'
    writeFileSync(
      path.join(work, plan),
      readFileSync(path.join(work, plan), 'utf8').replace('## Handoff requirements', '## Notes')
    )
    gitOk(work, ['add', plan])
    const commit = git(work, ['commit', '-m', 'Break the plan'], {env: onDay(day)})
    expect(commit.code).not.toBe(0)
    expect(`${commit.stdout}${commit.stderr}`).toContain('Missing section “Handoff requirements”')
    // Nothing of the workspace staged: nothing to check, the commit goes on.
    gitOk(work, ['checkout', '--', plan])
    gitOk(work, ['reset', '-q', plan])
    writeFiles(work, {'app/index.js': 'export {}\n'})
    gitOk(work, ['add', 'app/index.js'])
    expect(git(work, ['commit', '-q', '-m', 'Code only'], {env: onDay(day)}).code).toBe(0)
  })
})
