/**
 * `sop-lint hook session-start`: the next session's briefing, run by Claude
 * Code's and Codex's SessionStart hook. It prints one JSON object whose
 * `hookSpecificOutput.additionalContext` the agent adds to the model's
 * context — the newest plan's date and budget, its required reading with
 * token counts, its tasks with budgets and specs, what the handoff says to
 * do first, a warning for an earlier planning row still open — at most
 * `agent.briefingTokens` o200k tokens, measured, cut at a task with a
 * pointer to the plan. The briefing is kept with the questions it asked of
 * the files (as a check's result is), so a session that starts on files
 * already briefed reads no plan. Nothing fails the agent: on any trouble
 * stdout stays empty (Codex takes nothing else) and stderr says why.
 */
import path from 'node:path'
import {buildId} from '../engine/cache/build-id.js'
import {defaultCacheFolder} from '../config/defaults.js'
import {cacheFolderFor} from '../workspace/cache-folder.js'
import {cachedCheck} from '../engine/cache/cached-check.js'
import {configDecidingCache, workspaceView} from '../engine/check-monorepo.js'
import {ResultStore} from '../engine/cache/result-store.js'
import {UsageError} from '../config/errors.js'
import type {Briefing} from '../engine/briefing.js'
import {today} from './clock.js'
import type {TokenCounter} from '../tokens/cache.js'
import {formatCount} from '../tokens/reading-budget.js'
import {WorkingTreeSource} from '../workspace/source.js'
import {Workspace} from '../workspace/workspace.js'
import {hookRoot, HookInputError, parseHookInput, readHookStdin} from './agent-hook-input.js'
import {parseOptions} from './options.js'
import {sessionWorkspace} from './session-workspace.js'
import {hookSessionStartOptions as options} from './commands/hook-session-start.js'

export async function runSessionStartHook(argv: string[]): Promise<number> {
  try {
    const context = await briefingFor(argv)
    process.stdout.write(`${sessionStartOutput(context)}\n`)
  } catch (error) {
    const text =
      error instanceof UsageError
        ? error.message
        : `internal error: ${error instanceof Error ? error.message : String(error)} (please report it)`
    process.stderr.write(`sop-lint hook session-start: ${text}; no briefing given\n`)
    if (process.env.SOP_LINT_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`)
  }
  return 0
}

function sessionStartOutput(context: string): string {
  return JSON.stringify({hookSpecificOutput: {hookEventName: 'SessionStart', additionalContext: context}})
}

async function briefingFor(argv: string[]): Promise<string> {
  const {values} = parseOptions(options, argv, 'sop-lint hook session-start')
  let cwd = process.cwd()
  try {
    cwd = parseHookInput(await readHookStdin()).cwd ?? cwd
  } catch (error) {
    // The briefing needs only the folder: without readable input, the hook's own folder (the agent starts it in the project).
    if (!(error instanceof HookInputError)) throw error
  }
  const session = await sessionWorkspace(hookRoot(values.root, cwd), cwd)
  if (session.kind === 'monorepo root') {
    return `sop-lint: this session starts at the root of a monorepo, in none of its workspaces (${session.monorepo.folders.join(', ')}); a session started in a workspace's folder is briefed on its plan.`
  }
  const {root, top, folder} = session
  const date = today()
  const key = {root, date, allPlans: false}
  // A monorepo's briefings are kept with the repository's caches; the questions are asked of the whole repository.
  const store =
    values['no-cache'] || buildId === undefined
      ? undefined
      : new ResultStore<string>(
          {...key, build: buildId},
          path.join(cacheFolderFor(top, defaultCacheFolder), 'briefings')
        )
  return cachedCheck<string>({
    source: new WorkingTreeSource(top),
    key,
    cache: store !== undefined,
    store,
    run: async (repository) => {
      const {loadWorkspaceConfig, readBriefing, TokenCounter} = await import('../engine/on-demand.js')
      const {source, rootConfig} =
        folder === undefined ? {source: repository, rootConfig: undefined} : await workspaceView(repository, folder)
      const {config, source: workspaceConfig} = await loadWorkspaceConfig(source)
      const counter = TokenCounter.forRepository(root, config)
      const briefing = readBriefing(new Workspace(source, config), counter)
      const text = composeBriefing(
        briefing,
        {date, limit: config.agent.briefingTokens, plansFolder: config.paths.plans, ledger: config.paths.ledger},
        counter
      )
      counter.save()
      return {outcome: text, configName: configDecidingCache(workspaceConfig, rootConfig)}
    }
  })
}

interface ComposeOptions {
  date: string
  /** Tokens the whole output (the JSON object) may take. */
  limit: number
  plansFolder: string
  ledger: string
}

/**
 * The briefing as text, whole when its output fits the limit; otherwise the
 * last tasks (then the last reading items) give way to a line that says
 * where they are, until it fits.
 */
function composeBriefing(briefing: Briefing, options: ComposeOptions, counter: TokenCounter): string {
  const head = headLines(briefing, options)
  const reading = readingLines(briefing)
  const tasks = taskLines(briefing)
  const tail = [
    'At the end of the session, sop-lint asks for the next plan: `npx sop-lint --fix`, fill in the TODOs, then `npx sop-lint` until it passes.'
  ]
  const planPath = briefing.plan ? `\`${briefing.plan.path}\`` : 'the plan'
  const fits = (text: string) => counter.count(sessionStartOutput(text)).tokens <= options.limit
  const compose = (taskCount: number, readingCount: number) => {
    const lines = [...head]
    if (reading.items.length > 0) {
      lines.push(reading.title, ...reading.items.slice(0, readingCount))
      const left = reading.items.length - readingCount
      if (left > 0)
        lines.push(`- … ${left} more ${left === 1 ? 'item' : 'items'}: see the Required reading of ${planPath}.`)
    }
    if (tasks.length > 0) {
      lines.push(`Tasks (${tasks.length}):`, ...tasks.slice(0, taskCount))
      const left = tasks.length - taskCount
      if (left > 0)
        lines.push(
          `- … ${left} more ${left === 1 ? 'task' : 'tasks'} (${taskCount + 1}–${tasks.length}): read them in ${planPath}.`
        )
    }
    return [...lines, ...tail].join('\n')
  }
  for (let taskCount = tasks.length; taskCount >= 0; taskCount--) {
    const text = compose(taskCount, reading.items.length)
    if (fits(text)) return text
  }
  for (let readingCount = reading.items.length - 1; readingCount >= 0; readingCount--) {
    const text = compose(0, readingCount)
    if (fits(text)) return text
  }
  return compose(0, 0)
}

function headLines(briefing: Briefing, options: ComposeOptions): string[] {
  const lines: string[] = []
  const {plan} = briefing
  if (!plan) {
    lines.push(
      `sop-lint briefing, ${options.date}: there is no plan in \`${options.plansFolder}/\` yet. Work from the handoff; before the session ends, write the next-session plan (\`npx sop-lint --fix\` scaffolds it).`
    )
  } else {
    const dated =
      plan.date === undefined ? 'undated' : plan.date === options.date ? 'dated today' : `dated ${plan.date}`
    lines.push(`sop-lint briefing, ${options.date}: this session's plan is \`${plan.path}\` (${dated}).`)
    if (!briefing.planRead) lines.push('It could not be read: run `npx sop-lint` to see why.')
    const band = `the band is ${formatCount(briefing.budget.band.min)}–${formatCount(briefing.budget.band.max)}`
    const target =
      briefing.budget.target === undefined
        ? `Budget: no target written (${band})`
        : `Budget: target ${briefing.budget.target} (${band})`
    lines.push(`${target}; buffer ${briefing.budget.buffer ?? 'not written'}.`)
  }
  for (const row of briefing.openRows) {
    lines.push(
      `Warning: the planning row of ${row.date} in \`${options.ledger}\` (line ${row.line}) is still open: the session that worked on that plan did not close it. Close it with \`npx sop-lint ledger close --date ${row.date}\` and its figure (\`--actual N\`, \`--from-claude\` or \`--from-codex\`).`
    )
  }
  const {handoff} = briefing
  if (handoff?.first)
    lines.push(
      `Do first (\`${handoff.path}\`, “${clip(handoff.entry, 80)}”, ${handoff.first.label}): ${clip(handoff.first.text, 600)}`
    )
  return lines
}

function readingLines(briefing: Briefing): {title: string; items: string[]} {
  const items = briefing.reading.items.map(
    (item) =>
      `- \`${item.label}\` — ${item.tokens === undefined ? (item.note ?? 'not counted') : `${formatCount(item.tokens)} tokens`}`
  )
  return {title: `Required reading (${formatCount(briefing.reading.total)} tokens, o200k_base):`, items}
}

function taskLines(briefing: Briefing): string[] {
  return briefing.tasks.map((task) => {
    const budget =
      task.budget === undefined
        ? 'no budget written'
        : task.title.includes(task.budget)
          ? undefined
          : `budget ${task.budget}`
    const specs =
      task.specs.length === 0 ? 'no spec named' : `spec ${task.specs.map((spec) => `\`${spec}\``).join(', ')}`
    return `${task.number}. ${clip(task.title, 160)} — ${[budget, specs].filter(Boolean).join('; ')}`
  })
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text
}
