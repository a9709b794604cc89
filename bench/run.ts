/**
 * `npm run bench`: how long sop-lint takes on generated workspaces of a week,
 * a year and five years of sessions, and on a generic Markdown tree, next to
 * the floor (`node -e 0`), remark-cli with remark-preset-lint-recommended and
 * markdownlint-cli2 on the same files, measured in the same run (commands are
 * interleaved round by round, so a busy machine slows them all alike); how
 * the check grows with the ledger (1,000 to 100,000 rows); and what the
 * token-count cache saves.
 *
 *   node dist/bench/run.js [--quick] [--runs N] [--only week,year,five-years,generic,ledger,tokens]
 *                          [--generic-files N] [--out FILE] [--keep]
 *
 * Prints a table (median and min–max of the runs, ratios, peak RSS) and
 * writes the figures as JSON (default bench/results.json, not committed).
 */
import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {cpus, tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {LspClient} from '../test/helpers/lsp-client.js'
import {writeClaudeSession} from '../test/helpers/usage-logs.js'
import {
  breakPlanningWorkspace,
  largeDocument,
  lengthenLedger,
  writeGenericTree,
  writeMonorepo,
  writePlanningWorkspace,
  type PlanningWorkspace
} from './generate.js'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

const allParts = 'week,year,five-years,monorepo,generic,ledger,tokens'

const {values} = parseArgs({
  options: {
    quick: {type: 'boolean', default: false},
    runs: {type: 'string'},
    only: {type: 'string'},
    'generic-files': {type: 'string'},
    out: {type: 'string', default: path.join(projectRoot, 'bench/results.json')},
    keep: {type: 'boolean', default: false},
    help: {type: 'boolean', short: 'h', default: false}
  }
})

if (values.help) {
  process.stdout.write(
    `Usage: npm run bench -- [--quick] [--runs N] [--only ${allParts}] [--generic-files N] [--out FILE] [--keep]\n`
  )
  process.exit(0)
}

const runs = Number(values.runs ?? (values.quick ? 3 : 7))
const genericFiles = Number(values['generic-files'] ?? (values.quick ? 400 : 2000))
const only = new Set((values.only ?? allParts).split(',').map((name) => name.trim()))
/** Ledger lengths the ledger-scaling rows check (issue 3: linear up to 100,000 rows). */
const ledgerRows = values.quick ? [1000, 10_000] : [1000, 10_000, 100_000]

const packageJson = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
  bin: Record<string, string>
}
const sopLintBin = path.join(projectRoot, packageJson.bin['sop-lint']!)
const remarkBin = path.join(projectRoot, 'node_modules/remark-cli/cli.js')
const markdownlintBin = path.join(projectRoot, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs')
// By path: remark-cli resolves `--use` names from the folder it runs in, and the generated workspaces have no node_modules.
const recommendedPreset = path.join(projectRoot, 'node_modules/remark-preset-lint-recommended/index.js')
const remarkCommand = (files: readonly string[]) => [
  process.execPath,
  remarkBin,
  '--no-config',
  '--no-ignore',
  '--use',
  recommendedPreset,
  '--quiet',
  '--no-stdout',
  ...files
]
const timeBin = ['/usr/bin/time', '/bin/time'].find((candidate) => existsSync(candidate))
const fromCache = /^sop-lint: results from the cache /m

interface Sample {
  ms: number
  rssMb: number | undefined
  code: number | null
}

interface Job {
  id: string
  workspace: string
  label: string
  command: string[]
  cwd: string
  input?: string
  /** Runs before each timed run, untimed (a fresh copy for --fix). */
  before?: () => void
  /** Exit codes that mean the run did what was measured. */
  expect: number[]
  /** What its standard error must show for the run to be what is measured (a cached result, a warm token cache). */
  expectStderr?: RegExp
  /** What its standard output must be for the run to be what is measured (a hook's JSON). */
  expectStdout?: RegExp
  env?: Record<string, string>
  /** At most this many timed runs (the generic tree's commands take seconds each). */
  maxRuns?: number
  samples: Sample[]
  failures: string[]
}

/** A Node preload that reports the peak RSS at exit, where /usr/bin/time is missing. */
function rssPreload(folder: string): string {
  const file = path.join(folder, 'rss-preload.cjs')
  writeFileSync(
    file,
    "process.on('exit', () => { try { require('fs').writeFileSync(process.env.SOP_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)) } catch {} })\n"
  )
  return file
}

function runOnce(job: Job, scratch: string, preload: string): Sample {
  job.before?.()
  const rssFile = path.join(scratch, 'rss')
  rmSync(rssFile, {force: true})
  const [program, ...args] = job.command
  const command = timeBin ? [timeBin, '-f', '%M', '-o', rssFile, program!, ...args] : [program!, ...args]
  const base = {...process.env, NO_COLOR: '1', XDG_CACHE_HOME: path.join(scratch, 'cache'), ...job.env}
  const env = timeBin
    ? base
    : {
        ...base,
        SOP_BENCH_RSS_FILE: rssFile,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${preload}`.trim()
      }
  const started = performance.now()
  const result = spawnSync(command[0]!, command.slice(1), {
    cwd: job.cwd,
    input: job.input ?? '',
    env,
    maxBuffer: 1 << 28,
    timeout: 300_000
  })
  const ms = performance.now() - started
  let rssMb: number | undefined
  try {
    rssMb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) / 1024
  } catch {
    rssMb = undefined
  }
  const stderr = result.stderr?.toString() ?? ''
  if (result.error) job.failures.push(String(result.error))
  else if (/internal error|not written:/.test(stderr)) job.failures.push(stderr.slice(0, 400))
  else if (job.expectStderr && !job.expectStderr.test(stderr))
    job.failures.push(`expected ${job.expectStderr} on stderr, got: ${stderr.slice(0, 400)}`)
  else if (job.expectStdout && !job.expectStdout.test(result.stdout?.toString() ?? '')) {
    job.failures.push(`expected ${job.expectStdout} on stdout, got: ${result.stdout?.toString().slice(0, 400)}`)
  } else if (!job.expect.includes(result.status ?? -1)) {
    job.failures.push(
      `exit ${result.status}: ${result.stderr.toString().slice(0, 400)}${result.stdout.toString().slice(0, 400)}`
    )
  }
  return {ms, rssMb, code: result.status}
}

function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(
    'git',
    ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false', ...args],
    {
      cwd,
      env: {...process.env, ...env},
      encoding: 'utf8',
      maxBuffer: 1 << 28
    }
  )
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`)
  return result.stdout.trim()
}

/**
 * A Claude Code session of `answers` answers that ran in `root`, started at
 * `started` (after the workspace was written, as a session opens a workspace
 * that is there), as Claude Code writes it; a file per figure of context in
 * its newest answer.
 */
function claudeTranscript(home: string, root: string, started: Date, answers: number): (context: number) => string {
  const files = new Map<number, string>()
  return (context) => {
    let file = files.get(context)
    if (file === undefined) {
      const at = (index: number) => new Date(started.getTime() + index * 1000).toISOString()
      file = writeClaudeSession(path.join(home, String(context)), {
        id: `bench-${context}`,
        cwd: root,
        answers: Array.from({length: answers}, (_, index) => ({
          timestamp: at(index),
          messageId: `msg_${index}`,
          requestId: `req_${index}`,
          usage: {
            input_tokens: 20,
            cache_creation_input_tokens: 800,
            cache_read_input_tokens: Math.round(((context - 1_320) * (index + 1)) / answers),
            output_tokens: 500
          },
          blocks: 2
        }))
      })
      files.set(context, file)
    }
    return file
  }
}

/** Makes a workspace a git repository with one commit dated on the newest plan's day; returns that commit. */
function commitAll(root: string, date: string): string {
  git(root, ['init', '-q', '-b', 'main'])
  git(root, ['add', '-A'])
  const when = `${date}T12:00:00+00:00`
  git(root, ['commit', '-q', '-m', 'sessions'], {GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when})
  return git(root, ['rev-parse', 'HEAD'])
}

/** Commits a change to `file` (a line appended) on the current branch, dated `date`; returns the commit. */
function commitChange(root: string, file: string, date: string): string {
  writeFileSync(
    path.join(root, file),
    `${readFileSync(path.join(root, file), 'utf8')}\nChanged in the benchmarked push.\n`
  )
  git(root, ['add', '-A'])
  const when = `${date}T12:00:00+00:00`
  git(root, ['commit', '-q', '-m', `change ${file}`], {GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when})
  return git(root, ['rev-parse', 'HEAD'])
}

/** The Markdown files sop-lint's full check reads, from its JSON report. */
function checkedMarkdown(root: string): string[] {
  const result = spawnSync(process.execPath, [sopLintBin, '--root', root, '--format', 'json'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 28
  })
  const report = JSON.parse(result.stdout) as Array<{
    filePath: string
    messages: Array<{ruleId: string; message: string; severity: number}>
  }>
  const errors = report.flatMap((file) =>
    file.messages
      .filter((message) => message.severity === 2)
      .map((message) => `${file.filePath}: ${message.ruleId} ${message.message}`)
  )
  if (errors.length > 0)
    process.stderr.write(
      `bench: the generated workspace is not valid for sop-lint (${errors.length} errors), e.g.\n  ${errors.slice(0, 5).join('\n  ')}\n`
    )
  return report.map((file) => path.relative(root, file.filePath)).filter((file) => file.endsWith('.md'))
}

interface LspFigures {
  file: string
  lines: number
  firstDiagnosticsMs: number[]
  relintMs: number[]
  peakRssMb: number[]
}

/** The language server on a workspace: spawn → first diagnostics of the newest plan, then re-lints of `growing` after edits. */
async function measureLsp(root: string, plan: string, growing: string, rounds: number): Promise<LspFigures> {
  const figures: LspFigures = {file: growing, lines: 0, firstDiagnosticsMs: [], relintMs: [], peakRssMb: []}
  const planPath = path.join(root, plan)
  const growingPath = path.join(root, growing)
  const planText = readFileSync(planPath, 'utf8')
  const growingText = readFileSync(growingPath, 'utf8')
  figures.lines = growingText.split('\n').length
  for (let round = 0; round < rounds; round++) {
    const started = performance.now()
    const client = LspClient.start()
    try {
      await client.initialize([root])
      let since = client.published.length
      await client.open(planPath, planText, 1)
      await client.diagnostics(planPath, {version: 1, since, timeout: 60_000})
      figures.firstDiagnosticsMs.push(performance.now() - started)

      since = client.published.length
      await client.open(growingPath, growingText, 1)
      await client.diagnostics(growingPath, {version: 1, since, timeout: 60_000})
      // Typing at the end: each change is a full re-lint of the document (eight edits: an editor sends many, so the first, colder ones are not all there is).
      for (let edit = 2; edit <= 9; edit++) {
        since = client.published.length
        const sent = performance.now()
        await client.change(growingPath, `${growingText}\n- note ${edit}\n`, edit)
        await client.diagnostics(growingPath, {version: edit, since, timeout: 60_000})
        figures.relintMs.push(performance.now() - sent)
      }
      const status = readFileSync(`/proc/${client.child.pid}/status`, 'utf8')
      const peak = /VmHWM:\s+(\d+) kB/.exec(status)?.[1]
      if (peak) figures.peakRssMb.push(Number(peak) / 1024)
    } finally {
      await client.stop()
    }
  }
  return figures
}

interface Stat {
  medianMs: number
  minMs: number
  maxMs: number
  peakRssMb: number | undefined
  runs: number
  failures: string[]
}

function stat(samples: readonly Sample[], failures: string[] = []): Stat {
  const ms = samples.map((sample) => sample.ms)
  const rss = samples.map((sample) => sample.rssMb).filter((value): value is number => value !== undefined)
  return {
    medianMs: round(median(ms)),
    minMs: round(Math.min(...ms)),
    maxMs: round(Math.max(...ms)),
    peakRssMb: rss.length > 0 ? round(Math.max(...rss)) : undefined,
    runs: ms.length,
    failures: failures.slice(0, 3)
  }
}

function statOf(ms: readonly number[], rss: readonly number[] = []): Stat {
  return stat(ms.map((value, index) => ({ms: value, rssMb: rss[index], code: 0})))
}

const round = (value: number) => Math.round(value * 10) / 10

async function main(): Promise<void> {
  const totalStart = performance.now()
  const scratch = mkdtempSync(path.join(tmpdir(), 'sop-lint-bench-'))
  const preload = rssPreload(scratch)
  const jobs: Job[] = []
  const info: Record<string, Record<string, unknown>> = {}
  const lspTargets: Array<{name: string; workspace: PlanningWorkspace}> = []
  const nullOid = '0'.repeat(40)
  const node = process.execPath
  try {
    jobs.push({
      id: 'floor',
      workspace: '-',
      label: 'node -e 0 (floor)',
      command: [node, '-e', '0'],
      cwd: scratch,
      expect: [0],
      samples: [],
      failures: []
    })

    const planning = [
      {name: 'week', days: 7, specs: 10, seed: 7},
      {name: 'year', days: 365, specs: 200, seed: 365},
      {name: 'five-years', days: 1825, specs: 1000, seed: 1825}
    ].filter((spec) => only.has(spec.name))

    for (const spec of planning) {
      const started = performance.now()
      const root = path.join(scratch, spec.name)
      const workspace = writePlanningWorkspace(root, {days: spec.days, specs: spec.specs, seed: spec.seed})
      const head = commitAll(root, workspace.newestDate)
      const broken = path.join(scratch, `${spec.name}-broken`)
      cpSync(root, broken, {recursive: true, filter: (source) => path.basename(source) !== '.git'})
      breakPlanningWorkspace(broken, workspace, (file) => readFileSync(file, 'utf8'))
      // As a user runs it: `sop-lint` shows the problems, then `--fix`. The token counts that check keeps
      // (in the copy's node_modules/.cache) go with every copy the fix runs on, as they stay in a project.
      const seen = spawnSync(node, [sopLintBin, '--root', broken], {cwd: scratch})
      if (seen.status !== 1) throw new Error(`bench: sop-lint on the broken copy exited ${seen.status}: ${seen.stderr}`)
      const fixRun = path.join(scratch, `${spec.name}-fix`)
      const markdown = checkedMarkdown(root)
      info[spec.name] = {
        files: workspace.files,
        megabytes: round(workspace.bytes / 1e6),
        plans: spec.days,
        specs: spec.specs,
        progressLines: workspace.progressLines,
        markdownChecked: markdown.length,
        setupMs: Math.round(performance.now() - started)
      }
      const add = (id: string, label: string, command: string[], extra: Partial<Job> = {}) =>
        jobs.push({
          id,
          workspace: spec.name,
          label,
          command,
          cwd: root,
          expect: [0],
          samples: [],
          failures: [],
          ...extra
        })
      const push = `refs/heads/main ${head} refs/heads/main ${nullOid}\n`
      // The workspace has a node_modules/ (and an ignored .env), as a real project does: results are kept in node_modules/.cache/sop-lint.
      const results = path.join(root, 'node_modules/.cache/sop-lint/results')
      add('check', 'sop-lint (full check, --no-cache)', [node, sopLintBin, '--root', root, '--no-cache'])
      add('check-cached', 'sop-lint (full check of the same files again)', [node, sopLintBin, '--root', root], {
        env: {SOP_LINT_DEBUG_CACHE: '1'},
        expectStderr: fromCache
      })
      add(
        'hook',
        'sop-lint hook pre-push (--no-cache)',
        [node, sopLintBin, 'hook', 'pre-push', '--no-cache', 'origin', 'bench'],
        {input: push}
      )
      // The procedure's order: `sop-lint` on the working tree, commit, push. Its result is what the hook finds.
      add(
        'hook-cached',
        'sop-lint hook pre-push, after sop-lint',
        [node, sopLintBin, 'hook', 'pre-push', 'origin', 'bench'],
        {
          input: push,
          env: {SOP_LINT_DEBUG_CACHE: '1'},
          expectStderr: fromCache,
          before: () => {
            rmSync(results, {recursive: true, force: true})
            const check = spawnSync(node, [sopLintBin, '--root', root], {cwd: root})
            if (check.status !== 0)
              throw new Error(`bench: sop-lint before the hook exited ${check.status}: ${check.stderr}`)
          }
        }
      )
      // The agents' hooks (issue 18), in the same run as the pre-push hook: a Claude Code session of 3,000 answers (a few MB of transcript).
      const sessionStart = new Date()
      const transcript = claudeTranscript(path.join(scratch, `${spec.name}-claude`), root, sessionStart, 3000)
      const stopInput = (context: number) =>
        JSON.stringify({
          session_id: `bench-${spec.name}-${context}`,
          transcript_path: transcript(context),
          cwd: root,
          permission_mode: 'default',
          hook_event_name: 'Stop',
          stop_hook_active: false
        })
      const stopCache = path.join(scratch, `${spec.name}-stop-cache`)
      const afterCheck = (cache: string) => () => {
        rmSync(path.join(cache, 'sop-lint/results'), {recursive: true, force: true})
        const check = spawnSync(node, [sopLintBin, '--root', root], {
          cwd: root,
          env: {...process.env, XDG_CACHE_HOME: cache}
        })
        if (check.status !== 0)
          throw new Error(`bench: sop-lint before the hook exited ${check.status}: ${check.stderr}`)
      }
      add(
        'stop-ending',
        'sop-lint hook stop, after sop-lint: a session past 70% (blocked)',
        [node, sopLintBin, 'hook', 'stop'],
        {
          input: stopInput(150_000),
          env: {XDG_CACHE_HOME: stopCache, SOP_LINT_DEBUG_CACHE: '1'},
          expectStderr: fromCache,
          expectStdout: /^\{"decision":"block","reason":/,
          before: afterCheck(stopCache)
        }
      )
      add(
        'stop-young',
        'sop-lint hook stop, after sop-lint: a young session (lets it stop)',
        [node, sopLintBin, 'hook', 'stop'],
        {
          input: stopInput(30_000),
          env: {XDG_CACHE_HOME: stopCache, SOP_LINT_DEBUG_CACHE: '1'},
          expectStderr: fromCache,
          expectStdout: /^$/,
          before: afterCheck(stopCache)
        }
      )
      add('session-start', 'sop-lint hook session-start, briefed before', [node, sopLintBin, 'hook', 'session-start'], {
        input: JSON.stringify({
          session_id: `bench-${spec.name}-start`,
          transcript_path: null,
          cwd: root,
          hook_event_name: 'SessionStart',
          source: 'startup'
        }),
        env: {XDG_CACHE_HOME: path.join(scratch, `${spec.name}-start-cache`), SOP_LINT_DEBUG_CACHE: '1'},
        expectStderr: fromCache,
        expectStdout: /^\{"hookSpecificOutput":\{"hookEventName":"SessionStart","additionalContext":/
      })
      add('fix', 'sop-lint --fix (broken copy)', [node, sopLintBin, '--fix', '--root', fixRun], {
        cwd: scratch,
        expect: [0, 1],
        before: () => {
          rmSync(fixRun, {recursive: true, force: true})
          cpSync(broken, fixRun, {recursive: true})
        }
      })
      // Without --frail, remark-cli exits 1 only on a file it could not process: that would not be a fair figure.
      add('remark', 'remark-cli + preset-lint-recommended', remarkCommand(markdown))
      add('markdownlint', 'markdownlint-cli2', [node, markdownlintBin, ...markdown], {expect: [0, 1]})
      if (spec.name !== 'week') lspTargets.push({name: spec.name, workspace})
    }

    if (only.has('monorepo')) {
      // Twenty year-long workspaces under projects/; a push that changes one of them, measured against the same push in a repository of that workspace alone.
      const started = performance.now()
      const root = path.join(scratch, 'monorepo')
      const monorepo = writeMonorepo(root, {count: 20, days: 365, specs: 200, seed: 365})
      const folder = monorepo.folders[6]!
      const date = monorepo.workspaces[6]!.newestDate
      const alone = path.join(scratch, 'monorepo-alone')
      cpSync(path.join(root, folder), alone, {recursive: true})
      const base = commitAll(root, date)
      const aloneBase = commitAll(alone, date)
      const head = commitChange(root, `${folder}/README.md`, date)
      const aloneHead = commitChange(alone, 'README.md', date)
      git(root, ['checkout', '-q', '-b', 'root-only', base])
      const rootOnly = commitChange(root, 'README.md', date)
      git(root, ['checkout', '-q', 'main'])
      info.monorepo = {
        workspaces: monorepo.folders.length,
        files: monorepo.files,
        megabytes: round(monorepo.bytes / 1e6),
        pushed: folder,
        setupMs: Math.round(performance.now() - started)
      }
      const add = (id: string, label: string, command: string[], extra: Partial<Job> = {}) =>
        jobs.push({
          id,
          workspace: 'monorepo',
          label,
          command,
          cwd: root,
          expect: [0],
          samples: [],
          failures: [],
          ...extra
        })
      const hook = [node, sopLintBin, 'hook', 'pre-push', 'origin', 'bench']
      const cached = {env: {SOP_LINT_DEBUG_CACHE: '1'}, expectStderr: fromCache}
      // The procedure's order: sop-lint in the workspace, commit, push.
      const checkFirst = (cwd: string) => () => {
        const check = spawnSync(node, [sopLintBin], {cwd})
        if (check.status !== 0)
          throw new Error(`bench: sop-lint before the hook exited ${check.status}: ${check.stderr}`)
      }
      add('check-root', `sop-lint at the root (${monorepo.folders.length} workspaces, cached)`, [node, sopLintBin], {
        ...cached,
        maxRuns: Math.min(runs, 5)
      })
      add(
        'check-root-no-cache',
        `sop-lint at the root (${monorepo.folders.length} workspaces, --no-cache)`,
        [node, sopLintBin, '--no-cache'],
        {maxRuns: Math.min(runs, 3)}
      )
      add('hook-one', `hook pre-push changing ${folder}, after sop-lint`, hook, {
        ...cached,
        input: `refs/heads/main ${head} refs/heads/main ${base}\n`,
        before: checkFirst(path.join(root, folder))
      })
      add('alone-hook', `hook pre-push, ${folder} alone in a repository, after sop-lint`, hook, {
        ...cached,
        cwd: alone,
        input: `refs/heads/main ${aloneHead} refs/heads/main ${aloneBase}\n`,
        before: checkFirst(alone)
      })
      add(
        'hook-one-no-cache',
        `hook pre-push changing ${folder}, --no-cache`,
        [...hook.slice(0, 4), '--no-cache', ...hook.slice(4)],
        {input: `refs/heads/main ${head} refs/heads/main ${base}\n`}
      )
      add(
        'alone-hook-no-cache',
        `hook pre-push, ${folder} alone, --no-cache`,
        [...hook.slice(0, 4), '--no-cache', ...hook.slice(4)],
        {
          cwd: alone,
          input: `refs/heads/main ${aloneHead} refs/heads/main ${aloneBase}\n`
        }
      )
      add('hook-root', 'hook pre-push changing root files only', hook, {
        input: `refs/heads/main ${rootOnly} refs/heads/main ${base}\n`
      })
    }

    if (only.has('ledger')) {
      const started = performance.now()
      const base = path.join(scratch, 'ledger-base')
      writePlanningWorkspace(base, {days: 7, specs: 10, seed: 7})
      for (const rows of ledgerRows) {
        const root = path.join(scratch, `ledger-${rows}`)
        cpSync(base, root, {recursive: true})
        lengthenLedger(root, rows - 7, rows, (file) => readFileSync(file, 'utf8'))
        jobs.push({
          id: `rows-${rows}`,
          workspace: 'ledger',
          label: `sop-lint --no-cache, ${rows.toLocaleString('en-US')}-row ledger`,
          command: [node, sopLintBin, '--root', root, '--no-cache'],
          cwd: root,
          expect: [0],
          samples: [],
          failures: [],
          maxRuns: rows >= 50_000 ? Math.min(runs, 3) : undefined
        })
      }
      info.ledger = {rows: ledgerRows.join(' / '), setupMs: Math.round(performance.now() - started)}
    }

    if (only.has('tokens')) {
      const root = path.join(scratch, 'tokens')
      cpSync(path.join(projectRoot, 'fixtures/valid'), root, {recursive: true})
      mkdirSync(path.join(root, 'node_modules'), {recursive: true})
      writeFileSync(path.join(root, 'docs/System/pipeline_in_depth.md'), largeDocument())
      const planFile = path.join(root, 'plans/2026-02-13_next_session.plan.md')
      const plan = readFileSync(planFile, 'utf8')
      const reading = '4. `docs/Tasks/tracker_cli_todo.md`'
      if (!plan.includes(reading))
        throw new Error('bench: the valid fixture’s plan no longer lists its reading as expected')
      writeFileSync(
        planFile,
        plan.replace(
          reading,
          `4. \`docs/System/pipeline_in_depth.md\` — every stage, read whole\n5. \`docs/Tasks/tracker_cli_todo.md\``
        )
      )
      const counts = path.join(root, 'node_modules/.cache/sop-lint/token-counts.json')
      const add = (id: string, label: string, extra: Partial<Job>) =>
        jobs.push({
          id,
          workspace: 'tokens',
          label,
          command: [node, sopLintBin, '--root', root, '--no-cache'],
          cwd: root,
          expect: [0],
          samples: [],
          failures: [],
          env: {SOP_LINT_DEBUG_TOKENS: '1'},
          ...extra
        })
      add('cold', 'sop-lint --no-cache, token counts not cached', {
        before: () => rmSync(counts, {force: true}),
        expectStderr: /, \d+ counted \(tokenizer loaded in/
      })
      add('warm', 'sop-lint --no-cache, token counts cached', {
        expectStderr: /: \d+ from the cache, 0 counted \(tokenizer not loaded\)/
      })
      info.tokens = {workspace: 'fixtures/valid, its plan also reading a 60K-token document'}
    }

    if (only.has('generic')) {
      const started = performance.now()
      const root = path.join(scratch, 'generic')
      const tree = writeGenericTree(root, {count: genericFiles, seed: 42})
      mkdirSync(path.join(root, 'plans'), {recursive: true})
      info.generic = {
        files: tree.files.length,
        megabytes: round(tree.bytes / 1e6),
        setupMs: Math.round(performance.now() - started)
      }
      const add = (id: string, label: string, command: string[], expect = [0, 1]) =>
        jobs.push({
          id,
          workspace: 'generic',
          label,
          command,
          cwd: root,
          expect,
          samples: [],
          failures: [],
          maxRuns: Math.min(runs, 5)
        })
      add('check', 'sop-lint (the files named)', [node, sopLintBin, '--root', root, ...tree.files])
      add('remark', 'remark-cli + preset-lint-recommended', remarkCommand(tree.files), [0])
      add('markdownlint', 'markdownlint-cli2', [node, markdownlintBin, ...tree.files])
    }

    // One untimed run of each (disk cache, V8 code cache), then the timed rounds, interleaved.
    process.stderr.write(
      `bench: ${jobs.length} commands × ${runs} runs (Node ${process.version}, ${cpus().length} cores)\n`
    )
    for (const job of jobs) {
      const warmUp = runOnce(job, scratch, preload)
      // A command that takes many seconds (markdownlint-cli2 on five years of tables) gets fewer runs: the full bench stays near ten minutes.
      if (warmUp.ms > 8000) job.maxRuns = Math.min(job.maxRuns ?? runs, 3)
    }
    for (const job of jobs) job.failures = []
    for (let run = 0; run < runs; run++) {
      for (const job of jobs)
        if (job.samples.length < (job.maxRuns ?? runs)) job.samples.push(runOnce(job, scratch, preload))
      process.stderr.write(
        `bench: round ${run + 1}/${runs} done (${Math.round((performance.now() - totalStart) / 1000)} s)\n`
      )
    }

    const lsp: Record<string, {file: string; lines: number; firstDiagnostics: Stat; relint: Stat}> = {}
    for (const {name, workspace} of lspTargets) {
      const figures = await measureLsp(
        workspace.root,
        workspace.newestPlan,
        'progress.md',
        Math.max(2, Math.ceil(runs / 2))
      )
      lsp[name] = {
        file: figures.file,
        lines: figures.lines,
        firstDiagnostics: statOf(figures.firstDiagnosticsMs, figures.peakRssMb),
        relint: statOf(figures.relintMs)
      }
    }

    const results = report(jobs, lsp, info)
    results.totalSeconds = Math.round((performance.now() - totalStart) / 1000)
    mkdirSync(path.dirname(path.resolve(values.out)), {recursive: true})
    writeFileSync(path.resolve(values.out), `${JSON.stringify(results, undefined, 2)}\n`)
    process.stderr.write(
      `bench: figures written to ${path.relative(process.cwd(), path.resolve(values.out)) || values.out} (${results.totalSeconds} s)\n`
    )
    const failed = jobs.filter((job) => job.failures.length > 0)
    for (const job of failed)
      process.stderr.write(`bench: ${job.workspace} ${job.label} did not run as expected: ${job.failures[0]}\n`)
    if (failed.length > 0) process.exitCode = 1
  } finally {
    if (values.keep) process.stderr.write(`bench: workspaces kept in ${scratch}\n`)
    else rmSync(scratch, {recursive: true, force: true})
  }
}

interface Target {
  name: string
  value: number
  limit: number
  unit: string
  met: boolean
}

function report(
  jobs: readonly Job[],
  lsp: Record<string, {file: string; lines: number; firstDiagnostics: Stat; relint: Stat}>,
  info: Record<string, Record<string, unknown>>
): Record<string, unknown> {
  const stats = new Map(jobs.map((job) => [`${job.workspace}/${job.id}`, stat(job.samples, job.failures)]))
  const floor = stats.get('-/floor')!
  const lines: string[] = []
  const seconds = (ms: number) =>
    ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`
  const ratio = (a: number, b: number | undefined) => (b ? `${(a / b).toFixed(2)}×` : '')
  lines.push(
    `sop-lint bench — Node ${process.version}, ${cpus().length} cores, up to ${runs} runs each (median, min–max), ratios of medians from this run`,
    ''
  )
  const header = ['workspace', 'what', 'median', 'min–max', 'runs', '× floor', '× remark-cli', 'peak RSS']
  const rows: string[][] = [header]
  const workspaces = ['-', 'week', 'year', 'five-years', 'monorepo', 'ledger', 'tokens', 'generic'].filter((name) =>
    jobs.some((job) => job.workspace === name)
  )
  for (const name of workspaces) {
    const remark = stats.get(`${name}/remark`)
    for (const job of jobs.filter((candidate) => candidate.workspace === name)) {
      const figures = stats.get(`${name}/${job.id}`)!
      rows.push([
        name === '-' ? '' : name,
        job.label,
        seconds(figures.medianMs),
        `${seconds(figures.minMs)}–${seconds(figures.maxMs)}`,
        String(figures.runs),
        ratio(figures.medianMs, floor.medianMs),
        job.id === 'remark' || job.id === 'floor' ? '' : ratio(figures.medianMs, remark?.medianMs),
        figures.peakRssMb === undefined ? '' : `${Math.round(figures.peakRssMb)} MB`
      ])
    }
    const live = lsp[name]
    if (live) {
      rows.push([
        name,
        'language server: spawn → first diagnostics',
        seconds(live.firstDiagnostics.medianMs),
        `${seconds(live.firstDiagnostics.minMs)}–${seconds(live.firstDiagnostics.maxMs)}`,
        String(live.firstDiagnostics.runs),
        '',
        '',
        live.firstDiagnostics.peakRssMb === undefined ? '' : `${Math.round(live.firstDiagnostics.peakRssMb)} MB`
      ])
      rows.push([
        name,
        `language server: re-lint ${live.file} (${live.lines} lines)`,
        seconds(live.relint.medianMs),
        `${seconds(live.relint.minMs)}–${seconds(live.relint.maxMs)}`,
        String(live.relint.runs),
        '',
        '',
        ''
      ])
    }
  }
  const widths = header.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  for (const [index, row] of rows.entries()) {
    lines.push(
      row
        .map((cell, column) =>
          column >= 2 && column <= 6 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)
        )
        .join('  ')
        .trimEnd()
    )
    if (index === 0) lines.push(widths.map((width) => '-'.repeat(width)).join('  '))
  }
  for (const [name, details] of Object.entries(info)) {
    lines.push(
      `${name}: ${Object.entries(details)
        .map(([key, value]) => `${key} ${value}`)
        .join(', ')}`
    )
  }

  const notes: string[] = []
  const targets: Target[] = []
  const year = (id: string) => stats.get(`year/${id}`)
  const fiveYears = (id: string) => stats.get(`five-years/${id}`)
  if (year('hook-cached'))
    targets.push(
      target('hook pre-push after sop-lint, year ÷ node -e 0', year('hook-cached')!.medianMs / floor.medianMs, 2.0, '×')
    )
  if (year('hook-cached') && fiveYears('hook-cached')) {
    targets.push(
      target(
        'hook pre-push after sop-lint, five years ÷ year',
        fiveYears('hook-cached')!.medianMs / year('hook-cached')!.medianMs,
        1.1,
        '×'
      )
    )
  }
  // The agents' hooks run at every turn: no dearer than the pre-push hook after sop-lint, measured in the same run (issue 18).
  for (const id of ['stop-ending', 'stop-young', 'session-start']) {
    const agentHook = year(id)
    if (agentHook && year('hook-cached'))
      targets.push(
        target(
          `${jobs.find((job) => job.workspace === 'year' && job.id === id)!.label}, year ÷ hook pre-push after sop-lint`,
          agentHook.medianMs / year('hook-cached')!.medianMs,
          1.0,
          '×'
        )
      )
  }
  for (const name of ['year', 'five-years']) {
    const cold = stats.get(`${name}/hook`)
    if (cold)
      notes.push(
        `hook pre-push --no-cache (every file checked), ${name}: ${(cold.medianMs / floor.medianMs).toFixed(2)}× node -e 0`
      )
  }
  const monorepo = (id: string) => stats.get(`monorepo/${id}`)
  if (monorepo('hook-one') && monorepo('alone-hook')) {
    targets.push(
      target(
        'monorepo: hook changing one workspace of 20 ÷ the hook on that workspace alone',
        monorepo('hook-one')!.medianMs / monorepo('alone-hook')!.medianMs,
        1.2,
        '×'
      )
    )
  }
  if (monorepo('hook-one-no-cache') && monorepo('alone-hook-no-cache')) {
    notes.push(
      `monorepo: hook --no-cache changing one workspace of 20 ÷ alone: ${(monorepo('hook-one-no-cache')!.medianMs / monorepo('alone-hook-no-cache')!.medianMs).toFixed(2)}×`
    )
  }
  if (monorepo('hook-root'))
    notes.push(
      `monorepo: hook changing root files only (no workspace judged): ${(monorepo('hook-root')!.medianMs / floor.medianMs).toFixed(2)}× node -e 0`
    )
  if (year('check') && year('remark'))
    targets.push(target('full check, year ÷ remark-cli', year('check')!.medianMs / year('remark')!.medianMs, 1.0, '×'))
  const generic = stats.get('generic/check')
  const genericRemark = stats.get('generic/remark')
  if (generic && genericRemark)
    targets.push(target('generic tree, sop-lint ÷ remark-cli', generic.medianMs / genericRemark.medianMs, 1.2, '×'))
  const relint = lsp.year ?? lsp['five-years']
  if (relint)
    targets.push(
      target(`language server re-lint of ${relint.file} (${relint.lines} lines)`, relint.relint.medianMs, 50, 'ms')
    )

  // Linear in the ledger: each 1,000 rows past the first 1,000 cost about the same at 100,000 rows as at 10,000.
  const perThousand = ledgerRows.slice(1).flatMap((rows) => {
    const first = stats.get(`ledger/rows-${ledgerRows[0]}`)
    const at = stats.get(`ledger/rows-${rows}`)
    return first && at ? [{rows, ms: ((at.medianMs - first.medianMs) / (rows - ledgerRows[0]!)) * 1000}] : []
  })
  for (const {rows, ms} of perThousand)
    notes.push(
      `ledger: ${ms.toFixed(1)} ms per 1,000 rows from ${ledgerRows[0]!.toLocaleString('en-US')} to ${rows.toLocaleString('en-US')} rows`
    )
  if (perThousand.length >= 2) {
    targets.push(
      target(
        'ledger check stays linear: ms per 1,000 rows, largest ÷ smallest ledger',
        perThousand.at(-1)!.ms / perThousand[0]!.ms,
        1.5,
        '×'
      )
    )
  }
  const cold = stats.get('tokens/cold')
  const warm = stats.get('tokens/warm')
  if (cold && warm)
    notes.push(
      `token-count cache: a check counting the reading ${Math.round(cold.medianMs)} ms, with the counts cached ${Math.round(warm.medianMs)} ms (×${(cold.medianMs / warm.medianMs).toFixed(2)}; the warm runs load no tokenizer)`
    )
  if (notes.length > 0) lines.push('', ...notes)
  lines.push('', 'targets (issues 3, 8, 17 and 18):')
  for (const entry of targets) {
    const value = entry.unit === 'ms' ? `${Math.round(entry.value)} ms` : `${entry.value.toFixed(2)}×`
    lines.push(
      `  ${entry.met ? 'met    ' : 'NOT met'}  ${entry.name}: ${value} (limit ${entry.unit === 'ms' ? `${entry.limit} ms` : `${entry.limit}×`})`
    )
  }
  process.stdout.write(`${lines.join('\n')}\n`)

  return {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    runs,
    sopLintBin: path.relative(projectRoot, sopLintBin),
    workspaces: info,
    commands: Object.fromEntries(
      jobs.map((job) => [`${job.workspace}/${job.id}`, {label: job.label, ...stats.get(`${job.workspace}/${job.id}`)!}])
    ),
    lsp,
    targets,
    notes,
    table: lines.join('\n')
  }
}

function target(name: string, value: number, limit: number, unit: string): Target {
  return {name, value: Math.round(value * 100) / 100, limit, unit, met: value <= limit}
}

await main()
