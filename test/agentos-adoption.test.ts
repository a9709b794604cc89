/**
 * Adoption end to end on a copy of examples/agentos, a real workspace whose
 * history does not follow the procedure: a temporary git repository with a
 * bare remote, the hooks `sop-lint init` installs, real `git push`es, each
 * process on the day the test says.
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {onDay, runCli} from './helpers/cli.js'
import {fillPlaceholders} from './helpers/fill.js'
import {git, gitOk, installTools, refOid} from './helpers/git.js'
import {agentosCopy, agentosFolder, tempFolder} from './helpers/workspace.js'

function commitAll(work: string, message: string, day: string): void {
  gitOk(work, ['add', '-A'])
  gitOk(work, ['commit', '-q', '--no-verify', '-m', message], {date: `${day}T17:00:00+00:00`})
}

const push = (work: string, day: string) => git(work, ['push', 'origin', 'main'], {env: onDay(day)})

describe.skipIf(!existsSync(agentosFolder))('adopting sop-lint on a copy of examples/agentos', () => {
  test(
    'init finds the layout and records the baseline; a plan missing a section is blocked until fixed; --fix on a stale plan is blocked until its TODOs are filled',
    {timeout: 600_000},
    () => {
      const work = agentosCopy()
      const remote = path.join(tempFolder(), 'remote.git')
      gitOk(work, ['init', '-q', '-b', 'main'])
      gitOk(path.dirname(remote), ['init', '-q', '--bare', '-b', 'main', remote])
      gitOk(work, ['remote', 'add', 'origin', remote])
      writeFileSync(path.join(work, '.gitignore'), 'node_modules/\n')
      installTools(work)

      // 1. Adopt on the day of the newest plan: the layout found, the history's errors recorded as the baseline.
      const adopted = '2025-11-06'
      const init = runCli(['init', '--baseline'], {cwd: work, env: onDay(adopted)})
      expect(init.code, init.stderr).toBe(0)
      expect(init.stdout).toContain('  plans: plans/ (12 plans')
      expect(init.stdout).toContain('  Task ↔ Spec table: docs/Tasks/tracker_cli_todo.md')
      expect(init.stdout).toMatch(/sop-lint-suppressions\.json \(the baseline: \d+ problems from before sop-lint\)/)
      expect(init.stdout).toContain('with the baseline, the check passes')
      const baseline = readFileSync(path.join(work, 'sop-lint-suppressions.json'), 'utf8')
      commitAll(work, 'Adopt sop-lint', adopted)
      const first = push(work, adopted)
      expect(first.code, first.stderr).toBe(0)

      // 2. The next session's plan, missing a section: blocked.
      const next = '2025-11-07'
      const plan = `plans/${next}_next_session.plan.md`
      const drafted = runCli(['plan', 'new'], {cwd: work, env: onDay(next)})
      expect(drafted.code, drafted.stderr).toBe(0)
      fillPlaceholders(work)
      const planText = readFileSync(path.join(work, plan), 'utf8')
      const withoutMatrix = planText.replace(/## Validation matrix\n[\s\S]*?(?=## Handoff requirements)/, '')
      expect(withoutMatrix).not.toBe(planText)
      writeFileSync(path.join(work, plan), withoutMatrix)
      commitAll(work, 'Plan the next session', next)
      const missing = push(work, next)
      expect(missing.code).not.toBe(0)
      expect(missing.stderr).toContain('Missing section “Validation matrix”')
      expect(missing.stderr).toMatch(/\d+ problems suppressed \(sop-lint-suppressions\.json\)/)

      // 3. Fixed, committed: accepted.
      writeFileSync(path.join(work, plan), planText)
      const checked = runCli([], {cwd: work, env: onDay(next)})
      expect(checked.code, checked.stdout).toBe(0)
      commitAll(work, 'Restore the validation matrix', next)
      const fixed = push(work, next)
      expect(fixed.code, fixed.stderr).toBe(0)

      // 4. Days later: --fix writes the stale plan's successor; pushed with its TODOs, it is blocked.
      const later = '2025-11-12'
      const fix = runCli(['--fix'], {cwd: work, env: onDay(later)})
      expect(fix.stderr).toContain(`sop-lint: created plans/${later}_next_session.plan.md`)
      commitAll(work, 'Scaffold the plan', later)
      const unfilled = push(work, later)
      expect(unfilled.code).not.toBe(0)
      expect(unfilled.stderr).toContain('Unfilled scaffold')

      // 5. The TODOs filled: accepted. The baseline was never rewritten and still holds as progress.md and the ledger grew.
      fillPlaceholders(work)
      const filled = runCli([], {cwd: work, env: onDay(later)})
      expect(filled.code, filled.stdout).toBe(0)
      expect(filled.stdout).toMatch(/\d+ problems suppressed \(sop-lint-suppressions\.json\)\n$/)
      commitAll(work, 'Plan the next session', later)
      const accepted = push(work, later)
      expect(accepted.code, accepted.stderr).toBe(0)
      expect(refOid(remote, 'refs/heads/main')).toBe(refOid(work, 'HEAD'))
      expect(readFileSync(path.join(work, 'sop-lint-suppressions.json'), 'utf8')).toBe(baseline)
      expect(readFileSync(path.join(work, 'docs/Ledgers/Token_Churn_Ledger.csv'), 'utf8')).toContain(
        `\n${later},${later}_next_session,next_session_planning,`
      )
    }
  )
})
