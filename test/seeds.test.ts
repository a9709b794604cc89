/**
 * Seed materials (procedure step 5): one `--fix` creates the spec stub, its
 * behave steps, the fixture placeholder and the automation scaffold that the
 * newest plan names; a second changes nothing; nothing is written outside.
 */
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {AstBuilder, GherkinClassicTokenMatcher, Parser} from '@cucumber/gherkin'
import {IdGenerator} from '@cucumber/messages'
import {expect, test} from 'vitest'
import {onDay, projectRoot, runCli} from './helpers/cli.js'
import {validWorkspace} from './helpers/workspace.js'

const day = '2026-02-13'
const planPath = `plans/${day}_next_session.plan.md`

function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>()
  const walk = (folder: string) => {
    for (const entry of readdirSync(path.join(root, folder), {withFileTypes: true})) {
      const relative = folder ? `${folder}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(relative)
      else
        files.set(
          relative,
          `${statSync(path.join(root, relative)).mode}:${readFileSync(path.join(root, relative), 'utf8')}`
        )
    }
  }
  walk('')
  return files
}

test('one --fix creates the named .feature stub (it parses), behave steps, tests/fixtures/x/ and an executable scripts/automation/x.sh; a second changes nothing', () => {
  const plan = readFileSync(path.join(projectRoot, 'fixtures/valid', planPath), 'utf8').replace(
    /3\. \*\*Dry-run report totals \(54K\)\*\*\n {3}- Spec: `features\/dry_run_report\.feature`([\s\S]*?)- Artefacts: `src\/invoice_sync\/report\.py`, `tests\/test_report\.py`/,
    '3. **Export the weekly digest (54K)**\n   - Spec: `features/x.feature`$1- Artefacts: `tests/fixtures/x/`, `scripts/automation/x.sh`, `tests/fixtures/../../../escaped.json`'
  )
  expect(plan).toContain('`features/x.feature`')
  const planned = validWorkspace({[planPath]: plan})

  const first = runCli(['--fix', '--root', planned], {env: onDay(day)})
  expect(first.code, first.stdout + first.stderr).not.toBe(2)
  for (const file of [
    'features/x.feature',
    'features/steps/x_steps.py',
    'tests/fixtures/x/.gitkeep',
    'scripts/automation/x.sh'
  ]) {
    expect(first.stderr, file).toContain(`sop-lint: created ${file}`)
  }
  const feature = readFileSync(path.join(planned, 'features/x.feature'), 'utf8')
  expect(feature).toMatch(/^Feature: Export the weekly digest\n/)
  const document = new Parser(new AstBuilder(IdGenerator.uuid()), new GherkinClassicTokenMatcher()).parse(feature)
  expect(document.feature?.name).toBe('Export the weekly digest')
  expect(document.feature?.children).toHaveLength(1)
  const steps = readFileSync(path.join(planned, 'features/steps/x_steps.py'), 'utf8')
  for (const step of document.feature!.children[0]!.scenario!.steps) expect(steps).toContain(JSON.stringify(step.text))
  const script = path.join(planned, 'scripts/automation/x.sh')
  expect(statSync(script).mode & 0o777).toBe(0o755)
  expect(readFileSync(script, 'utf8')).toMatch(/^#!\/usr\/bin\/env bash\n.*\nset -euo pipefail\n/)
  expect(existsSync(path.join(planned, '..', 'escaped.json'))).toBe(false)
  // The spec the table row now names exists and parses: no spec-table or gherkin message is left.
  const check = JSON.parse(runCli(['--root', planned, '--format', 'json'], {env: onDay(day)}).stdout) as Array<{
    messages: Array<{ruleId: string}>
  }>
  expect(
    check
      .flatMap((file) => file.messages)
      .filter((message) => message.ruleId === 'gherkin' || message.ruleId === 'spec-table')
  ).toEqual([])

  const after = snapshot(planned)
  const second = runCli(['--fix', '--root', planned], {env: onDay(day)})
  expect(second.stderr).not.toMatch(/sop-lint: (created|fixed)/)
  expect(snapshot(planned)).toEqual(after)
})

test('seeds never overwrite: a spec that exists is left as it is, and a script that exists keeps its mode', () => {
  const root = validWorkspace()
  const before = snapshot(root)
  const fixed = runCli(['--fix', '--root', root], {env: onDay(day)})
  expect(fixed.stderr).not.toMatch(/created features\//)
  expect(fixed.stderr).not.toMatch(/scripts\/automation\/capture_status\.sh/)
  const after = snapshot(root)
  for (const file of [
    'features/partial_refunds.feature',
    'scripts/automation/capture_status.sh',
    'features/steps/sync_steps.py'
  ]) {
    expect(after.get(file), file).toBe(before.get(file))
  }
})
