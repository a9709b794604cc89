import {cpSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import path from 'node:path'
import {expect, test} from 'vitest'
import {projectRoot, runCli} from './helpers/cli.js'
import {makeWorkspace} from './helpers/workspace.js'

interface JsonFile {
  filePath: string
  messages: Array<{ruleId: string; severity: number; line: number}>
}

function planMessages(root: string, plan: string): JsonFile['messages'] {
  const report = JSON.parse(runCli(['--root', root, '--format', 'json']).stdout) as JsonFile[]
  return report.find((file) => file.filePath === path.join(root, plan))?.messages ?? []
}

test('plan new drafts tasks from the open Task ↔ Spec rows, and the rules accept it but for no-todo warnings', () => {
  const root = makeWorkspace({})
  cpSync(path.join(projectRoot, 'fixtures/valid'), root, {recursive: true})
  for (const plan of readdirSync(path.join(root, 'plans'))) rmSync(path.join(root, 'plans', plan))
  const result = runCli(['plan', 'new', '--date', '2026-12-01', '--root', root])
  expect(result.code).toBe(0)
  expect(result.stdout).toBe('sop-lint: wrote plans/2026-12-01_next_session.plan.md; fill in its TODOs, then run sop-lint\n')
  const plan = 'plans/2026-12-01_next_session.plan.md'
  const text = readFileSync(path.join(root, plan), 'utf8')
  const table = readFileSync(path.join(root, 'docs/Tasks/tracker_cli_todo.md'), 'utf8')
  const titles = [...text.matchAll(/^\d+\. \*\*(.+) \((\d+)K\)\*\*$/gm)]
  expect(titles.length).toBeGreaterThan(0)
  for (const [, title] of titles) expect(table).toContain(title)
  const taskTokens = titles.reduce((sum, [, , tokens]) => sum + Number(tokens), 0)
  expect(taskTokens).toBeLessThanOrEqual(204 - 15)
  expect(planMessages(root, plan).filter((message) => message.ruleId !== 'no-todo')).toEqual([])
})

test('plan new on an empty folder writes a plan whose only messages are no-todo warnings', () => {
  const root = makeWorkspace({'progress.md': '# Progress\n'})
  expect(runCli(['plan', 'new', '--date', '2026-12-01', '--root', root]).code).toBe(0)
  const messages = planMessages(root, 'plans/2026-12-01_next_session.plan.md')
  expect(messages.length).toBeGreaterThan(0)
  expect(messages.every((message) => message.ruleId === 'no-todo' && message.severity === 1)).toBe(true)
})

test('plan new refuses to overwrite a plan and rejects a bad date, with exit 2 and one line', () => {
  const root = makeWorkspace({'plans/2026-12-01_next_session.plan.md': '# Mine\n'})
  const again = runCli(['plan', 'new', '--date', '2026-12-01', '--root', root])
  expect(again.code).toBe(2)
  expect(again.stderr).toBe('sop-lint: plans/2026-12-01_next_session.plan.md exists already: edit it, or pass another --date\n')
  expect(readFileSync(path.join(root, 'plans/2026-12-01_next_session.plan.md'), 'utf8')).toBe('# Mine\n')
  const badDate = runCli(['plan', 'new', '--date', '2026-02-30', '--root', root])
  expect(badDate.code).toBe(2)
  expect(badDate.stderr).toBe('sop-lint: --date 2026-02-30: expected a calendar date as YYYY-MM-DD\n')
  expect(runCli(['plan', 'new', '--help']).stdout).toContain('Usage: sop-lint plan new')
})
