import {cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {projectRoot, runCli} from './helpers/cli.js'
import {agentosCopy, agentosFolder, makeWorkspace} from './helpers/workspace.js'

interface JsonFile {
  filePath: string
  messages: Array<{ruleId: string; severity: number; line: number; message: string}>
}

function report(root: string): JsonFile[] {
  return JSON.parse(runCli(['--root', root, '--format', 'json']).stdout) as JsonFile[]
}

function planMessages(root: string, plan: string): JsonFile['messages'] {
  return report(root).find((file) => file.filePath === path.join(root, plan))?.messages ?? []
}

test('plan new drafts tasks from the open Task ↔ Spec rows, writes the pointers and the ledger row, and leaves only the placeholders to fill', () => {
  const root = makeWorkspace({})
  cpSync(path.join(projectRoot, 'fixtures/valid'), root, {recursive: true})
  for (const plan of readdirSync(path.join(root, 'plans'))) rmSync(path.join(root, 'plans', plan))
  const result = runCli(['plan', 'new', '--date', '2026-12-01', '--root', root])
  expect(result.code).toBe(0)
  const plan = 'plans/2026-12-01_next_session.plan.md'
  expect(result.stderr).toContain(`sop-lint: created ${plan}`)
  expect(result.stderr).toMatch(/^ {2}to fill: \d+ TODOs \(listed below\); the push is blocked until they are filled$/m)
  const text = readFileSync(path.join(root, plan), 'utf8')
  const table = readFileSync(path.join(root, 'docs/Tasks/tracker_cli_todo.md'), 'utf8')
  const titles = [...text.matchAll(/^\d+\. \*\*(.+) \((\d+)K\)\*\*$/gm)]
  expect(titles.length).toBeGreaterThan(0)
  for (const [, title] of titles) expect(table).toContain(title)
  const taskTokens = titles.reduce((sum, [, , tokens]) => sum + Number(tokens), 0)
  expect(taskTokens).toBeLessThanOrEqual(204 - 15)
  // What --fix adds for a plan, plan new adds too: before, plan new left them to a second command and the push blocked.
  expect(readFileSync(path.join(root, 'progress.md'), 'utf8')).toContain(`- Plan: \`${plan}\``)
  expect(readFileSync(path.join(root, 'docs/SESSION_HANDOFF.md'), 'utf8')).toContain(`- Plan: \`${plan}\``)
  expect(readFileSync(path.join(root, 'docs/Ledgers/Token_Churn_Ledger.csv'), 'utf8')).toMatch(
    /\n2026-12-01,2026-12-01_next_session,next_session_planning,\d+,,,/
  )
  const left = planMessages(root, plan)
  expect(left.length).toBeGreaterThan(0)
  expect(
    left.every(
      (message) =>
        message.ruleId === 'no-todo' && message.severity === 2 && message.message.startsWith('Unfilled scaffold:')
    )
  ).toBe(true)
  // The count printed is what is left in the documents.
  const printed = Number(/to fill: (\d+) TODOs/.exec(result.stderr)![1])
  const written = [plan].map((file) => readFileSync(path.join(root, file), 'utf8').match(/\bTODO\b/g)?.length ?? 0)
  expect(printed).toBe(written[0])
})

test('plan new reads the newest entry of long handoff notes from its lines: the range written is that of the entry, as a whole parse finds it', () => {
  const root = makeWorkspace({})
  cpSync(path.join(projectRoot, 'fixtures/valid'), root, {recursive: true})
  // A year of entries (over the 16 KB below which a document is parsed whole), a dated line in a fence near the end.
  const entries = Array.from({length: 300}, (_, index) => {
    const day = new Date(Date.UTC(2025, 0, 1 + index)).toISOString().slice(0, 10)
    return `## ${day} — Session ${index + 1}\n\n- Done: the importer's step ${index + 1}\n- Open: the step after it\n`
  })
  const fence = '```text\n## 2099-01-01 — not an entry: a line of a log pasted in\n```\n'
  const text = `# Session handoff\n\n${entries.slice(0, -1).join('\n')}\n${fence}\n${entries.at(-1)}`
  writeFileSync(path.join(root, 'docs/SESSION_HANDOFF.md'), text)
  const lines = text.split('\n')
  const start = lines.indexOf(entries.at(-1)!.split('\n')[0]!) + 1
  const result = runCli(['plan', 'new', '--date', '2026-12-01', '--root', root])
  expect(result.code, result.stderr).toBe(0)
  const plan = readFileSync(path.join(root, 'plans/2026-12-01_next_session.plan.md'), 'utf8')
  expect(plan).toContain(
    `\`docs/SESSION_HANDOFF.md:${start}-${lines.length - 1}\` — the newest handoff entry: what was done and what is open`
  )
  expect(start).toBe(1502)
})

test('plan new in an empty folder creates every role file it needs, and its plan is left with placeholders only', () => {
  const root = makeWorkspace({'progress.md': '# Progress\n'})
  const result = runCli(['plan', 'new', '--date', '2026-12-01', '--root', root])
  expect(result.code).toBe(0)
  for (const file of [
    'docs/SESSION_HANDOFF.md',
    'docs/Ledgers/Token_Churn_Ledger.csv',
    'docs/Tasks/tracker_cli_todo.md'
  ]) {
    expect(existsSync(path.join(root, file)), file).toBe(true)
  }
  expect(readFileSync(path.join(root, 'progress.md'), 'utf8')).toMatch(/^# Progress\n/)
  const messages = planMessages(root, 'plans/2026-12-01_next_session.plan.md')
  expect(messages.length).toBeGreaterThan(0)
  expect(messages.every((message) => message.ruleId === 'no-todo' && message.severity === 2)).toBe(true)
})

test('plan new refuses to overwrite a plan and rejects a bad date, with exit 2 and one line', () => {
  const root = makeWorkspace({'plans/2026-12-01_next_session.plan.md': '# Mine\n'})
  const again = runCli(['plan', 'new', '--date', '2026-12-01', '--root', root])
  expect(again.code).toBe(2)
  expect(again.stderr).toBe(
    'sop-lint: plans/2026-12-01_next_session.plan.md exists already: edit it, or pass another --date\n'
  )
  expect(readFileSync(path.join(root, 'plans/2026-12-01_next_session.plan.md'), 'utf8')).toBe('# Mine\n')
  const badDate = runCli(['plan', 'new', '--date', '2026-02-30', '--root', root])
  expect(badDate.code).toBe(2)
  expect(badDate.stderr).toBe('sop-lint: --date 2026-02-30: expected a calendar date as YYYY-MM-DD\n')
  expect(runCli(['plan', 'new', '--help']).stdout).toContain('Usage: sop-lint plan new')
})

test('plan new skips open rows whose checklist is all ticked or that name no spec, and says which rows it left out, and why', () => {
  const rows = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf']
  const root = makeWorkspace({
    'docs/Tasks/tracker_cli_todo.md': [
      '# Tracker',
      '',
      '| Task | Status | Spec |',
      '| --- | --- | --- |',
      ...rows.map((row) => `| ${row} | open | \`features/${row.toLowerCase()}.feature\` |`),
      '| Hotel | done | n/a |',
      '| India | open | n/a |',
      '',
      '- [ ] Bravo — the import',
      '  - [x] parse the file',
      '  - [x] store the rows',
      '- [ ] Delta',
      '  - [x] first half',
      '  - [ ] second half',
      ''
    ].join('\n')
  })
  const result = runCli(['plan', 'new', '--date', '2026-12-01', '--root', root])
  expect(result.code).toBe(0)
  const plan = readFileSync(path.join(root, 'plans/2026-12-01_next_session.plan.md'), 'utf8')
  const titles = [...plan.matchAll(/^\d+\. \*\*(.+) \(\d+K\)\*\*$/gm)].map((match) => match[1])
  expect(titles).toEqual(['Alpha', 'Charlie', 'Delta', 'Echo', 'Foxtrot'])
  expect(result.stderr).toContain(
    '3 open rows left out: “Bravo” (its checklist items are all done), “Golf” (a plan takes at most 5 tasks), “India” (it names no spec yet: spec-first, its spec comes before it is planned)'
  )
})

const agentos = agentosFolder

describe.skipIf(!existsSync(agentos))('plan new on a copy of examples/agentos', () => {
  test('required reading: the procedure, the previous plan, the newest handoff entry and the tasks’ specs, under 15K tokens; every open row accounted for; the TODO count printed', () => {
    const root = agentosCopy()
    const result = runCli(['plan', 'new', '--date', '2026-12-01', '--root', root])
    expect(result.code, result.stderr).toBe(0)
    const plan = readFileSync(path.join(root, 'plans/2026-12-01_next_session.plan.md'), 'utf8')
    const reading = /## Required reading\n\n([\s\S]*?)\n\n## /.exec(plan)![1]!.split('\n')
    expect(reading[0]).toBe('1. `docs/SOP/next_session_planning_sop.md` — the procedure this plan follows')
    expect(reading[1]).toBe('2. `plans/2025-11-06_cross-repo-sync.plan.md` — the previous plan: what it set out to do')
    expect(reading[2]).toMatch(
      /^3\. `docs\/SESSION_HANDOFF\.md:\d+-\d+` — the newest handoff entry: what was done and what is open$/
    )
    expect(reading.slice(3).every((line) => / — the spec of task \d, written before the code$/.test(line))).toBe(true)
    const tokens = Number(/required reading: \d+ items, ([\d,]+) tokens/.exec(result.stderr)![1]!.replace(/,/g, ''))
    expect(tokens).toBeLessThan(15_000)
    // Every open row is a task or is said to be left out.
    const taken = Number(/tasks: (\d+) from the open rows/.exec(result.stderr)![1])
    const leftOut = Number(/(\d+) open rows? left out/.exec(result.stderr)?.[1] ?? 0)
    const table = readFileSync(path.join(agentos, 'docs/Tasks/tracker_cli_todo.md'), 'utf8')
    const open = table.split('\n').filter((line) => /^\| [^|]+ \| (open|in progress) \|/.test(line))
    expect(taken + leftOut).toBe(open.length)
    expect(result.stderr).toMatch(/to fill: \d+ TODOs/)
    process.stdout.write(`plan new on agentos (stderr):\n${result.stderr}\n`)
  })
})
