/**
 * The cross-file rules plan-pointer, status-capture, spec-table and
 * feature-log (their pages' examples run in rule-docs.test.ts): targeted cases with exact ids,
 * lines and columns, the text each fix carries (applied, it silences the
 * message and a second lint adds nothing), and the real agentos workspace.
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import type {VFileMessage} from 'vfile-message'
import {loadConfig} from '../src/engine/load-config.js'
import {resolveConfig} from '../src/engine/config.js'
import {readStatusCapture} from '../src/tokens/status-capture.js'
import {lintFiles} from '../src/engine/lint.js'
import {WorkingTreeSource} from '../src/workspace/source.js'
import {Workspace} from '../src/workspace/workspace.js'
import {projectRoot, runCli} from './helpers/cli.js'
import {describeMessage, lintWorkspace, lintOptions} from './helpers/lint.js'
import {makeWorkspace} from './helpers/workspace.js'

const ruleIds = ['plan-pointer', 'status-capture', 'spec-table', 'feature-log'] as const
const older = 'plans/2026-03-02_next_session.plan.md'
const newest = 'plans/2026-03-04_next_session.plan.md'
const table = 'docs/Tasks/tracker_cli_todo.md'
const log = 'docs/Tasks/tracker_feature_log.md'

/** Lints in-process and returns the rule's messages themselves (with `place` and `expected`). */
async function lintMessages(root: string, file: string, ruleId: string): Promise<VFileMessage[]> {
  const {config} = await loadConfig(root)
  const workspace = new Workspace(new WorkingTreeSource(root), config)
  const [vfile] = await lintFiles(workspace, [file], lintOptions(root))
  return vfile!.messages.filter((message) => message.ruleId === ruleId)
}

function offsetOf(text: string, point: {line: number; column: number}): number {
  const lines = text.split('\n')
  return lines.slice(0, point.line - 1).reduce((sum, line) => sum + line.length + 1, 0) + point.column - 1
}

/** Applies one message's fix as `--fix` does: insert at a point, or replace a range. */
function applyFix(root: string, file: string, message: VFileMessage): string {
  const absolute = path.join(root, file)
  const text = readFileSync(absolute, 'utf8')
  const place = message.place as
    {line: number; column: number} | {start: {line: number; column: number}; end: {line: number; column: number}}
  const [from, to] =
    'start' in place
      ? [offsetOf(text, place.start), offsetOf(text, place.end)]
      : [offsetOf(text, place), offsetOf(text, place)]
  const fixed = text.slice(0, from) + message.expected![0]! + text.slice(to)
  writeFileSync(absolute, fixed)
  return fixed
}

const lint = async (root: string, file: string, ruleId: string) => lintWorkspace(root, [file], ruleId)

describe('plan-pointer', () => {
  test('the fix joins a trailing `*` list, indent and all, and silences the message', async () => {
    const root = makeWorkspace({
      [older]: '# Plan\n',
      [newest]: '# Plan\n',
      'progress.md':
        '# Progress\n\n## 2026-03-04 Export\n  * Shipped the writer.\n  * Plan: `plans/2026-03-02_next_session.plan.md`\n'
    })
    const [message, ...rest] = await lintMessages(root, 'progress.md', 'plan-pointer')
    expect(rest).toEqual([])
    expect(describeMessage(message!)).toBe(
      '6:1 error plan-pointer `progress.md` (the progress log) does not point at the newest plan `plans/2026-03-04_next_session.plan.md`: append “- Plan: `plans/2026-03-04_next_session.plan.md`” (procedure step 6)'
    )
    expect(message!.expected).toEqual(['  * Plan: `plans/2026-03-04_next_session.plan.md`\n'])
    expect(applyFix(root, 'progress.md', message!)).toBe(
      '# Progress\n\n## 2026-03-04 Export\n  * Shipped the writer.\n  * Plan: `plans/2026-03-02_next_session.plan.md`\n  * Plan: `plans/2026-03-04_next_session.plan.md`\n'
    )
    expect(await lint(root, 'progress.md', 'plan-pointer')).toEqual([])
  })

  test('after a paragraph with no final newline, the fix starts a list after a blank line', async () => {
    const root = makeWorkspace({[newest]: '# Plan\n', 'docs/SESSION_HANDOFF.md': '# Handoff\n\nNothing yet.'})
    const [message] = await lintMessages(root, 'docs/SESSION_HANDOFF.md', 'plan-pointer')
    expect(describeMessage(message!)).toMatch(
      /^3:13 error plan-pointer `docs\/SESSION_HANDOFF.md` \(the handoff notes\) does not point/
    )
    expect(message!.expected).toEqual(['\n\n- Plan: `plans/2026-03-04_next_session.plan.md`'])
    applyFix(root, 'docs/SESSION_HANDOFF.md', message!)
    expect(await lint(root, 'docs/SESSION_HANDOFF.md', 'plan-pointer')).toEqual([])
  })

  test('an empty file gets the line and a final newline', async () => {
    const root = makeWorkspace({[newest]: '# Plan\n', 'progress.md': ''})
    const [message] = await lintMessages(root, 'progress.md', 'plan-pointer')
    expect(describeMessage(message!)).toMatch(/^1:1 error plan-pointer /)
    expect(message!.expected).toEqual(['- Plan: `plans/2026-03-04_next_session.plan.md`\n'])
  })

  test.each([
    ['a link definition', '[plan]: ../plans/2026-03-04_next_session.plan.md'],
    ['a link with an anchor', '- Plan: [tasks](../plans/2026-03-04_next_session.plan.md#tasks)'],
    ['a bare path in prose', 'Next session follows plans/2026-03-04_next_session.plan.md closely.'],
    ['a code span with ./', '- Plan: `./plans/2026-03-04_next_session.plan.md`']
  ])('%s counts as a pointer', async (_name, line) => {
    const root = makeWorkspace({[newest]: '# Plan\n', 'docs/SESSION_HANDOFF.md': `# Handoff\n\n${line}\n`})
    expect(await lint(root, 'docs/SESSION_HANDOFF.md', 'plan-pointer')).toEqual([])
  })

  test.each([
    ['the file name alone', '- Plan: `2026-03-04_next_session.plan.md`'],
    ['a path under another folder', '- Plan: `docs/plans/2026-03-04_next_session.plan.md`'],
    ['a link resolving outside the repository', '- Plan: [plan](../../plans/2026-03-04_next_session.plan.md)']
  ])('%s is not a pointer', async (_name, line) => {
    const root = makeWorkspace({[newest]: '# Plan\n', 'docs/SESSION_HANDOFF.md': `# Handoff\n\n${line}\n`})
    expect(await lint(root, 'docs/SESSION_HANDOFF.md', 'plan-pointer')).toHaveLength(1)
  })

  test('the newest plan is the latest dated one, not a legacy numbered plan; other files and plan-less workspaces are left alone', async () => {
    const root = makeWorkspace({
      'plans/007_long_session.plan.md': '# Plan\n',
      [older]: '# Plan\n',
      'progress.md': '# Progress\n\n- Plan: `plans/007_long_session.plan.md`\n',
      'notes.md': '# Notes\n'
    })
    expect(await lint(root, 'progress.md', 'plan-pointer')).toEqual([
      '4:1 error plan-pointer `progress.md` (the progress log) does not point at the newest plan `plans/2026-03-02_next_session.plan.md`: append “- Plan: `plans/2026-03-02_next_session.plan.md`” (procedure step 6)'
    ])
    expect(await lint(root, 'notes.md', 'plan-pointer')).toEqual([])
    const empty = makeWorkspace({'progress.md': '# Progress\n'})
    expect(await lint(empty, 'progress.md', 'plan-pointer')).toEqual([])
  })

  test('configured paths are the ones checked', async () => {
    const root = makeWorkspace({
      'notes/plans/2026-03-04_next_session.plan.md': '# Plan\n',
      'LOG.md': '# Log\n\n- Plan: `plans/2026-03-04_next_session.plan.md`\n',
      '.remarkrc.json': JSON.stringify({plugins: [['sop-lint', {paths: {plans: 'notes/plans', progress: 'LOG.md'}}]]})
    })
    expect(await lint(root, 'LOG.md', 'plan-pointer')).toEqual([
      '4:1 error plan-pointer `LOG.md` (the progress log) does not point at the newest plan `notes/plans/2026-03-04_next_session.plan.md`: append “- Plan: `notes/plans/2026-03-04_next_session.plan.md`” (procedure step 6)'
    ])
  })
})

describe('status-capture', () => {
  const progress = (entry: string) =>
    `# Progress\n\n## 2026-03-02 Export\n- /status: context 40% left, weekly 20% used\n\n## 2026-03-04 Export, part 2\n${entry}`

  test('a bare context percentage that reads as what is left: the fix says so', async () => {
    const root = makeWorkspace({
      'progress.md': progress('- /status: Context window 31% (188K/272K), 5h limit 7%, weekly limit 19%\n')
    })
    const [message, ...rest] = await lintMessages(root, 'progress.md', 'status-capture')
    expect(rest).toEqual([])
    expect(describeMessage(message!)).toBe(
      '7:27-7:30 error status-capture `/status` capture: say whether context 31% is used or left — 188K/272K is 69% used, 31% left, so write “31% left”'
    )
    expect(message!.expected).toEqual(['31% left'])
    applyFix(root, 'progress.md', message!)
    expect(await lint(root, 'progress.md', 'status-capture')).toEqual([])
  })

  test('a bare percentage that matches the used share, and one that matches neither', async () => {
    const root = makeWorkspace({
      'progress.md': progress(
        '- /status: context 69% (188K/272K), weekly 19% used\n- later: context 50% (188K/272K), weekly 19% used\n'
      )
    })
    expect(await lint(root, 'progress.md', 'status-capture')).toEqual([
      '7:20-7:23 error status-capture `/status` capture: say whether context 69% is used or left — 188K/272K is 69% used, 31% left, so write “69% used”',
      '8:18-8:32 error status-capture `/status` capture contradicts itself: context 50%, but 188K/272K is 69% used, 31% left; say which the percentage is'
    ])
  })

  test('“left” that contradicts the pair; “left” within the tolerance; decimals', async () => {
    const root = makeWorkspace({
      'progress.md': progress(
        '- context 62% left (168K used / 272K), weekly 12% used\n- context 39.5% left (168K used / 272K), weekly 12% used\n'
      )
    })
    expect(await lint(root, 'progress.md', 'status-capture')).toEqual([
      '7:11-7:37 error status-capture `/status` capture contradicts itself: context 62% left, but 168K used / 272K is 62% used, 38% left'
    ])
  })

  test('a pair alone is a capture; more tokens than the window is an error', async () => {
    const root = makeWorkspace({'progress.md': progress('- /status: context 300K/272K, weekly 12% used\n')})
    expect(await lint(root, 'progress.md', 'status-capture')).toEqual([
      '7:20-7:29 error status-capture `/status` capture: context 300K/272K uses more than the window'
    ])
  })

  test('the missing-capture fix appends placeholders: the next lint asks to fill them in and appends nothing', async () => {
    const root = makeWorkspace({'progress.md': progress('- Shipped the JSON writer.\n')})
    const [message] = await lintMessages(root, 'progress.md', 'status-capture')
    expect(describeMessage(message!)).toBe(
      '8:1 error status-capture No `/status` capture in the newest entry (“2026-03-04 Export, part 2”): record the context, 5h and weekly percentages (procedure step 1)'
    )
    expect(message!.expected).toEqual([
      '- /status: context window TODO% used (TODOK/272K), 5h limit TODO% used, weekly limit TODO% used\n'
    ])
    applyFix(root, 'progress.md', message!)
    expect(await lint(root, 'progress.md', 'status-capture')).toEqual([
      '8:27-8:32 error status-capture `/status` capture: fill in the context percentage (`TODO%`) from the `/status` pane',
      '8:61-8:66 error status-capture `/status` capture: fill in the 5h percentage (`TODO%`) from the `/status` pane',
      '8:86-8:91 error status-capture `/status` capture: fill in the weekly percentage (`TODO%`) from the `/status` pane'
    ])
  })

  test('the missing-window fix adds the weekly figure after the last one', async () => {
    const root = makeWorkspace({'progress.md': progress('- /status: context 62% used, 5h 10% used (resets 13:13)\n')})
    const [message] = await lintMessages(root, 'progress.md', 'status-capture')
    expect(describeMessage(message!)).toBe(
      '7:33-7:41 error status-capture `/status` capture in the newest entry (“2026-03-04 Export, part 2”) has no weekly percentage: add “weekly limit N% used” (only the 5h window may be missing)'
    )
    expect(applyFix(root, 'progress.md', message!)).toContain(
      '- /status: context 62% used, 5h 10% used, weekly limit TODO% used (resets 13:13)\n'
    )
  })

  test('the word “context” in prose is no capture; a file without dated headings is one entry', async () => {
    const prose = makeWorkspace({
      'progress.md': progress('- Updated the context engineering notes; weekly sync moved to Friday.\n')
    })
    expect(await lint(prose, 'progress.md', 'status-capture')).toEqual([
      '8:1 error status-capture No `/status` capture in the newest entry (“2026-03-04 Export, part 2”): record the context, 5h and weekly percentages (procedure step 1)'
    ])
    const undated = makeWorkspace({'progress.md': '# Progress\n\ncontext 40% left, weekly 20% used\n'})
    expect(await lint(undated, 'progress.md', 'status-capture')).toEqual([])
  })

  test('labels are configurable', async () => {
    const root = makeWorkspace({
      'progress.md': progress('- ctx 40% left, semaine 20% used\n'),
      '.remarkrc.json': JSON.stringify({
        plugins: [['sop-lint', {crossFile: {statusLabels: {context: ['ctx'], weekly: ['semaine']}}}]]
      })
    })
    expect(await lint(root, 'progress.md', 'status-capture')).toEqual([])
  })

  test('the reader: forms of real notes', () => {
    const config = resolveConfig({})
    const read = (text: string) =>
      readStatusCapture(text, config).map((found) => [
        found.window,
        found.value,
        found.direction ?? null,
        found.pair?.text ?? null
      ])
    expect(
      read('Context window 24% (209K/272K), 5h limit 5% (resets 13:13), weekly limit 24% (resets 25 Oct)')
    ).toEqual([
      ['context', 24, null, '209K/272K'],
      ['fiveHour', 5, null, null],
      ['weekly', 24, null, null]
    ])
    expect(read('5h limit: [████████░░░░] 95% left (resets 13:13)\nWeekly limit: [██░░] 20% used')).toEqual([
      ['fiveHour', 95, 'left', null],
      ['weekly', 20, 'used', null]
    ])
    expect(read('weekly remaining: 70%; 5-hour 12% consumed')).toEqual([
      ['weekly', 70, 'left', null],
      ['fiveHour', 12, 'used', null]
    ])
    expect(read('context window 209,000 of 272,000 tokens, weekly 3%')).toEqual([
      ['context', (209 / 272) * 100, 'used', '209,000 of 272,000'],
      ['weekly', 3, null, null]
    ])
    expect(read('the weekly sync on 10/20 and context switching')).toEqual([])
  })
})

describe('spec-table', () => {
  const plan = (tasks: string) => `# Plan (2026-03-04)\n\n## Tasks\n${tasks}`

  test('titles match without emphasis, numbering, budget, case or punctuation, and by the name before a colon', async () => {
    const root = makeWorkspace({
      [newest]: plan(
        '1. **Codex `/status` Automation (42K)**\n   - Spec: n/a\n- Schema: add the export schema (10K)\n'
      ),
      [table]:
        '| task | Spec |\n| --- | --- |\n| Codex /status automation | `features/status.feature` |\n| schema | `features/schema.feature` |\n',
      'features/status.feature': '',
      'features/schema.feature': ''
    })
    expect(await lint(root, table, 'spec-table')).toEqual([])
  })

  test('a missing row in a table that ends the file: the fix appends it in column order and the table passes', async () => {
    const root = makeWorkspace({
      [newest]: plan(
        '1. **JSON export (60K)**\n   - Spec: `features/json_export.feature`\n2. **Pipe to stdout (30K)**\n   - Spec: `features/stdout.feature`\n'
      ),
      [table]:
        '# Tracker\n\n| Task | Spec | Status | Notes |\n| --- | --- | --- | --- |\n| JSON export | `features/json_export.feature` | open | |\n',
      'features/json_export.feature': '',
      'features/stdout.feature': ''
    })
    const [message, ...rest] = await lintMessages(root, table, 'spec-table')
    expect(rest).toEqual([])
    expect(describeMessage(message!)).toBe(
      '6:1 error spec-table Task 2 “Pipe to stdout (30K)” of `plans/2026-03-04_next_session.plan.md` has no row in the Task ↔ Spec table: add one naming its spec (spec-first, procedure step 3)'
    )
    expect(message!.expected).toEqual(['| Pipe to stdout | `features/stdout.feature` | open |  |\n'])
    applyFix(root, table, message!)
    expect(await lint(root, table, 'spec-table')).toEqual([])
  })

  test('a task without a spec gets a TODO row: the next lint reports the placeholder and adds no row', async () => {
    const root = makeWorkspace({
      [newest]: plan('- Pager: page long reports in the terminal (20K)\n'),
      [table]: '| Task | Status | Primary Spec |\n| --- | --- | --- |\n| Old work | ✅ | n/a |\n\nNotes follow.\n'
    })
    const [message] = await lintMessages(root, table, 'spec-table')
    expect(describeMessage(message!)).toMatch(
      /^3:23 error spec-table Task 1 “Pager: page long reports in the terminal \(20K\)” of /
    )
    expect(message!.expected).toEqual(['\n| Pager: page long reports in the terminal | open | TODO |'])
    applyFix(root, table, message!)
    // The row: `| ` (2) + the title (40) + ` | open | ` (10): `TODO` spans columns 53–56.
    expect(await lint(root, table, 'spec-table')).toEqual([
      '4:53-4:57 error spec-table Task ↔ Spec row “Pager: page long reports in the terminal” (task 1 of the newest plan) names no spec, only `TODO`: name the `.feature` spec, written before the code (spec-first, procedure step 3)'
    ])
  })

  test('links resolve from the tracker’s folder; rows of other tables do not count', async () => {
    const root = makeWorkspace({
      [newest]: plan('1. **JSON export (60K)**\n   - Spec: `features/json_export.feature`\n'),
      [table]:
        '| Task | Owner |\n| --- | --- |\n| JSON export | ana |\n\n| Task | Feature |\n| --- | --- |\n| JSON export | [spec](../../features/json_export.feature) |\n| CSV export | [spec](../features/csv.feature) |\n',
      'features/json_export.feature': ''
    })
    expect(await lint(root, table, 'spec-table')).toEqual([
      '8:16-8:47 error spec-table Task ↔ Spec row “CSV export”: `docs/features/csv.feature` does not exist: name a spec that exists'
    ])
  })

  test('open rows outside the plan: warned by default, ignored on request; done rows never', async () => {
    const files = {
      [table]:
        '| Task | Status | Spec |\n| --- | --- | --- |\n| A | Done (03-02) | n/a |\n| B | [x] | |\n| C | in progress | (tbd) |\n| D | | none |\n'
    }
    expect(await lint(makeWorkspace(files), table, 'spec-table')).toEqual([
      '5:21-5:26 warning spec-table Task ↔ Spec row “C” is open and names no spec, only `(tbd)`: write its spec before the task is planned (spec-first)',
      '6:9-6:13 warning spec-table Task ↔ Spec row “D” is open and names no spec, only `none`: write its spec before the task is planned (spec-first)'
    ])
    const ignoring = makeWorkspace({
      ...files,
      '.remarkrc.json': JSON.stringify({plugins: [['sop-lint', {crossFile: {openRowsWithoutSpec: 'ignore'}}]]})
    })
    expect(await lint(ignoring, table, 'spec-table')).toEqual([])
  })

  test('an empty spec cell of a planned task', async () => {
    const root = makeWorkspace({
      [newest]: plan('- Cache: keep forecasts 10 minutes\n'),
      [table]: '| Task | Spec |\n| --- | --- |\n| Cache | |\n'
    })
    expect(await lint(root, table, 'spec-table')).toEqual([
      '3:1-3:12 error spec-table Task ↔ Spec row “Cache” (task 1 of the newest plan) names no spec, only an empty spec cell: name the `.feature` spec, written before the code (spec-first, procedure step 3)'
    ])
  })

  test('the no-table fix appends a table with a row per task, which then passes but for its placeholders', async () => {
    const root = makeWorkspace({
      [newest]: plan('1. **JSON export (60K)**\n   - Spec: `features/json_export.feature`\n'),
      [table]: '# Tracker\n',
      'features/json_export.feature': ''
    })
    const [message] = await lintMessages(root, table, 'spec-table')
    expect(message!.expected).toEqual([
      '\n| Task | Status | Primary Spec |\n| --- | --- | --- |\n| JSON export | open | `features/json_export.feature` |\n'
    ])
    applyFix(root, table, message!)
    expect(await lint(root, table, 'spec-table')).toEqual([])
  })

  test('only the configured tracker is checked', async () => {
    const root = makeWorkspace({
      [newest]: plan('- Cache\n'),
      'docs/other.md': '| Task | Spec |\n| --- | --- |\n| X | n/a |\n'
    })
    expect(await lint(root, 'docs/other.md', 'spec-table')).toEqual([])
  })
})

describe('feature-log', () => {
  const plans = {[older]: '# Plan\n', [newest]: '# Plan\n'}

  test('a table that ends the file: the fix appends a dated row in the date column', async () => {
    const root = makeWorkspace({...plans, [log]: '| Feature | When |\n| --- | --- |\n| CSV | 2026-02-27 |\n'})
    const [message] = await lintMessages(root, log, 'feature-log')
    expect(describeMessage(message!)).toBe(
      '4:1 error feature-log No feature log entry dated on or after 2026-03-02 (the previous plan, `plans/2026-03-02_next_session.plan.md`): add one for what shipped this session (procedure step 1)'
    )
    expect(message!.expected).toEqual(['| TODO: what shipped (feature, scenario, spec) | 2026-03-04 |\n'])
    applyFix(root, log, message!)
    expect(await lint(root, log, 'feature-log')).toEqual([
      '4:1-4:62 warning feature-log The feature log entry dated 2026-03-04 still holds a placeholder: say which features and scenarios shipped'
    ])
  })

  test('dated headings: the fix appends a heading as deep as the last one', async () => {
    const root = makeWorkspace({...plans, [log]: '# Log\n\n### 2026-02-27\n- CSV export\n'})
    const [message] = await lintMessages(root, log, 'feature-log')
    expect(message!.expected).toEqual(['\n### 2026-03-04\n\n- TODO: what shipped (feature, scenario, spec)\n'])
    applyFix(root, log, message!)
    expect(await lint(root, log, 'feature-log')).toEqual([
      '6:1-6:15 warning feature-log The feature log entry dated 2026-03-04 still holds a placeholder: say which features and scenarios shipped'
    ])
  })

  test('an entry on the previous plan’s date counts, with a time after it; an impossible date does not', async () => {
    const onTheDay = makeWorkspace({...plans, [log]: '# Log\n\n- 2026-03-02 18:20 — JSON export\n'})
    expect(await lint(onTheDay, log, 'feature-log')).toEqual([])
    const impossible = makeWorkspace({...plans, [log]: '# Log\n\n- 2026-02-30 — JSON export\n'})
    expect(await lint(impossible, log, 'feature-log')).toHaveLength(1)
  })

  test('a date later in an item than its first line, or in a nested list, is no entry date', async () => {
    const root = makeWorkspace({...plans, [log]: '# Log\n\n- JSON export\n  - 2026-03-04 follow-up\n'})
    expect(await lint(root, log, 'feature-log')).toHaveLength(1)
  })

  test('no previous plan, or an undated one: nothing to compare with', async () => {
    const only = makeWorkspace({[newest]: '# Plan\n', [log]: '# Log\n'})
    expect(await lint(only, log, 'feature-log')).toEqual([])
    const legacy = makeWorkspace({'plans/003_long_session.plan.md': '# Plan\n', [newest]: '# Plan\n', [log]: '# Log\n'})
    expect(await lint(legacy, log, 'feature-log')).toEqual([])
  })
})

describe('failure fixtures: each triggers its rule and nothing else', () => {
  const families: Record<(typeof ruleIds)[number], string[]> = {
    'plan-pointer': ['docs/SESSION_HANDOFF.md 21:1 error plan-pointer', 'progress.md 25:1 error plan-pointer'],
    'status-capture': ['progress.md 23:37-23:40 error status-capture', 'progress.md 23:63-23:71 error status-capture'],
    'spec-table': [
      'docs/Tasks/tracker_cli_todo.md 11:30-11:57 error spec-table',
      'docs/Tasks/tracker_cli_todo.md 15:31-15:36 error spec-table',
      'docs/Tasks/tracker_cli_todo.md 16:1 error spec-table'
    ],
    'feature-log': ['docs/Tasks/tracker_feature_log.md 6:1 error feature-log']
  }
  for (const [family, expected] of Object.entries(families)) {
    test(family, () => {
      const root = path.join(projectRoot, 'fixtures/failures', family)
      const result = runCli(['--root', root, '--all-plans', '--format', 'json'])
      expect(result.code).toBe(1)
      const files = JSON.parse(result.stdout) as Array<{
        filePath: string
        messages: Array<{
          ruleId: string
          severity: number
          line: number
          column: number
          endLine?: number
          endColumn?: number
        }>
      }>
      const found = files.flatMap((file) =>
        file.messages.map((message) => {
          const end = message.endLine === undefined ? '' : `-${message.endLine}:${message.endColumn}`
          return `${path.relative(root, file.filePath)} ${message.line}:${message.column}${end} ${message.severity === 2 ? 'error' : 'warning'} ${message.ruleId}`
        })
      )
      expect(found.sort()).toEqual([...expected].sort())
    })
  }
})

describe('agentos: the real workspace', () => {
  const root = path.resolve(projectRoot, '../shared/examples/agentos')
  test.skipIf(!existsSync(root))(
    'reports the missing pointers and /status capture, the Task ↔ Spec rows without a spec, the feature log',
    () => {
      const result = runCli(['--root', root, '--format', 'json'])
      expect(result.stderr).toBe('')
      const files = JSON.parse(result.stdout) as Array<{
        filePath: string
        messages: Array<{
          ruleId: string
          severity: number
          message: string
          line: number
          column: number
          endLine?: number
          endColumn?: number
        }>
      }>
      const ours = files.flatMap((file) =>
        file.messages
          .filter((message) => (ruleIds as readonly string[]).includes(message.ruleId))
          .map((message) => {
            const end = message.endLine === undefined ? '' : `-${message.endLine}:${message.endColumn}`
            const where = `${path.relative(root, file.filePath)}:${message.line}:${message.column}${end}`
            return {
              where: `${where} ${message.severity === 2 ? 'error' : 'warning'} ${message.ruleId}`,
              message: message.message
            }
          })
      )
      const expected: Array<[string, string]> = [
        // progress.md has 265 lines and a final newline: its end is 266:1. Its newest entry (line 262) has no /status capture.
        [
          'progress.md:266:1 error plan-pointer',
          'does not point at the newest plan `plans/2025-11-06_cross-repo-sync.plan.md`'
        ],
        [
          'progress.md:266:1 error status-capture',
          'No `/status` capture in the newest entry (“2025-11-06 CCC Adapter BDD Alignment”)'
        ],
        [
          'docs/SESSION_HANDOFF.md:396:1 error plan-pointer',
          '`docs/SESSION_HANDOFF.md` (the handoff notes) does not point at the newest plan'
        ],
        // The handoff's one /status capture (line 300, columns 61–63): 24% beside 209K/272K, which is 77% used — 24% is what is left.
        [
          'docs/SESSION_HANDOFF.md:300:61-300:64 error status-capture',
          'say whether context 24% is used or left — 209K/272K is 77% used, 23% left'
        ],
        // Row 36 (“(tbd per command)”, columns 29–45) is open and names no spec; row 37 (“n/a”) is open but its notes say
        // “Documentation only.”, and row 41 (“n/a”) is done (✅).
        [
          'docs/Tasks/tracker_cli_todo.md:36:29-36:46 warning spec-table',
          '“BDD parity sweep” is open and names no spec, only “(tbd per command)”'
        ],
        // The newest plan is a process-only slice: an item marked done and a handoff bullet are no tasks, and its one task
        // needs no spec, so no row.
        // The feature log's last row (line 12, 447 characters) is from 2025-10-20; the previous plan is dated 2025-11-06.
        [
          'docs/Tasks/tracker_feature_log.md:12:448 error feature-log',
          'No feature log entry dated on or after 2025-11-06'
        ]
      ]
      expect(ours).toHaveLength(expected.length)
      for (const [where, fragment] of expected) {
        expect(
          ours.filter((found) => found.where === where && found.message.includes(fragment)),
          `${where} ${fragment}`
        ).toHaveLength(1)
      }
    }
  )
})
