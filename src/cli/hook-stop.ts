/**
 * `sop-lint hook stop`: the end-of-session gate, run by Claude Code's and
 * Codex's Stop hook at the end of every turn. It keeps the agent working
 * (`{"decision": "block", "reason": …}`) only when the session is ending and
 * its next-session plan is not there: the context use has crossed the
 * threshold, or the session changed the workspace while the newest plan is
 * older than today. It takes the pre-push hook's fast path (the check's
 * result from the cache), never blocks twice for the same errors, and never
 * fails the agent: whatever goes wrong is said in a `systemMessage`.
 */
import {createHash} from 'node:crypto'
import {lstatSync} from 'node:fs'
import path from 'node:path'
import {cachedCheck} from '../engine/cache/cached-check.js'
import type {CheckFacts, CheckOutcome, StoredMessage} from '../engine/cache/outcome.js'
import {StopState} from '../engine/cache/stop-state.js'
import {UsageError} from '../config/errors.js'
import {checkWorkspaceOf} from '../engine/check-monorepo.js'
import {today} from './clock.js'
import {committedSince} from '../git/session-work.js'
import {readTranscriptUsage, TranscriptProblem, type Agent, type TranscriptUsage} from '../tokens/usage/transcript.js'
import {dayOf, planNameFor} from '../workspace/plan-name.js'
import {formatCount} from '../tokens/reading-budget.js'
import {WorkingTreeSource} from '../workspace/source.js'
import {hookRoot, HookInputError, parseHookInput, readHookStdin, type AgentHookInput} from './agent-hook-input.js'
import {parseOptions} from './options.js'
import {sessionWorkspace} from './session-workspace.js'
import {hookStopOptions as options} from './commands/hook-stop.js'

/** What the hook prints: Codex accepts only these fields (hooks/stop-output.schema.json). */
export interface StopOutput {
  decision?: 'block'
  reason?: string
  systemMessage?: string
}

export async function runStopHook(argv: string[]): Promise<number> {
  let output: StopOutput | undefined
  try {
    output = await stopDecision(argv)
  } catch (error) {
    output = {systemMessage: `sop-lint hook stop: ${failureText(error)}; the session's plan was not checked`}
    if (process.env.SOP_LINT_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`)
  }
  if (output) process.stdout.write(`${JSON.stringify(output)}\n`)
  return 0
}

function failureText(error: unknown): string {
  if (error instanceof HookInputError) return `the hook's input ${error.message}`
  if (error instanceof UsageError) return error.message
  return `internal error: ${error instanceof Error ? error.message : String(error)} (please report it)`
}

async function stopDecision(argv: string[]): Promise<StopOutput | undefined> {
  const {values} = parseOptions(options, argv, 'sop-lint hook stop')
  const input = parseHookInput(await readHookStdin())
  const cwd = input.cwd ?? process.cwd()
  const session = await sessionWorkspace(hookRoot(values.root, cwd), cwd)
  // At the root of a monorepo, no one workspace's plan is due.
  if (session.kind === 'monorepo root') return undefined
  const {root, folder} = session
  const {usage, note} = transcriptOf(input)
  const date = today()
  const cache = !values['no-cache']
  const outcome =
    folder !== undefined
      ? await checkWorkspaceOf(new WorkingTreeSource(session.top), folder, {date, allPlans: false, cwd: root, cache})
      : await cachedCheck({
          source: new WorkingTreeSource(root),
          key: {root, date, allPlans: false},
          cache,
          run: async (source) => {
            const {checkSource} = await import('../engine/on-demand.js')
            return checkSource(source, {allPlans: false, date, cwd: root})
          }
        })
  const why = whyTheSessionEnds(root, outcome.facts, usage, date)
  if (!why) return undefined
  const sessionDay = usage?.started ? dayOf(usage.started) : date
  const errors = errorsLeft(outcome, sessionDay, date)
  if (errors.length === 0) return undefined

  const digest = createHash('sha1')
    .update(errors.map((error) => `${error.ruleId}\0${error.path}\0${error.reason}`).join('\n'))
    .digest('hex')
  const state = new StopState(root, input.sessionId ?? input.transcriptPath ?? root)
  const count = `${errors.length} ${errors.length === 1 ? 'error' : 'errors'}`
  if (input.stopHookActive && state.lastBlock() === digest) {
    return {
      systemMessage: `sop-lint: the next-session plan still has the same ${count}; the agent was asked once, so it may stop. Run \`npx sop-lint\` to see them.`
    }
  }
  if (!state.recordBlock(digest) && input.stopHookActive) {
    return {
      systemMessage: `sop-lint: the next-session plan has ${count}, but ${state.file} cannot be written, so the agent is not asked again (it could loop). Run \`npx sop-lint\`.`
    }
  }
  return {decision: 'block', reason: blockReason(why, errors, outcome.facts, usage?.agent, note, date)}
}

/** The session's usage from its transcript, or a note saying why there is none. */
function transcriptOf(input: AgentHookInput): {usage: TranscriptUsage | undefined; note: string | undefined} {
  if (input.transcriptPath === undefined) return {usage: undefined, note: 'the hook input names no transcript'}
  try {
    return {usage: readTranscriptUsage(input.transcriptPath), note: undefined}
  } catch (error) {
    if (error instanceof TranscriptProblem) return {usage: undefined, note: `the transcript ${error.message}`}
    throw error
  }
}

/**
 * Why the session is taken to be ending, in a sentence; `undefined` when it
 * is not: its context use is under the threshold, and it changed nothing
 * since the newest plan (or that plan is from today).
 */
function whyTheSessionEnds(
  root: string,
  facts: CheckFacts,
  usage: TranscriptUsage | undefined,
  date: string
): string | undefined {
  const {agent} = facts
  if (usage?.newest) {
    const window = agent.contextWindow[usage.agent]
    const share = usage.newest.context / window
    if (share >= agent.stopThreshold) {
      const name = usage.agent === 'claude' ? 'Claude Code' : 'Codex'
      return `This session has used ${percent(share)} of its context window (${formatCount(usage.newest.context)} of ${name}'s ${formatCount(window)}; the plan is due from ${percent(agent.stopThreshold)}).`
    }
  }
  const newest = facts.newestPlan
  if (newest?.date !== undefined && newest.date >= date) return undefined
  // Since the session started (today, when the transcript does not say), and not before the day after the newest plan: work the plan covers is not new.
  const starts = [
    usage?.started ?? startOfDay(date),
    newest?.date === undefined ? undefined : startOfDay(newest.date, 1)
  ].filter((time): time is Date => time !== undefined)
  const since = new Date(Math.max(...starts.map((time) => time.getTime())))
  const plan = newest
    ? `the newest plan, \`${newest.name}\`, is ${newest.date === undefined ? 'undated' : `from ${newest.date}`}`
    : 'there is no plan yet'
  // A planning file written since: its time says so without asking git (the plans folder's time changes when a plan comes or goes).
  const changed = [...agent.planningPaths, ...(newest ? [newest.path] : [])].filter((file) =>
    writtenSince(path.join(root, file), since)
  )
  if (changed.length > 0)
    return `This session changed ${changed
      .slice(0, 3)
      .map((file) => `\`${file}\``)
      .join(', ')}${changed.length > 3 ? '…' : ''}, and ${plan}.`
  if (committedSince(root, since)) return `This session committed work, and ${plan}.`
  return undefined
}

function writtenSince(file: string, since: Date): boolean {
  try {
    return lstatSync(file).mtimeMs >= since.getTime()
  } catch {
    // Gone: when is not known, so it is not taken as the session's work.
    return false
  }
}

interface ErrorLeft {
  ruleId: string
  path: string
  line: number
  column: number
  reason: string
}

/**
 * The errors that keep the session from ending, most important first: the
 * check's errors, and a newest plan older than the day the session started
 * (the session's own plan is not written yet), unless plan-fresh is not an error.
 */
function errorsLeft(outcome: CheckOutcome, sessionDay: string, date: string): ErrorLeft[] {
  const errors: ErrorLeft[] = outcome.files.flatMap((file) =>
    file.messages
      .filter((message) => message.fatal)
      .map((message) => ({
        ruleId: message.ruleId ?? 'sop-lint',
        path: file.path,
        ...start(message),
        reason: message.reason
      }))
  )
  const {newestPlan, freshness} = outcome.facts
  if (
    newestPlan &&
    (newestPlan.date === undefined || newestPlan.date < sessionDay) &&
    freshness.severity === 'error' &&
    !errors.some((error) => error.ruleId === 'plan-fresh')
  ) {
    const expected = `${freshness.plans}/${planNameFor(freshness.pattern, date)}`
    errors.push({
      ruleId: 'plan-fresh',
      path: newestPlan.path,
      line: 1,
      column: 1,
      reason: `The newest plan is ${newestPlan.date === undefined ? 'undated' : `from ${newestPlan.date}`}, before this session: write the next session's plan, \`${expected}\` (\`npx sop-lint plan new\` scaffolds it)`
    })
  }
  const rank = (ruleId: string) => {
    const at = importance.indexOf(ruleId)
    return at === -1 ? importance.length : at
  }
  return errors.sort(
    (a, b) =>
      rank(a.ruleId) - rank(b.ruleId) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column
  )
}

/** Rules in the order their errors are listed: the plan first (is there one, is it whole), then what the session records. */
const importance = [
  'plan-filename',
  'plan-fresh',
  'plan-sections',
  'task-fields',
  'budget',
  'required-reading',
  'reading-budget',
  'validation-matrix',
  'handoff-requirements',
  'no-todo',
  'ledger-planning-row',
  'plan-pointer',
  'status-capture',
  'spec-table',
  'gherkin',
  'feature-log',
  'glossary',
  'citation'
]

function start(message: StoredMessage): {line: number; column: number} {
  const place = message.place
  const point = place && 'start' in place ? place.start : place
  return {line: point?.line ?? 1, column: point?.column ?? 1}
}

/**
 * Characters per o200k token, on the low side for these reasons (English
 * with paths, line numbers and rule ids run near 3.2): the token limit as a
 * length, so a blocked stop needs no tokenizer (a second to load).
 */
const charsPerToken = 3

function blockReason(
  why: string,
  errors: readonly ErrorLeft[],
  facts: CheckFacts,
  agent: Agent | undefined,
  note: string | undefined,
  date: string
): string {
  const from = agent === 'claude' ? ' --from-claude' : agent === 'codex' ? ' --from-codex' : ''
  const status =
    agent === 'claude'
      ? '`npx sop-lint status --from-claude`'
      : agent === 'codex'
        ? '`npx sop-lint status`'
        : '`npx sop-lint status` (Codex) or `npx sop-lint status --from-claude` (Claude Code)'
  const newest = facts.newestPlan
  const stale = newest !== undefined && errors.some((error) => error.ruleId === 'plan-fresh')
  const todayPlan = `${facts.freshness.plans}/${planNameFor(facts.freshness.pattern, date)}`
  const lines = [
    `sop-lint: the session is ending and its next-session plan is not done. ${why}${note ? ` (${note[0]!.toUpperCase()}${note.slice(1)}.)` : ''}`,
    'Before you stop, run these in the repository, in order:',
    `1. ${status} — record the /status capture in progress.md.`,
    `2. \`npx sop-lint ledger close${from || ' --from-codex'}\`${from ? '' : ' (or --from-claude)'} — close the ledger row of the plan this session worked on.`,
    stale
      ? `3. \`npx sop-lint plan new\` — write \`${todayPlan}\` — then \`npx sop-lint --fix\` for its pointers and ledger row.`
      : '3. `npx sop-lint --fix` — scaffold what is missing (the plan, sections, pointers, the ledger row).',
    '4. Fill in every TODO it leaves: the budget, each task with its budget, start and end, artefacts and spec.',
    '5. `npx sop-lint` — again until it reports no errors.',
    `Errors left (${errors.length}, most important first):`
  ]
  const limit = Math.round(facts.agent.reasonTokens * charsPerToken)
  let length = lines.join('\n').length
  let shown = 0
  for (const error of errors) {
    const line = `- ${error.ruleId} ${error.path}:${error.line}:${error.column} ${clip(error.reason, 400)}`
    // Room for the line that says how many more there are.
    if (length + line.length + 80 > limit && shown > 0) break
    lines.push(line)
    length += line.length + 1
    shown++
  }
  if (shown < errors.length) lines.push(`- … and ${errors.length - shown} more: run \`npx sop-lint\` to see them all.`)
  return lines.join('\n')
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`
}

/** Local midnight at the start of a `YYYY-MM-DD` day, or of a day `days` after it. */
function startOfDay(date: string, days = 0): Date {
  const [year, month, day] = date.split('-').map(Number)
  return new Date(year!, month! - 1, day! + days)
}
