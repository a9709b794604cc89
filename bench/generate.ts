/**
 * Deterministic workspaces for `npm run bench`: the same seed gives the same
 * bytes. A planning workspace is what a team running one agent session a day
 * accumulates (one plan per day, progress.md and the handoff growing by one
 * entry a session, a ledger row per plan, specs, a feature log, session
 * reports); the generic tree is plain documentation Markdown with none of
 * that, for the comparison with remark-cli and markdownlint-cli2 on their own
 * ground. Everything is written below a folder the caller gives (a temporary
 * one): nothing here is committed.
 */
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

/** mulberry32: small, fast and good enough to pick words. */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

class Words {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  hex(length: number): string {
    let text = ''
    while (text.length < length) text += Math.floor(this.next() * 16).toString(16)
    return text
  }
  uuid(): string {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${this.pick(['8', '9', 'a', 'b'])}${this.hex(3)}-${this.hex(12)}`
  }
}

const areas = [
  'billing',
  'catalog',
  'checkout',
  'customer',
  'dispatch',
  'export',
  'feed',
  'gateway',
  'import',
  'inventory',
  'invoice',
  'ledger',
  'mailer',
  'metrics',
  'notify',
  'orders',
  'payout',
  'pricing',
  'quota',
  'refund',
  'report',
  'search',
  'session',
  'shipping',
  'storage',
  'sync',
  'tax',
  'tenant',
  'upload',
  'webhook',
  'audit',
  'backup',
  'cache',
  'calendar',
  'consent',
  'coupon',
  'currency',
  'device',
  'identity',
  'locale'
]
const subjects = [
  'retry',
  'rounding',
  'pagination',
  'backoff',
  'dedupe',
  'signature',
  'columns',
  'totals',
  'locking',
  'timeout',
  'batching',
  'filters',
  'archive',
  'schema',
  'limits',
  'alerts',
  'cursor',
  'snapshot',
  'rollover',
  'preview',
  'fallback',
  'sampling',
  'redaction',
  'migration',
  'ordering'
]
const verbs = ['Add', 'Harden', 'Fix', 'Finish', 'Speed up', 'Simplify', 'Test', 'Document', 'Split', 'Replace']
const starts = [
  'the scenarios are written and fail for the right reason',
  'the fixture is recorded from the sandbox',
  'the previous task is merged and green',
  'the spec is reviewed and its examples agreed',
  'the failing case is reproduced in a test'
]
const ends = [
  'every scenario of the spec passes',
  'the scenarios pass and the CLI prints the new output',
  'the tests pass and the handoff names what is left',
  'the outline passes for every example row',
  'the sample import succeeds end to end'
]
const sentences = [
  'The queue drains before the nightly export starts, so no row is written twice.',
  'Amounts stay in integer cents from the parser to the report.',
  'A request that times out is retried with jitter and then parked for a person.',
  'Tenants never see one another’s rows, even in the debug listing.',
  'The report lists one total per currency and nothing else.',
  'Old snapshots are pruned only after the new one is verified.',
  'Every public command prints a one-line summary and exits non-zero on failure.',
  'Clock skew between workers is tolerated up to two seconds.',
  'Imports are idempotent: running one twice changes nothing.',
  'The cursor survives a restart and resumes where it stopped.'
]

export interface PlanningOptions {
  /** Sessions, one a day, one plan each. */
  days: number
  /** How many `.feature` specs exist. */
  specs: number
  seed: number
  /** The newest plan's date. */
  lastDate?: string
}

export interface PlanningWorkspace {
  root: string
  newestPlan: string
  newestDate: string
  files: number
  bytes: number
  progressLines: number
}

function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000
  return new Date(time).toISOString().slice(0, 10)
}

function slugOf(index: number): {slug: string; title: string; area: string} {
  const area = areas[index % areas.length]!
  const subject = subjects[Math.floor(index / areas.length) % subjects.length]!
  const round = Math.floor(index / (areas.length * subjects.length))
  const slug = `${area}_${subject}${round > 0 ? `_${round + 1}` : ''}`
  const title = `${area[0]!.toUpperCase()}${area.slice(1)} ${subject}${round > 0 ? ` ${round + 1}` : ''}`
  return {slug, title, area}
}

class Writer {
  files = 0
  bytes = 0
  constructor(readonly root: string) {}
  write(relative: string, text: string): void {
    const file = path.join(this.root, relative)
    mkdirSync(path.dirname(file), {recursive: true})
    writeFileSync(file, text)
    this.files++
    this.bytes += Buffer.byteLength(text)
  }
}

interface Task {
  title: string
  spec: string
  slug: string
  area: string
  budget: number
  start: string
  end: string
  fixture: boolean
}

interface Session {
  date: string
  planPath: string
  target: number
  buffer: number
  tasks: Task[]
  reading: string[]
  goal: string
}

const readingPool = [
  ['docs/System/sync_pipeline.md', 'where the pieces this session touches sit'],
  ['docs/System/token_tracking.md', 'how to close the ledger row at the end'],
  ['docs/Tasks/tracker_cli_todo.md', 'the Task ↔ Spec rows for these tasks'],
  ['docs/SOP/release_checklist.md', 'what must hold before a release is cut']
] as const

/** A workspace of `days` sessions, valid for sop-lint (its full check passes). */
export function writePlanningWorkspace(root: string, options: PlanningOptions): PlanningWorkspace {
  const words = new Words(random(options.seed))
  const out = new Writer(root)
  const lastDate = options.lastDate ?? '2026-06-30'
  const firstDate = addDays(lastDate, -(options.days - 1))
  const specs = Array.from({length: options.specs}, (_, index) => slugOf(index))

  // Sessions: each plans two or three tasks, mostly on specs near the front of the backlog.
  const sessions: Session[] = []
  let cursor = 0
  for (let day = 0; day < options.days; day++) {
    const date = addDays(firstDate, day)
    const target = words.int(96, 108) * 2000
    const buffer = words.int(6, 9) * 2000
    const count = words.int(2, 3)
    const tasks: Task[] = []
    let left = target - buffer
    for (let index = 0; index < count; index++) {
      const spec = specs[(cursor + index) % specs.length]!
      const budget =
        index === count - 1
          ? left
          : Math.round((((target - buffer) / count) * (0.8 + words.next() * 0.3)) / 1000) * 1000
      left -= budget
      tasks.push({
        title: `${words.pick(verbs)} ${spec.title.toLowerCase()}`,
        spec: `features/${spec.slug}.feature`,
        slug: spec.slug,
        area: spec.area,
        budget,
        start: words.pick(starts),
        end: words.pick(ends),
        fixture: words.chance(0.3)
      })
    }
    cursor += words.int(1, count)
    const extra = readingPool.filter(() => words.chance(0.5))
    sessions.push({
      date,
      planPath: `plans/${date}_next_session.plan.md`,
      target,
      buffer,
      tasks,
      reading: extra.map(([file, why]) => `\`${file}\` — ${why}`),
      goal: `${words.pick(sentences)} ${words.pick(sentences)}`
    })
  }

  for (const session of sessions) out.write(session.planPath, planText(session, words))

  const newest = sessions.at(-1)!
  const plannedSpecs = new Set(newest.tasks.map((task) => task.slug))
  for (const [index, spec] of specs.entries())
    out.write(`features/${spec.slug}.feature`, featureText(spec, index, words))
  out.write('features/steps/steps.py', 'from behave import given, when, then  # noqa: F401\n')

  // Code and tests for what shipped: the files a repository of that age holds.
  const shipped = new Set(sessions.slice(0, -1).flatMap((session) => session.tasks.map((task) => task.slug)))
  for (const slug of shipped) {
    out.write(
      `src/app/${slug}.py`,
      `"""${slug.replace(/_/g, ' ')}."""\n\n\ndef run(rows):\n    return [row for row in rows if row]\n`
    )
    out.write(
      `tests/test_${slug}.py`,
      `from app.${slug} import run\n\n\ndef test_run():\n    assert run([1, 0, 2]) == [1, 2]\n`
    )
  }
  out.write('src/app/__init__.py', '')

  const progress = progressText(sessions, words)
  out.write('progress.md', progress)
  out.write('docs/SESSION_HANDOFF.md', handoffText(sessions, words))
  out.write('docs/Tasks/tracker_cli_todo.md', specTableText(specs, shipped, plannedSpecs, newest))
  out.write('docs/Tasks/tracker_feature_log.md', featureLogText(sessions))
  out.write('docs/Ledgers/Token_Churn_Ledger.csv', ledgerText(sessions, words))
  out.write('docs/Tasks/archive_curation.md', backlogText('Archive curation', words))
  out.write('docs/Tasks/ccusage_codex_coverage.md', backlogText('ccusage and Codex coverage', words))
  out.write('docs/SOP/next_session_planning.md', sopText())
  out.write(
    'docs/SOP/release_checklist.md',
    '# Release checklist\n\n- Tag from `main` only.\n- The changelog names every user-visible change.\n- The ledger row of the release session is closed.\n'
  )
  out.write('docs/System/sync_pipeline.md', pipelineText(words))
  out.write(
    'docs/System/token_tracking.md',
    '# Token tracking\n\nEach session closes its ledger row: `tokens_actual` from the session log, `delta` = actual − planned.\n\nPlanning rows leave both blank until the session ends.\n'
  )
  // A weekly session report: the docs folder grows with the history too.
  for (let index = 6; index < sessions.length; index += 7) {
    const week = sessions.slice(index - 6, index + 1)
    out.write(`docs/Reports/${week.at(-1)!.date}_weekly.md`, weeklyReport(week, words))
  }
  out.write('AGENTS.md', agentsText())
  out.write(
    'README.md',
    '# ledger-sync\n\nSyncs invoices, payouts and refunds between the billing API and the accounting ledger.\n\nStart with `AGENTS.md`, then the newest plan in `plans/`.\n'
  )
  out.write(
    'scripts/automation/capture_status.sh',
    '#!/bin/sh\n# Appends the /status capture to progress.md.\necho "capture"\n'
  )
  // What a real project holds beside its documents, ignored by git: the packages \`npm install\` put there, and local settings.
  out.write('.gitignore', 'node_modules/\n.env\n')
  out.write('.env', 'BILLING_API_TOKEN=local-development-token\n')
  out.write('node_modules/.package-lock.json', '{"name": "ledger-sync", "lockfileVersion": 3, "packages": {}}\n')
  out.write('node_modules/left-pad/package.json', '{"name": "left-pad", "version": "1.3.0", "main": "index.js"}\n')
  out.write('node_modules/left-pad/index.js', 'module.exports = (text, length) => String(text).padStart(length)\n')

  return {
    root,
    newestPlan: newest.planPath,
    newestDate: newest.date,
    files: out.files,
    bytes: out.bytes,
    progressLines: progress.split('\n').length
  }
}

export interface Monorepo {
  root: string
  /** The workspaces' folders, from the root (`projects/w01`…). */
  folders: string[]
  workspaces: PlanningWorkspace[]
  files: number
  bytes: number
}

/**
 * A monorepo of `count` workspaces under `projects/`, each a planning
 * workspace of `days` sessions (its own seed), declared in the root's
 * `.remarkrc.json`; the root holds a README, a CI script and the
 * `node_modules/` where results are cached.
 */
export function writeMonorepo(root: string, options: {count: number} & PlanningOptions): Monorepo {
  const workspaces: PlanningWorkspace[] = []
  const folders: string[] = []
  for (let index = 1; index <= options.count; index++) {
    const folder = `projects/w${String(index).padStart(2, '0')}`
    folders.push(folder)
    workspaces.push(writePlanningWorkspace(path.join(root, folder), {...options, seed: options.seed + index}))
  }
  const out = new Writer(root)
  out.write('.remarkrc.json', '{\n  "plugins": [["sop-lint", {"workspaces": ["projects/*"]}]]\n}\n')
  out.write(
    'README.md',
    `# Services\n\n${options.count} services, each planned session by session in its folder under \`projects/\`.\n`
  )
  out.write('ci/check.sh', '#!/bin/sh\nset -e\nnpx sop-lint\n')
  out.write('.gitignore', 'node_modules/\n.env\n')
  out.write('node_modules/.package-lock.json', '{"name": "services", "lockfileVersion": 3, "packages": {}}\n')
  const files = workspaces.reduce((total, workspace) => total + workspace.files, out.files)
  const bytes = workspaces.reduce((total, workspace) => total + workspace.bytes, out.bytes)
  return {root, folders, workspaces, files, bytes}
}

function k(tokens: number): string {
  return `${Math.round(tokens / 1000)}K`
}

function planText(session: Session, words: Words): string {
  const {target, buffer, tasks} = session
  const rest = target - buffer
  const shares = [0.12, 0.1, 0.42, 0.24]
  const buckets = shares.map((share) => Math.round((rest * share) / 1000) * 1000)
  buckets.push(rest - buckets.reduce((sum, value) => sum + value, 0))
  const names = ['specs', 'fixtures', 'code', 'tests', 'docs']
  const frontmatter = words.chance(0.2) ? `---\ndate: ${session.date}\nowner: codex\n---\n\n` : ''
  const lines = [
    `${frontmatter}# Next session plan — ${session.date}`,
    '',
    `Session goal: ${session.goal}`,
    '',
    '## Token budget',
    '',
    `- Target: ${k(target)} (${Math.round((target / 272_000) * 100)}% of 272K)`,
    `- Buffer: ${k(buffer)}`,
    '- Buckets:',
    ...names.map((name, index) => `  - ${name}: ${k(buckets[index]!)}`),
    '',
    '## Required reading',
    '',
    ...['`docs/SOP/next_session_planning.md` — the procedure this plan follows', ...session.reading].map(
      (item, index) => `${index + 1}. ${item}`
    ),
    '',
    '## Tasks',
    ''
  ]
  tasks.forEach((task, index) => {
    const artefacts = [`\`src/app/${task.slug}.py\``, `\`tests/test_${task.slug}.py\``]
    if (task.fixture) artefacts.push(`\`tests/fixtures/${task.area}/${task.slug}.json\``)
    lines.push(
      `${index + 1}. **${task.title} (${k(task.budget)})**`,
      `   - Spec: \`${task.spec}\``,
      `   - Start: ${task.start}`,
      `   - End: ${task.end}`,
      `   - Artefacts: ${artefacts.join(', ')}`
    )
  })
  lines.push('', '## Validation matrix', '', '| Task | Command | Checks |', '| --- | --- | --- |')
  tasks.forEach((task, index) => {
    lines.push(`| ${index + 1} | \`pytest tests/test_${task.slug}.py\` | unit cases of ${task.title.toLowerCase()} |`)
    lines.push(`| ${index + 1} | \`behave ${task.spec}\` | every scenario passes |`)
  })
  lines.push(
    '',
    '## Handoff requirements',
    '',
    '- `progress.md` — append the plan pointer and the `/status` capture',
    '- `docs/SESSION_HANDOFF.md` — append the plan pointer',
    '- `docs/Tasks/tracker_cli_todo.md` — update the Task ↔ Spec rows',
    '- `docs/Ledgers/Token_Churn_Ledger.csv` — close this session’s row and append the next planning row',
    ''
  )
  return lines.join('\n')
}

function featureText(spec: {slug: string; title: string}, index: number, words: Words): string {
  const scenarios = 2 + (index % 3)
  const lines = [`Feature: ${spec.title}`, `  ${words.pick(sentences)}`, '']
  for (let scenario = 1; scenario <= scenarios; scenario++) {
    const id = `R-${1000 + index * 7 + scenario}`
    if (scenario === 3) {
      lines.push(
        `  Scenario Outline: ${spec.title} keeps <amount> exact`,
        `    Given a record "${id}" of <amount>`,
        '    When I run the sync',
        '    Then the ledger holds <amount>',
        '',
        '    Examples:',
        '      | amount |',
        '      | 10.05  |',
        '      | 0.01   |',
        ''
      )
    } else {
      lines.push(
        `  Scenario: ${spec.title} case ${scenario}`,
        `    Given the source holds record "${id}"`,
        words.chance(0.5) ? '    And the ledger accepts posts' : '    And the clock reads 09:00',
        '    When I run the sync',
        `    Then the ledger has a line for "${id}"`,
        ''
      )
    }
  }
  return lines.join('\n')
}

function status(words: Words): string {
  return `- \`/status\` (Codex, 272K window): context ${words.int(55, 92)}% used, 5h limit ${words.int(10, 90)}% used, weekly limit ${words.int(5, 95)}% used.`
}

function progressText(sessions: Session[], words: Words): string {
  const lines = [
    '# Progress — ledger-sync',
    '',
    'Newest entries last. Each session ends with its `/status` capture and a',
    'pointer to the plan for the next session.',
    ''
  ]
  sessions.forEach((session, index) => {
    const done = index > 0 ? sessions[index - 1]!.tasks : []
    lines.push(
      `## ${session.date} — ${done.length > 0 ? `${done[0]!.title} shipped` : 'Planning the first session'}`,
      ''
    )
    if (done.length > 0) {
      lines.push(`- Shipped ${done.map((task) => `${task.title.toLowerCase()} (\`${task.spec}\`)`).join(' and ')}.`)
      lines.push(`- Validation: \`pytest ${done.map((task) => `tests/test_${task.slug}.py`).join(' ')}\`.`)
    } else {
      lines.push('- Set up the `src/` layout, the first scenarios and the ledger.')
    }
    if (words.chance(0.3)) lines.push(`- Note: ${words.pick(sentences)}`)
    lines.push(status(words), `- Next plan: \`${session.planPath}\``, '')
  })
  return lines.join('\n')
}

function handoffText(sessions: Session[], words: Words): string {
  const lines = ['# Session handoff', '', 'One entry per session, newest last. Keep each entry short.', '']
  for (const session of sessions) {
    lines.push(
      `## ${session.date} — ${words.pick(['Planner', 'Executor'])}: ${session.tasks[0]!.title.toLowerCase()}`,
      `- Agent: \`${words.pick(['codex', 'claude'])}\``,
      `- Plan: \`${session.planPath}\``,
      `- Open: ${words.pick(sentences)}`,
      ''
    )
  }
  return lines.join('\n')
}

function specTableText(
  specs: Array<{slug: string; title: string}>,
  shipped: Set<string>,
  planned: Set<string>,
  newest: Session
): string {
  const lines = [
    '# Task tracker — ledger-sync',
    '',
    'Pick the next session’s tasks from the open rows below. Every task names its',
    'spec before any code is written.',
    '',
    '## Task ↔ Spec',
    '',
    '| Task | Status | Spec | Notes |',
    '| --- | --- | --- | --- |'
  ]
  const titles = new Map(newest.tasks.map((task) => [task.slug, task.title]))
  for (const spec of specs) {
    const status = planned.has(spec.slug) ? 'open' : shipped.has(spec.slug) ? 'done' : 'open'
    const title = titles.get(spec.slug) ?? spec.title
    lines.push(
      `| ${title} | ${status} | \`features/${spec.slug}.feature\` | ${planned.has(spec.slug) ? `Planned ${newest.date}` : ''} |`
    )
  }
  return `${lines.join('\n')}\n`
}

function featureLogText(sessions: Session[]): string {
  const lines = [
    '# Feature log',
    '',
    '| Date | Feature / Scenario | Files touched | Notes |',
    '| --- | --- | --- | --- |'
  ]
  sessions.forEach((session, index) => {
    if (index === 0) return
    for (const task of sessions[index - 1]!.tasks) {
      lines.push(
        `| ${session.date} | ${task.title} | \`${task.spec}\`; \`src/app/${task.slug}.py\`; \`tests/test_${task.slug}.py\` | green |`
      )
    }
  })
  return `${lines.join('\n')}\n`
}

function ledgerText(sessions: Session[], words: Words): string {
  const lines = [
    'date,session_id,task,tokens_planned,tokens_actual,delta,commits,lines_added,lines_deleted,features_added,tests_added,notes'
  ]
  sessions.forEach((session, index) => {
    const last = index === sessions.length - 1
    const actual = session.target + words.int(-12, 12) * 1000
    const note = `"${session.tasks.map((task) => task.title).join('; ')}"`
    lines.push(
      last
        ? [session.date, words.uuid(), 'next_session_planning', session.target, '', '', 0, 0, 0, 0, 0, note].join(',')
        : [
            session.date,
            words.uuid(),
            'next_session_planning',
            session.target,
            actual,
            actual - session.target,
            words.int(2, 9),
            words.int(80, 600),
            words.int(5, 120),
            session.tasks.length,
            words.int(2, 12),
            note
          ].join(',')
    )
  })
  return `${lines.join('\n')}\n`
}

function backlogText(title: string, words: Words): string {
  const items = Array.from(
    {length: 12},
    (_, index) =>
      `${index + 1}. ${words.pick(verbs)} ${words.pick(areas)} ${words.pick(subjects)} — ${words.pick(sentences)}`
  )
  return `# ${title}\n\nCandidates for future sessions, most valuable first.\n\n${items.join('\n')}\n`
}

function sopText(): string {
  return [
    '# Next-session planning',
    '',
    'At the end of every session:',
    '',
    '1. Record what shipped in `docs/Tasks/tracker_feature_log.md`.',
    '2. Capture `/status` into `progress.md`.',
    '3. Pick tasks from the Task ↔ Spec table; each names its spec first.',
    '4. Write `plans/<date>_next_session.plan.md` with a budget of 70–80% of the window.',
    '5. Append the planning row to `docs/Ledgers/Token_Churn_Ledger.csv`.',
    '6. Point `progress.md` and `docs/SESSION_HANDOFF.md` at the new plan.',
    ''
  ].join('\n')
}

function pipelineText(words: Words): string {
  const sections = ['Fetch', 'Normalise', 'Match', 'Post', 'Report'].map(
    (name) =>
      `## ${name}\n\n${words.pick(sentences)} ${words.pick(sentences)}\n\n- input: \`${words.pick(areas)}\` rows\n- output: \`${words.pick(areas)}\` rows\n`
  )
  return `# Sync pipeline\n\n${sections.join('\n')}`
}

function weeklyReport(week: Session[], words: Words): string {
  const rows = week.map(
    (session) =>
      `| ${session.date} | ${k(session.target)} | ${session.tasks.length} | ${words.pick(['on budget', 'over', 'under'])} |`
  )
  return `# Week ending ${week.at(-1)!.date}\n\n${words.pick(sentences)}\n\n| Date | Planned | Tasks | Outcome |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n`
}

function agentsText(): string {
  return [
    '# Agent guide — ledger-sync',
    '',
    'Read the newest plan under `plans/` before touching code. Every change starts',
    'with a scenario in `features/`, then a failing test, then the code.',
    '',
    '## Conventions',
    '- Python 3.12, `src/` layout, `pytest` for unit tests, `behave` for scenarios.',
    '- Keep `docs/` flat: one level of folders below it.',
    '',
    '## Glossary',
    '- Plans — one dated plan per session (`plans/`).',
    '- Docs — procedures, system notes, trackers, ledgers and weekly reports (`docs/`).',
    '- Features — Gherkin scenarios and their step code (`features/`).',
    '- Source — the `app` package (`src/`).',
    '- Tests — pytest modules and recorded payloads (`tests/`).',
    '- Scripts — helpers agents run during a session (`scripts/`).',
    ''
  ].join('\n')
}

/** Breaks a planning workspace the way a hurried session leaves it, for `--fix` to mend. */
export function breakPlanningWorkspace(
  root: string,
  workspace: PlanningWorkspace,
  read: (file: string) => string
): void {
  const planFile = path.join(root, workspace.newestPlan)
  const plan = read(planFile)
  // No Handoff requirements section, and the first task without its End criterion.
  writeFileSync(planFile, plan.replace(/\n## Handoff requirements[\s\S]*$/, '\n').replace(/\n {3}- End: [^\n]*/, ''))
  // No pointer to the newest plan in progress.md or the handoff.
  for (const file of ['progress.md', 'docs/SESSION_HANDOFF.md']) {
    const absolute = path.join(root, file)
    writeFileSync(absolute, read(absolute).split(workspace.newestPlan).join('plans/ (see above)'))
  }
  // No planning row for it in the ledger.
  const ledger = path.join(root, 'docs/Ledgers/Token_Churn_Ledger.csv')
  const rows = read(ledger).trimEnd().split('\n')
  writeFileSync(ledger, `${rows.slice(0, -1).join('\n')}\n`)
}

/**
 * Puts `count` closed session rows of history before a workspace's ledger
 * rows (forty a day, dates never going backwards), so the ledger rules judge
 * `count` more rows: how the check scales with the ledger alone (issue 3).
 */
export function lengthenLedger(root: string, count: number, seed: number, read: (file: string) => string): void {
  const words = new Words(random(seed))
  const ledger = path.join(root, 'docs/Ledgers/Token_Churn_Ledger.csv')
  const [header, ...rows] = read(ledger).trimEnd().split('\n')
  const firstDate = rows[0]!.slice(0, 10)
  const perDay = 40
  const start = addDays(firstDate, -Math.ceil(count / perDay) - 1)
  const history: string[] = []
  for (let index = 0; index < count; index++) {
    const planned = words.int(96, 108) * 2000
    const actual = planned + words.int(-12, 12) * 1000
    const task = `${words.pick(verbs)} ${words.pick(areas)} ${words.pick(subjects)}`.toLowerCase()
    history.push(
      [
        addDays(start, Math.floor(index / perDay)),
        words.uuid(),
        'next_session_planning',
        planned,
        actual,
        actual - planned,
        words.int(2, 9),
        words.int(80, 600),
        words.int(5, 120),
        2,
        words.int(2, 12),
        `"${task}"`
      ].join(',')
    )
  }
  writeFileSync(ledger, `${[header, ...history, ...rows].join('\n')}\n`)
}

/** About 60K tokens of prose, tables, code, CJK and emoji: a document a plan might ask to read whole. */
export function largeDocument(): string {
  const parts: string[] = ['# Sync pipeline, in depth', '']
  for (let section = 1; section <= 480; section++) {
    parts.push(
      `## ${section}. Stage ${section}`,
      '',
      `Stage ${section} reads the invoices the previous stage left, converts each amount to the ledger's currency with half-even rounding, and posts one journal entry per invoice; failures go to the retry queue (発票 ${section}, 🧾).`,
      '',
      '| field | type | note |',
      '| --- | --- | --- |',
      `| amount_${section} | Decimal | rounded half-even to 2 places |`,
      `| currency_${section} | str | ISO 4217 |`,
      '',
      '```python',
      `def stage_${section}(invoice):`,
      `    return post(convert(invoice, rate=${(section / 7).toFixed(4)}))`,
      '```',
      ''
    )
  }
  return parts.join('\n')
}

export interface GenericTree {
  root: string
  files: string[]
  bytes: number
}

const prose = [
  'The service keeps a small amount of state per tenant',
  'requests are retried with exponential backoff',
  'the configuration is read once at start-up',
  'every write goes through the journal first',
  'operators can drain a node without losing work',
  'the cache is invalidated when the schema changes',
  'metrics are exported in the Prometheus text format',
  'a failed migration leaves the previous version running',
  'the client library hides pagination from callers',
  'logs carry a request id from the edge to the database'
]

/**
 * A generic documentation tree: `count` Markdown files in nested folders,
 * with the constructs real docs use (headings, paragraphs with emphasis,
 * links and code, lists, fenced code, tables, block quotes), sizes from a few
 * hundred bytes to tens of kilobytes.
 */
export function writeGenericTree(root: string, options: {count: number; seed: number}): GenericTree {
  const words = new Words(random(options.seed))
  const out = new Writer(root)
  const files: string[] = []
  const sections = ['guide', 'reference', 'api', 'ops', 'design', 'howto', 'faq', 'releases']
  for (let index = 0; index < options.count; index++) {
    const folder = [words.pick(sections), words.pick(areas), ...(words.chance(0.4) ? [words.pick(subjects)] : [])].join(
      '/'
    )
    const relative = `${folder}/${words.pick(subjects)}-${index}.md`
    // Mostly short pages, a few long ones (a skewed size distribution, as in real docs).
    const blocks = Math.max(2, Math.round(Math.exp(words.next() * 3.2 + 0.3)))
    out.write(relative, genericPage(words, blocks, index, options.count))
    files.push(relative)
  }
  return {root, files, bytes: out.bytes}
}

function inline(words: Words, count: number, pages: number): string {
  const parts: string[] = []
  for (let index = 0; index < count; index++) {
    const phrase = words.pick(prose)
    const roll = words.next()
    if (roll < 0.15)
      parts.push(
        `${phrase} (see [${words.pick(subjects)}](../${words.pick(areas)}/${words.pick(subjects)}-${words.int(0, pages - 1)}.md))`
      )
    else if (roll < 0.3) parts.push(`${phrase} with \`${words.pick(areas)}.${words.pick(subjects)}\``)
    else if (roll < 0.4) parts.push(`*${phrase}*`)
    else if (roll < 0.45) parts.push(`**${phrase}**`)
    else parts.push(phrase)
  }
  const text = parts.join(', ')
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`
}

function wrap(text: string): string {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > 80) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines.join('\n')
}

function genericPage(words: Words, blocks: number, index: number, pages: number): string {
  const title = `${words.pick(areas)} ${words.pick(subjects)}`
  const out = [`# ${title[0]!.toUpperCase()}${title.slice(1)}`, '', wrap(inline(words, 3, pages)), '']
  for (let block = 0; block < blocks; block++) {
    const roll = words.next()
    if (block % 6 === 0) out.push(`## ${words.pick(verbs)} the ${words.pick(subjects)}`, '')
    if (roll < 0.45) out.push(wrap(inline(words, words.int(2, 6), pages)), '')
    else if (roll < 0.65) {
      const items = words.int(2, 6)
      for (let item = 0; item < items; item++) out.push(`- ${inline(words, words.int(1, 2), pages)}`)
      out.push('')
    } else if (roll < 0.75) {
      const items = words.int(2, 5)
      for (let item = 0; item < items; item++) out.push(`${item + 1}. ${inline(words, 1, pages)}`)
      out.push('')
    } else if (roll < 0.87) {
      out.push(
        '```sh',
        `${words.pick(areas)}ctl ${words.pick(subjects)} --tenant t-${index}`,
        `${words.pick(areas)}ctl status`,
        '```',
        ''
      )
    } else if (roll < 0.95) {
      out.push('| Setting | Default | Meaning |', '| --- | --- | --- |')
      const rows = words.int(2, 6)
      for (let row = 0; row < rows; row++)
        out.push(`| \`${words.pick(subjects)}\` | ${words.int(1, 500)} | ${words.pick(prose)} |`)
      out.push('')
    } else {
      out.push(`> **Note:** ${words.pick(prose)}.`, '')
    }
  }
  return out.join('\n')
}
