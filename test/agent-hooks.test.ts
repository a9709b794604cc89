/**
 * The agent hooks as Claude Code and Codex run them: the built binary
 * spawned with the JSON payload their docs describe on standard input
 * (session_id, transcript_path, cwd, hook_event_name, stop_hook_active), and
 * transcripts of both agents written by the tests (Claude JSONL with usage,
 * Codex rollouts with token_count). The Stop output is validated against
 * hooks/stop-output.schema.json; the SessionStart output is one JSON object,
 * measured with o200k_base.
 */
import {spawnSync} from 'node:child_process'
import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import ajv from 'ajv'
import {describe, expect, test} from 'vitest'
import {projectRoot, runCli} from './helpers/cli.js'
import {fixtureDay, gitOk} from './helpers/git.js'
import {tokenCount, usage, writeClaudeSession, writeRollout} from './helpers/usage-logs.js'
import {tempFolder, validWorkspace} from './helpers/workspace.js'

const reference = createRequire(import.meta.url)('gpt-tokenizer/encoding/o200k_base') as {
  countTokens(text: string, options: {disallowedSpecial: Set<string>}): number
}
const tokens = (text: string) => reference.countTokens(text, {disallowedSpecial: new Set()})

// ajv is CommonJS: its default export is the module, which holds the class as `default`.
const validateStop = new ajv.default({allErrors: true, strict: true}).compile(
  JSON.parse(readFileSync(path.join(projectRoot, 'hooks/stop-output.schema.json'), 'utf8')) as object
)

const fixturePlan = 'plans/2026-02-13_next_session.plan.md'
const ledger = 'docs/Ledgers/Token_Churn_Ledger.csv'

/** The day as the hooks name it: the local calendar date. */
function localDay(time = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}`
}

const today = localDay()
const todayPlan = `plans/${today}_next_session.plan.md`

/**
 * The valid fixture in a git repository, committed on the fixture's day: its
 * newest plan is from 2026-02-13. Its files are dated that day too, as a
 * workspace's files are older than the session that opens it.
 */
function repository(files: Record<string, string> = {}): string {
  const root = validWorkspace(files)
  gitOk(root, ['init', '-q', '-b', 'main'])
  gitOk(root, ['add', '-A'])
  gitOk(root, ['commit', '-q', '-m', 'fixture'])
  const day = new Date(fixtureDay)
  const age = (folder: string) => {
    for (const entry of readdirSync(folder, {withFileTypes: true})) {
      if (entry.name === '.git') continue
      if (entry.isDirectory()) age(path.join(folder, entry.name))
      utimesSync(path.join(folder, entry.name), day, day)
    }
  }
  age(root)
  return root
}

/** Makes the fixture's plan today's: renamed and redated, with the pointers and the ledger row that go with it. */
function planForToday(root: string): void {
  const text = readFileSync(path.join(root, fixturePlan), 'utf8')
    .replace('date: 2026-02-13', `date: ${today}`)
    .replace('plan — 2026-02-13', `plan — ${today}`)
  writeFileSync(path.join(root, todayPlan), text)
  rmSync(path.join(root, fixturePlan))
  for (const file of ['progress.md', 'docs/SESSION_HANDOFF.md']) {
    const pointer = readFileSync(path.join(root, file), 'utf8').replaceAll(
      path.basename(fixturePlan),
      path.basename(todayPlan)
    )
    writeFileSync(path.join(root, file), pointer)
  }
  writeFileSync(
    path.join(root, ledger),
    readFileSync(path.join(root, ledger), 'utf8').replace(/^2026-02-13,/m, `${today},`)
  )
}

function commitNow(root: string, message: string): void {
  gitOk(root, ['add', '-A'])
  gitOk(root, ['commit', '-q', '-m', message], {date: new Date().toISOString()})
}

const hourAgo = () => new Date(Date.now() - 60 * 60 * 1000)

/** A Claude Code session whose newest answer holds `context` tokens (cache reads, a little input and output). */
function claudeTranscript(root: string, context: number, started = hourAgo()): string {
  const home = path.join(tempFolder(), 'claude')
  const at = (minutes: number) => new Date(started.getTime() + minutes * 60_000).toISOString()
  return writeClaudeSession(home, {
    id: 'c0ffee00-1234-4abc-8def-000000000001',
    cwd: root,
    answers: [
      {
        timestamp: at(0),
        messageId: 'msg_01',
        requestId: 'req_01',
        usage: {input_tokens: 12, cache_creation_input_tokens: 18_000, cache_read_input_tokens: 0, output_tokens: 400}
      },
      // The newest answer, streamed as two lines with the same ids and usage.
      {
        timestamp: at(30),
        messageId: 'msg_02',
        requestId: 'req_02',
        usage: {
          input_tokens: 20,
          cache_creation_input_tokens: 1_000,
          cache_read_input_tokens: context - 1_520,
          output_tokens: 500
        },
        blocks: 2
      }
    ]
  })
}

/** A Codex rollout whose newest token_count has `context` tokens in the window. */
function codexTranscript(root: string, context: number, started = hourAgo()): string {
  const home = path.join(tempFolder(), 'codex')
  const at = (minutes: number) => new Date(started.getTime() + minutes * 60_000).toISOString()
  return writeRollout(home, {
    id: '0199a3c1-5b7e-7d22-9c4f-2e8a1b6d3f91',
    timestamp: started.toISOString(),
    cwd: root,
    events: [
      {timestamp: at(1), info: null},
      tokenCount(at(10), usage(20_000, 0, 1_000), usage(20_000, 0, 1_000)),
      tokenCount(at(40), usage(context - 2_000, context - 30_000, 2_000), usage(context * 3, context * 2, 9_000))
    ]
  })
}

function claudeStop(root: string, transcript: string | undefined, active = false): Record<string, unknown> {
  return {
    session_id: 'c0ffee00-1234-4abc-8def-000000000001',
    transcript_path: transcript,
    cwd: root,
    permission_mode: 'default',
    hook_event_name: 'Stop',
    stop_hook_active: active
  }
}

function codexStop(root: string, transcript: string, active = false): Record<string, unknown> {
  return {
    session_id: '0199a3c1-5b7e-7d22-9c4f-2e8a1b6d3f91',
    transcript_path: transcript,
    cwd: root,
    hook_event_name: 'Stop',
    model: 'gpt-5-codex',
    permission_mode: 'default',
    stop_hook_active: active,
    turn_id: 'turn-7',
    last_assistant_message: 'Done with the refunds task.'
  }
}

interface StopResult {
  code: number | null
  stdout: string
  stderr: string
  output: {decision?: string; reason?: string; systemMessage?: string} | undefined
}

function runStop(cwd: string, payload: unknown, cache: string, env: Record<string, string> = {}): StopResult {
  const result = runCli(['hook', 'stop'], {
    cwd,
    input: typeof payload === 'string' ? payload : JSON.stringify(payload),
    env: {XDG_CACHE_HOME: cache, ...env}
  })
  expect(result.code).toBe(0)
  expect(result.stdout + result.stderr).not.toMatch(/^\s+at /m)
  if (result.stdout === '') return {...result, output: undefined}
  expect(result.stdout.endsWith('\n')).toBe(true)
  const output = JSON.parse(result.stdout) as StopResult['output']
  expect(validateStop(output), JSON.stringify(validateStop.errors)).toBe(true)
  return {...result, output}
}

describe('sop-lint hook stop', () => {
  test('Claude Code past 70% of its window, the plan from an earlier day: blocked, told what to run and which error is left', () => {
    const root = repository()
    const result = runStop(root, claudeStop(root, claudeTranscript(root, 150_000)), tempFolder())
    expect(result.output?.decision).toBe('block')
    const reason = result.output!.reason!
    expect(reason).toContain(
      "This session has used 75% of its context window (150,000 of Claude Code's 200,000; the plan is due from 70%)."
    )
    expect(reason).toContain('`npx sop-lint status --from-claude`')
    expect(reason).toContain('`npx sop-lint ledger close --from-claude`')
    expect(reason).toContain(`\`npx sop-lint plan new\` — write \`${todayPlan}\``)
    expect(reason).toContain('Fill in every TODO')
    expect(reason).toContain('Errors left (1, most important first):')
    expect(reason).toContain(`- plan-fresh ${fixturePlan}:1:1 The newest plan is from 2026-02-13, before this session`)
    expect(reason).not.toContain('npx sop-lint --fix` — scaffold')
  })

  test("Codex past the threshold, today's plan with errors: blocked with each error as rule, file:line, message, the plan's own first", () => {
    const root = repository()
    planForToday(root)
    const plan = readFileSync(path.join(root, todayPlan), 'utf8')
    writeFileSync(
      path.join(root, todayPlan),
      plan.replace(/## Validation matrix[\s\S]*?(?=## Handoff requirements)/, '')
    )
    // And no /status capture in the session's progress entry.
    writeFileSync(
      path.join(root, 'progress.md'),
      `${readFileSync(path.join(root, 'progress.md'), 'utf8')}\n## ${today} — Partial refunds\n\n- Started the refunds task.\n`
    )
    const result = runStop(root, codexStop(root, codexTranscript(root, 200_000)), tempFolder())
    expect(result.output?.decision).toBe('block')
    const reason = result.output!.reason!
    expect(reason).toContain("This session has used 74% of its context window (200,000 of Codex's 272,000")
    expect(reason).toContain('`npx sop-lint status` — record')
    expect(reason).toContain('`npx sop-lint ledger close --from-codex`')
    expect(reason).toContain('`npx sop-lint --fix` — scaffold what is missing')
    const errors = reason.split('\n').filter((line) => line.startsWith('- '))
    expect(errors[0]).toMatch(new RegExp(`^- plan-sections ${todayPlan}:\\d+:\\d+ `))
    expect(errors.at(-1)).toMatch(/^- status-capture progress\.md:\d+:\d+ No `\/status` capture in the newest entry/)
  })

  test('the newest usage is found behind a tool result of hundreds of KB at the end of the transcript', () => {
    const root = repository()
    const transcript = claudeTranscript(root, 170_000)
    const toolResult = {
      type: 'user',
      sessionId: 'c0ffee00-1234-4abc-8def-000000000001',
      cwd: root,
      timestamp: new Date().toISOString(),
      message: {role: 'user', content: [{type: 'tool_result', content: 'x'.repeat(300_000)}]}
    }
    writeFileSync(transcript, `${readFileSync(transcript, 'utf8')}${JSON.stringify(toolResult)}\n`)
    const result = runStop(root, claudeStop(root, transcript), tempFolder())
    expect(result.output!.reason).toContain(
      "This session has used 85% of its context window (170,000 of Claude Code's 200,000"
    )
  })

  test('no plan at all: blocked with the missing plan first, and --fix to scaffold it', () => {
    const root = repository()
    rmSync(path.join(root, 'plans'), {recursive: true})
    const result = runStop(root, claudeStop(root, claudeTranscript(root, 145_000)), tempFolder())
    expect(result.output?.decision).toBe('block')
    const reason = result.output!.reason!
    expect(reason).toContain('3. `npx sop-lint --fix` — scaffold what is missing')
    expect(reason.split('\n').find((line) => line.startsWith('- '))).toBe(
      `- plan-filename ${todayPlan}:1:1 No plan in \`plans/\`: write \`${todayPlan}\` (\`npx sop-lint --fix\` scaffolds it)`
    )
  })

  test("silent when the plan is today's and valid, however full the context", () => {
    const root = repository()
    planForToday(root)
    commitNow(root, 'plan the next session')
    for (const transcript of [claudeTranscript(root, 190_000), codexTranscript(root, 260_000)]) {
      const result = runStop(root, claudeStop(root, transcript), tempFolder())
      expect(result.stdout).toBe('')
      expect(result.stderr).toBe('')
    }
  })

  test('a young session that changed nothing stops in silence; once it commits, or edits a planning file, the stale plan blocks it', () => {
    const root = repository()
    const transcript = claudeTranscript(root, 30_000)
    const cache = tempFolder()
    expect(runStop(root, claudeStop(root, transcript), cache).stdout).toBe('')
    // A Codex session, young too.
    expect(runStop(root, codexStop(root, codexTranscript(root, 30_000)), cache).stdout).toBe('')

    writeFileSync(
      path.join(root, 'progress.md'),
      `${readFileSync(path.join(root, 'progress.md'), 'utf8')}\n- Started the refunds task.\n`
    )
    const edited = runStop(root, claudeStop(root, transcript), cache)
    expect(edited.output?.decision).toBe('block')
    expect(edited.output!.reason).toContain(
      'This session changed `progress.md`, and the newest plan, `2026-02-13_next_session.plan.md`, is from 2026-02-13.'
    )

    const other = repository()
    writeFileSync(path.join(other, 'src/invoice_sync/refunds.py'), 'def refund():\n    return None\n')
    commitNow(other, 'refunds: first cut')
    const committed = runStop(other, claudeStop(other, claudeTranscript(other, 30_000)), cache)
    expect(committed.output?.decision).toBe('block')
    expect(committed.output!.reason).toContain(
      'This session committed work, and the newest plan, `2026-02-13_next_session.plan.md`, is from 2026-02-13.'
    )
  })

  test('the loop guard: an agent already going on is blocked again only when the errors changed', () => {
    const root = repository()
    const cache = tempFolder()
    const transcript = claudeTranscript(root, 160_000)
    expect(runStop(root, claudeStop(root, transcript, false), cache).output?.decision).toBe('block')
    const same = runStop(root, claudeStop(root, transcript, true), cache)
    expect(same.output).toEqual({
      systemMessage:
        'sop-lint: the next-session plan still has the same 1 error; the agent was asked once, so it may stop. Run `npx sop-lint` to see them.'
    })

    // The agent wrote today's plan, with a section missing: other errors, so it is asked again.
    planForToday(root)
    const plan = readFileSync(path.join(root, todayPlan), 'utf8')
    writeFileSync(path.join(root, todayPlan), plan.replace(/## Handoff requirements[\s\S]*$/, ''))
    const changed = runStop(root, claudeStop(root, transcript, true), cache)
    expect(changed.output?.decision).toBe('block')
    expect(changed.output!.reason).toMatch(new RegExp(`- plan-sections ${todayPlan}:\\d+:\\d+ `))
    expect(runStop(root, claudeStop(root, transcript, true), cache).output?.decision).toBeUndefined()

    // A new turn (stop_hook_active false) is asked again.
    expect(runStop(root, claudeStop(root, transcript, false), cache).output?.decision).toBe('block')
  })

  test('many errors: the reason stays within about 1,000 o200k tokens and says how many more there are', () => {
    const root = repository()
    planForToday(root)
    const tasks = Array.from(
      {length: 40},
      (_, index) => `${index + 1}. **Task number ${index + 1} of a long plan with a long title (4K)**\n`
    ).join('')
    const plan = readFileSync(path.join(root, todayPlan), 'utf8')
    writeFileSync(
      path.join(root, todayPlan),
      plan.replace(/## Tasks\n[\s\S]*?(?=## Validation matrix)/, `## Tasks\n\n${tasks}\n`)
    )
    const result = runStop(root, claudeStop(root, claudeTranscript(root, 180_000)), tempFolder())
    const reason = result.output!.reason!
    expect(reason).toMatch(/^- … and \d+ more: run `npx sop-lint` to see them all\.$/m)
    expect(tokens(reason)).toBeLessThanOrEqual(1000)
    expect(tokens(reason)).toBeGreaterThan(600)
  })

  test('never fails the agent: bad input, a missing transcript, a broken workspace give exit 0 and a systemMessage', () => {
    const root = repository()
    const cache = tempFolder()
    const bad = runStop(root, '{"session_id": "x", "cwd": ', cache)
    expect(bad.output).toEqual({
      systemMessage:
        'sop-lint hook stop: the hook\'s input is not JSON (it starts “{"session_id": "x", "cwd":”); the session\'s plan was not checked'
    })
    expect(runStop(root, '', cache).output?.systemMessage).toBe(
      "sop-lint hook stop: the hook's input is empty (the agent writes one JSON object on standard input); the session's plan was not checked"
    )
    expect(runStop(root, '[1, 2]', cache).output?.systemMessage).toContain("the hook's input is not a JSON object")

    // No transcript to measure: the session's changes still decide, and the reason says why it could not measure.
    const missing = path.join(tempFolder(), 'gone.jsonl')
    expect(runStop(root, claudeStop(root, missing), cache).stdout).toBe('')
    writeFileSync(path.join(root, 'src/invoice_sync/refunds.py'), 'def refund():\n    return None\n')
    commitNow(root, 'refunds: first cut')
    const noTranscript = runStop(root, claudeStop(root, missing), cache)
    expect(noTranscript.output?.decision).toBe('block')
    expect(noTranscript.output!.reason).toContain(`(The transcript ${missing} cannot be read (ENOENT).)`)
    expect(noTranscript.output!.reason).toContain(
      '`npx sop-lint status` (Codex) or `npx sop-lint status --from-claude` (Claude Code)'
    )

    // A FIFO where the transcript should be is not waited on.
    const fifo = path.join(tempFolder(), 'transcript.jsonl')
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0)
    expect(runStop(root, claudeStop(root, fifo), cache).output!.reason).toContain(
      `(The transcript ${fifo} is not a regular file.)`
    )

    const gone = path.join(tempFolder(), 'no-such-folder')
    expect(runStop(root, claudeStop(gone, undefined), cache).output).toEqual({
      systemMessage: `sop-lint hook stop: the session's folder ${gone} does not exist; the session's plan was not checked`
    })

    writeFileSync(path.join(root, '.remarkrc.json'), '{"plugins": [["sop-lint", {"agent": {"stopThreshold": 7}}]]}\n')
    const broken = runStop(root, claudeStop(root, claudeTranscript(root, 150_000)), cache)
    expect(broken.output?.systemMessage).toMatch(
      /^sop-lint hook stop: invalid configuration in \.remarkrc\.json: .*agent\.stopThreshold.*; the session's plan was not checked$/
    )
  })

  test("takes the check's result from the cache, as the pre-push hook does: after `sop-lint`, no file is checked again", () => {
    const root = repository()
    planForToday(root)
    const cache = tempFolder()
    expect(runCli(['--root', root], {cwd: root, env: {XDG_CACHE_HOME: cache}}).code).toBe(0)
    const result = runStop(root, claudeStop(root, claudeTranscript(root, 150_000)), cache, {SOP_LINT_DEBUG_CACHE: '1'})
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/^sop-lint: results from the cache \(\d+ questions hold; /)
  })

  test('--help', () => {
    const result = runCli(['hook', 'stop', '--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Usage: sop-lint hook stop \[--root DIR\] \[--no-cache\]/)
    expect(result.stdout).toContain('stop_hook_active')
  })
})

interface SessionStartResult {
  code: number | null
  stdout: string
  stderr: string
  context: string | undefined
}

function runSessionStart(
  cwd: string,
  payload: unknown,
  cache: string,
  env: Record<string, string> = {}
): SessionStartResult {
  const result = runCli(['hook', 'session-start'], {
    cwd,
    input: typeof payload === 'string' ? payload : JSON.stringify(payload),
    env: {XDG_CACHE_HOME: cache, ...env}
  })
  expect(result.code).toBe(0)
  if (result.stdout === '') return {...result, context: undefined}
  // Exactly one JSON object on stdout, of the shape both agents read.
  const output = JSON.parse(result.stdout) as {hookSpecificOutput: {hookEventName: string; additionalContext: string}}
  expect(Object.keys(output)).toEqual(['hookSpecificOutput'])
  expect(Object.keys(output.hookSpecificOutput)).toEqual(['hookEventName', 'additionalContext'])
  expect(output.hookSpecificOutput.hookEventName).toBe('SessionStart')
  expect(tokens(result.stdout)).toBeLessThanOrEqual(2000)
  return {...result, context: output.hookSpecificOutput.additionalContext}
}

const claudeStart = (root: string) => ({
  session_id: 'c0ffee00-1234-4abc-8def-000000000002',
  transcript_path: path.join(root, '.none.jsonl'),
  cwd: root,
  hook_event_name: 'SessionStart',
  source: 'startup'
})
const codexStart = (root: string) => ({
  session_id: '0199a3c1-5b7e-7d22-9c4f-2e8a1b6d3f92',
  transcript_path: null,
  cwd: root,
  hook_event_name: 'SessionStart',
  model: 'gpt-5-codex',
  permission_mode: 'default',
  source: 'startup'
})

describe('sop-lint hook session-start', () => {
  test("the briefing: dates, budget, reading with token counts, tasks with budgets and specs, the handoff's first to-do", () => {
    const root = repository()
    const result = runSessionStart(root, claudeStart(root), tempFolder())
    const reading = [
      'docs/SOP/next_session_planning.md',
      'docs/System/sync_pipeline.md',
      'docs/System/token_tracking.md',
      'docs/Tasks/tracker_cli_todo.md'
    ]
    const counts = reading.map((file) => tokens(readFileSync(path.join(root, file), 'utf8')))
    expect(result.context).toBe(
      [
        `sop-lint briefing, ${today}: this session's plan is \`${fixturePlan}\` (dated 2026-02-13).`,
        'Budget: target 204K (the band is 190,400–217,600); buffer 18K.',
        'Do first (`docs/SESSION_HANDOFF.md`, “2026-02-13 — Executor: webhooks and ledger export”, Open): refunds still post as new invoices; the API rate-limits bulk pages.',
        `Required reading (${counts.reduce((sum, value) => sum + value, 0).toLocaleString('en-US')} tokens, o200k_base):`,
        ...reading.map((file, index) => `- \`${file}\` — ${counts[index]!.toLocaleString('en-US')} tokens`),
        'Tasks (3):',
        '1. Partial refunds (70K) — spec `features/partial_refunds.feature`',
        '2. Rate-limit backoff (62K) — spec `features/rate_limit_backoff.feature`',
        '3. Dry-run report totals (54K) — spec `features/dry_run_report.feature`',
        'At the end of the session, sop-lint asks for the next plan: `npx sop-lint --fix`, fill in the TODOs, then `npx sop-lint` until it passes.'
      ].join('\n')
    )
    // Codex's payload (transcript_path null) gets the same.
    expect(runSessionStart(root, codexStart(root), tempFolder()).context).toBe(result.context)
  })

  test('an earlier planning row still open in the ledger is a warning', () => {
    const root = repository()
    const text = readFileSync(path.join(root, ledger), 'utf8').replace(',208000,203500,-4500,', ',208000,,,')
    writeFileSync(path.join(root, ledger), text)
    const {context} = runSessionStart(root, claudeStart(root), tempFolder())
    expect(context).toContain(
      `Warning: the planning row of 2026-02-11 in \`${ledger}\` (line 3) is still open: the session that worked on that plan did not close it. Close it with \`npx sop-lint ledger close --date 2026-02-11\``
    )
  })

  test('a long plan is cut at a task, with a pointer to the file, within 2,000 o200k tokens', () => {
    const root = repository()
    const tasks = Array.from(
      {length: 60},
      // The sub-item indented to the item's content (`10. ` is four characters).
      (_, index) =>
        `${index + 1}. **Task ${index + 1}: migrate the ${index % 2 ? 'refund' : 'invoice'} exporter's currency rounding to banker's rounding (3K)**\n${' '.repeat(`${index + 1}. `.length)}- Spec: \`features/task_${index + 1}_currency_rounding_migration.feature\`\n`
    ).join('')
    const plan = readFileSync(path.join(root, fixturePlan), 'utf8')
    writeFileSync(
      path.join(root, fixturePlan),
      plan.replace(/## Tasks\n[\s\S]*?(?=## Validation matrix)/, `## Tasks\n\n${tasks}\n`)
    )
    const {context, stdout} = runSessionStart(root, claudeStart(root), tempFolder())
    expect(tokens(stdout)).toBeGreaterThan(1500)
    const lines = context!.split('\n')
    expect(lines).toContain('Tasks (60):')
    const shown = lines.filter((line) => /^\d+\. Task \d+: /.test(line))
    expect(shown.length).toBeGreaterThan(5)
    expect(shown.length).toBeLessThan(60)
    // Whole tasks, in order, then the pointer.
    shown.forEach((line, index) =>
      expect(line).toBe(
        `${index + 1}. Task ${index + 1}: migrate the ${index % 2 ? 'refund' : 'invoice'} exporter's currency rounding to banker's rounding (3K) — spec \`features/task_${index + 1}_currency_rounding_migration.feature\``
      )
    )
    expect(lines).toContain(
      `- … ${60 - shown.length} more tasks (${shown.length + 1}–60): read them in \`${fixturePlan}\`.`
    )
    expect(lines.at(-1)).toMatch(/^At the end of the session/)
  })

  test('the briefing is kept: a second session start on the same files reads no plan; an edit briefs again', () => {
    const root = repository()
    const cache = tempFolder()
    const first = runSessionStart(root, claudeStart(root), cache, {SOP_LINT_DEBUG_CACHE: '1'})
    expect(first.stderr).toMatch(/results checked and cached/)
    const second = runSessionStart(root, claudeStart(root), cache, {SOP_LINT_DEBUG_CACHE: '1'})
    expect(second.stderr).toMatch(/^sop-lint: results from the cache/)
    expect(second.stdout).toBe(first.stdout)
    writeFileSync(
      path.join(root, fixturePlan),
      readFileSync(path.join(root, fixturePlan), 'utf8').replace('Partial refunds (70K)', 'Partial refunds (60K)')
    )
    const third = runSessionStart(root, claudeStart(root), cache)
    expect(third.context).toContain('1. Partial refunds (60K) — spec')
  })

  test("no plan yet: says so; bad input still briefs from the hook's folder; a missing folder gives empty stdout and exit 0", () => {
    const root = repository()
    rmSync(path.join(root, 'plans'), {recursive: true})
    const cache = tempFolder()
    expect(runSessionStart(root, claudeStart(root), cache).context).toMatch(
      /^sop-lint briefing, \d{4}-\d{2}-\d{2}: there is no plan in `plans\/` yet\./
    )
    expect(runSessionStart(root, 'not json', cache).context).toMatch(/there is no plan in `plans\/` yet/)
    const gone = path.join(tempFolder(), 'no-such-folder')
    const missing = runSessionStart(root, {...claudeStart(root), cwd: gone}, cache)
    expect(missing.stdout).toBe('')
    expect(missing.stderr).toBe(
      `sop-lint hook session-start: the session's folder ${gone} does not exist; no briefing given\n`
    )
  })

  test('--help', () => {
    const result = runCli(['hook', 'session-start', '--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Usage: sop-lint hook session-start \[--root DIR\] \[--no-cache\]/)
  })
})

describe('sop-lint init --agent', () => {
  const claudeBefore = [
    '{',
    '    "permissions": {"allow": ["Bash(npm test)"], "deny": []},',
    '    "hooks": {',
    '        "Stop": [',
    '            {"hooks": [{"type": "command", "command": "./scripts/notify.sh"}]}',
    '        ],',
    '        "PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "./scripts/guard.sh", "timeout": 5}]}],',
    '        "SessionStart": [',
    '            {"matcher": "startup", "hooks": [{"type": "command", "command": "cat docs/START.md"}]}',
    '        ]',
    '    },',
    '    "model": "sonnet"',
    '}',
    ''
  ].join('\n')
  const codexBefore =
    '{"description":"team hooks","hooks":{"Stop":[{"hooks":[{"type":"command","command":"python3 .codex/stop.py","timeout":30}]}],"PostToolUse":[{"matcher":"Bash","hooks":[{"type":"command","command":"./log.sh"}]}]}}'

  function initRepository(): string {
    const root = repository({'.claude/settings.json': claudeBefore, '.codex/hooks.json': codexBefore})
    mkdirSync(path.join(root, 'node_modules'), {recursive: true})
    return root
  }

  /** The text of `after` with the members sop-lint inserted taken out: what was there before, byte for byte. */
  function withoutOurs(after: string): string {
    // A member of an event's list, or a new event with a list of that one member.
    const member = String.raw`\{[^{}]*"hooks":\s*\[\s*\{[^{}]*sop-lint hook (?:stop|session-start)[^{}]*\}\s*\]\s*\}`
    return after.replace(
      new RegExp(String.raw`,\s*(?:"(?:Stop|SessionStart)":\s*\[\s*${member}\s*\]|${member})`, 'g'),
      ''
    )
  }

  test('merges both hooks into both files, keeps every other byte, adds them once; a second run changes nothing', () => {
    const root = initRepository()
    const first = runCli(['init', '--agent', 'all'], {cwd: root})
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toContain(
      '.claude/settings.json (Stop and SessionStart hooks), .codex/hooks.json (Stop and SessionStart hooks)'
    )
    expect(first.stdout).toContain('trust them in /hooks')
    const claude = readFileSync(path.join(root, '.claude/settings.json'), 'utf8')
    const codex = readFileSync(path.join(root, '.codex/hooks.json'), 'utf8')
    expect(withoutOurs(claude)).toBe(claudeBefore)
    expect(withoutOurs(codex)).toBe(codexBefore)

    const claudeHooks = JSON.parse(claude).hooks as Record<
      string,
      Array<{hooks: Array<{command: string; timeout?: number}>}>
    >
    expect(claudeHooks.Stop!.map((group) => group.hooks[0]!.command)).toEqual([
      './scripts/notify.sh',
      '"$CLAUDE_PROJECT_DIR"/node_modules/.bin/sop-lint hook stop'
    ])
    expect(claudeHooks.SessionStart!.map((group) => group.hooks[0]!.command)).toEqual([
      'cat docs/START.md',
      '"$CLAUDE_PROJECT_DIR"/node_modules/.bin/sop-lint hook session-start'
    ])
    expect(claudeHooks.Stop![1]).toEqual({
      hooks: [{type: 'command', command: '"$CLAUDE_PROJECT_DIR"/node_modules/.bin/sop-lint hook stop', timeout: 60}]
    })
    // The inserted member is written in the file's own layout: its indentation, on lines of its own.
    expect(claude).toContain(
      '            {"hooks": [{"type": "command", "command": "./scripts/notify.sh"}]},\n            {\n                "hooks": [\n'
    )

    const codexFile = JSON.parse(codex) as {hooks: Record<string, Array<{hooks: Array<{command: string}>}>>}
    // Codex refuses a root key other than hooks and description.
    expect(Object.keys(codexFile)).toEqual(['description', 'hooks'])
    expect(codexFile.hooks.Stop!.map((group) => group.hooks[0]!.command)).toEqual([
      'python3 .codex/stop.py',
      '"$(git rev-parse --show-toplevel)"/node_modules/.bin/sop-lint hook stop'
    ])
    expect(codexFile.hooks.SessionStart!.map((group) => group.hooks[0]!.command)).toEqual([
      '"$(git rev-parse --show-toplevel)"/node_modules/.bin/sop-lint hook session-start'
    ])
    expect(claude + codex).not.toContain('npx')

    const second = runCli(['init', '--agent', 'all'], {cwd: root})
    expect(second.code).toBe(0)
    expect(second.stdout).toMatch(/^sop-lint init: already set up; nothing changed$/m)
    expect(readFileSync(path.join(root, '.claude/settings.json'), 'utf8')).toBe(claude)
    expect(readFileSync(path.join(root, '.codex/hooks.json'), 'utf8')).toBe(codex)
  })

  test('the commands it writes run the local binary as each agent runs them (Codex from a folder below the top)', () => {
    const root = initRepository()
    expect(runCli(['init', '--agent', 'all'], {cwd: root}).code).toBe(0)
    // What npm install would put there: the binary of this build.
    const bin = path.join(root, 'node_modules/.bin')
    mkdirSync(bin, {recursive: true})
    writeFileSync(
      path.join(bin, 'sop-lint'),
      `#!/bin/sh\nexec "${process.execPath}" "${path.join(projectRoot, 'dist/src/cli/main.js')}" "$@"\n`,
      {mode: 0o755}
    )
    const commandOf = (file: string, event: string) =>
      (
        JSON.parse(readFileSync(path.join(root, file), 'utf8')).hooks[event] as Array<{hooks: Array<{command: string}>}>
      ).at(-1)!.hooks[0]!.command
    const cache = tempFolder()
    // As the agents run a command hook: through a shell, Claude Code with CLAUDE_PROJECT_DIR set, Codex in the session's folder.
    const sh = (command: string, cwd: string, input: unknown) =>
      spawnSync('sh', ['-c', command], {
        cwd,
        input: JSON.stringify(input),
        encoding: 'utf8',
        env: {...process.env, NO_COLOR: '1', CLAUDE_PROJECT_DIR: root, XDG_CACHE_HOME: cache}
      })
    const claudeStopRun = sh(
      commandOf('.claude/settings.json', 'Stop'),
      root,
      claudeStop(root, claudeTranscript(root, 150_000))
    )
    expect(claudeStopRun.status, claudeStopRun.stderr).toBe(0)
    expect(JSON.parse(claudeStopRun.stdout).decision).toBe('block')
    const below = path.join(root, 'src/invoice_sync')
    const codexRun = sh(commandOf('.codex/hooks.json', 'SessionStart'), below, codexStart(below))
    expect(codexRun.status, codexRun.stderr).toBe(0)
    expect(JSON.parse(codexRun.stdout).hookSpecificOutput.additionalContext).toContain(
      `this session's plan is \`${fixturePlan}\``
    )
  })

  test('one agent at a time; a link out of the repository is refused and nothing is written there', () => {
    // As --fix writes: not through a link, even one inside the repository (init reads and writes as --fix does).
    const root = repository()
    expect(runCli(['init', '--agent', 'codex'], {cwd: root}).code).toBe(0)
    expect(() => readFileSync(path.join(root, '.claude/settings.json'))).toThrow()
    expect(JSON.parse(readFileSync(path.join(root, '.codex/hooks.json'), 'utf8')).hooks.Stop).toHaveLength(1)

    const outside = tempFolder()
    renameSync(path.join(root, '.codex'), path.join(outside, 'codex'))
    symlinkSync(path.join(outside, 'codex'), path.join(root, '.codex'), 'dir')
    writeFileSync(path.join(outside, 'codex/hooks.json'), '{"hooks": {}}\n')
    const refused = runCli(['init', '--agent', 'all'], {cwd: root})
    expect(refused.code).toBe(2)
    expect(refused.stderr).toBe(
      'sop-lint: .codex/hooks.json lies in a folder reached through a symbolic link, which sop-lint does not follow: make it a readable file inside the repository\n'
    )
    expect(readFileSync(path.join(outside, 'codex/hooks.json'), 'utf8')).toBe('{"hooks": {}}\n')

    const wrong = runCli(['init', '--agent', 'cursor'], {cwd: root})
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toBe('sop-lint: --agent cursor: expected claude, codex or all\n')
  })

  test('a file that is not JSON is left alone, with what to fix', () => {
    const root = repository({'.claude/settings.json': '{"hooks": {"Stop": [}\n'})
    const result = runCli(['init', '--agent', 'claude'], {cwd: root})
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'sop-lint: cannot read .claude/settings.json: ValueExpected at line 1; fix it first (nothing was written)\n'
    )
    expect(readFileSync(path.join(root, '.claude/settings.json'), 'utf8')).toBe('{"hooks": {"Stop": [}\n')
  })
})

describe('sop-lint status --from-claude', () => {
  test('the context of the newest answer against the 200K window; the rate limits said to be missing, which status-capture accepts', async () => {
    const root = repository()
    planForToday(root)
    const before = `${readFileSync(path.join(root, 'progress.md'), 'utf8')}\n## ${today} — Partial refunds\n\n- Shipped partial refunds.\n`
    writeFileSync(path.join(root, 'progress.md'), before)
    const home = path.join(tempFolder(), 'claude')
    writeClaudeSession(home, {
      id: '5e1f0c2a-7b3d-4e8f-9a01-23456789abcd',
      cwd: root,
      answers: [
        {
          timestamp: '2026-02-15T09:00:00.000Z',
          messageId: 'msg_a',
          requestId: 'req_a',
          usage: {input_tokens: 10, cache_creation_input_tokens: 40_000, cache_read_input_tokens: 0, output_tokens: 900}
        },
        {
          timestamp: '2026-02-15T11:30:00.000Z',
          messageId: 'msg_b',
          requestId: 'req_b',
          usage: {
            input_tokens: 2_000,
            cache_creation_input_tokens: 10_000,
            cache_read_input_tokens: 130_000,
            output_tokens: 1_500
          },
          blocks: 3
        }
      ]
    })
    const result = runCli(['status', '--from-claude', path.join(home, 'projects'), '--root', root])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(readFileSync(path.join(root, 'progress.md'), 'utf8')).toBe(
      `${before}- \`/status\` (Claude Code, 200K window; session 5e1f0c2a, 2026-02-15 11:30 UTC): context window 72% used (143.5K/200K), 5h limit not in the logs, weekly limit not in the logs (Claude Code does not log its usage limits).\n`
    )
    const check = runCli(['--root', root, '--format', 'json'], {cwd: root})
    const messages = (JSON.parse(check.stdout) as Array<{filePath: string; messages: Array<{ruleId: string}>}>).flatMap(
      (file) => file.messages
    )
    expect(messages.filter((message) => message.ruleId === 'status-capture')).toEqual([])
    expect(check.code).toBe(0)
  })
})
