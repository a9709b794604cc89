/**
 * The one source of truth for every default sop-lint knows: paths of the roles
 * the procedure names, heading aliases and budget figures. Rule severities
 * come from the rules themselves (each rule's `meta.severity`): the schema is
 * built with them by {@link configSchemaWith}, above the rules. Everything
 * else reads these values from a parsed {@link SopLintConfig}; the names
 * the pre-push hook needs before any config is validated (the cache folder,
 * the ignore files) are in ./defaults.ts.
 */
import path from 'node:path'
import {z} from 'zod'
import {defaultCacheFolder} from './defaults.js'

const severity = z
  .enum(['error', 'warn', 'off'])
  .describe('error fails the check (exit 1), warn reports only, off disables the rule')

export type Severity = z.infer<typeof severity>

/**
 * A value sop-lint writes into a ledger cell as it is (a header label, the
 * planning task). One that a spreadsheet would run as a formula could only be
 * written with an apostrophe, and would then never match itself: the engine
 * refuses those, with the ledger's own test (src/engine/config.ts).
 */
const ledgerText = z.string().min(1)

const relativePath = z.string().min(1).refine(staysInside, {
  message:
    'expected a path relative to the repository root that stays inside it (no leading / or ~, no .. that leads out)'
})

/**
 * Whether a configured path names a place inside the repository once `.` and
 * `..` are resolved: sop-lint reads and writes these paths, so `../x`,
 * `docs/../../x`, `/x`, `~/x` and `C:\x` are refused where the config is read.
 */
function staysInside(value: string): boolean {
  const posix = value.replace(/\\/g, '/')
  if (posix.startsWith('/') || posix.startsWith('~') || /^[A-Za-z]:/.test(posix)) return false
  const normalized = path.posix.normalize(posix)
  return normalized !== '..' && !normalized.startsWith('../')
}

/**
 * Aliases a user gives are added to the defaults: `{"aliases": ["Active work"]}`
 * accepts one more heading without repeating the title or the other aliases.
 */
const addedAliases = (defaults: readonly string[], description: string) =>
  z
    .array(z.string().min(1))
    .default([])
    .transform((added) => [...new Set([...defaults, ...added])])
    .describe(`${description}, added to the defaults (${defaults.map((alias) => `“${alias}”`).join(', ')})`)

/** A required section: the heading --fix writes and the headings accepted, each with its default. */
const sectionSpec = (title: string, aliases: readonly string[]) =>
  z
    .strictObject({
      title: z.string().min(1).default(title).describe('heading that --fix writes'),
      aliases: addedAliases(
        aliases,
        'other headings accepted for this section (case-insensitive; a trailing parenthetical is ignored)'
      )
    })
    .prefault({})

export type SectionSpec = {title: string; aliases: string[]}

const planSections = z
  .strictObject({
    budget: sectionSpec('Token budget', ['Target budget', 'Budget', 'Scope & budget', 'Scope and budget']),
    requiredReading: sectionSpec('Required reading', ['Pre-flight reading', 'Reading list']),
    tasks: sectionSpec('Tasks', ['Task list', 'Work items', 'Task tracker']),
    validation: sectionSpec('Validation matrix', [
      'Validation checklist',
      'Validation',
      'Tests & validation',
      'Tests and validation'
    ]),
    handoff: sectionSpec('Handoff requirements', ['Handoff', 'Handoff deliverables', 'Handoff checklist'])
  })
  .prefault({})
  .describe('required sections, in the order they must appear')

/**
 * A section's heading options written at the top level of the options,
 * `{"tasks": {"aliases": ["Active work"]}}`: the same as under
 * `plan.sections`, merged into it (aliases added to the defaults).
 */
const sectionShorthand = (id: string) =>
  z
    .strictObject({
      title: z.string().min(1).optional().describe('heading that --fix writes'),
      aliases: z.array(z.string().min(1)).optional().describe('other headings accepted, added to the defaults')
    })
    .optional()
    .describe(`the ${id} section's headings, as \`plan.sections.${id}\` and merged into it`)

/**
 * The sections whose headings may be given at the top level. The budget's
 * are not: the top-level `budget` holds the budget figures.
 */
export const shorthandSections = ['requiredReading', 'tasks', 'validation', 'handoff'] as const satisfies ReadonlyArray<
  keyof z.output<typeof planSections>
>
type ShorthandId = (typeof shorthandSections)[number]
const sectionShorthands = Object.fromEntries(shorthandSections.map((id) => [id, sectionShorthand(id)])) as Record<
  ShorthandId,
  ReturnType<typeof sectionShorthand>
>

/** A task field: the label --fix writes and the labels accepted, each with its default. */
const fieldSpec = (label: string, aliases: readonly string[]) =>
  z
    .strictObject({
      label: z.string().min(1).default(label).describe('label that --fix writes, as `- Label: …`'),
      aliases: addedAliases(aliases, 'other labels accepted for this field')
    })
    .prefault({})

export type FieldSpec = {label: string; aliases: string[]}

const tokenRange = z
  .strictObject({min: z.number().int().nonnegative(), max: z.number().int().nonnegative()})
  .refine((range) => range.min <= range.max, {message: 'expected min <= max'})

const shareRange = z
  .strictObject({min: z.number().gt(0).lt(1), max: z.number().gt(0).lte(1)})
  .refine((range) => range.min <= range.max, {message: 'expected min <= max'})

/** A glob of workspace folders from the repository root; a leading `!` leaves the folders it matches out. */
const workspaceGlob = z
  .string()
  .min(1)
  .refine((value) => staysInside(value.replace(/^!/, '')), {
    message:
      'expected a folder glob relative to the repository root that stays inside it (no leading / or ~, no .. that leads out)'
  })

const workspacesOption = z
  .array(workspaceGlob)
  .optional()
  .describe(
    'globs, from the repository root, of the folders that are workspaces of a monorepo (`projects/*`; `!projects/old` leaves one out): each is checked on its own, with its own remark config when it has one; a matched folder holding another matched folder only groups them'
  )

const outsideWorkspacesOption = z
  .enum(['no-plan', 'every-workspace'])
  .default('no-plan')
  .describe(
    'in a monorepo, what a push that changes files outside every workspace (a root README, CI files) needs: `no-plan`, or `every-workspace` (it counts as changing every workspace)'
  )

/** What a push that changes files outside every workspace needs: no plan, or every workspace's. */
export type OutsideWorkspaces = z.output<typeof outsideWorkspacesOption>

/**
 * The monorepo's options alone, as the options of every part hold them: what
 * tells a monorepo from a repository of one workspace, read from the root
 * config before a workspace's config is (src/config/workspaces-option.ts).
 * Other keys are left to the whole schema.
 */
export const monorepoOptionsSchema = z.object({
  workspaces: workspacesOption,
  hook: z.object({outsideWorkspaces: outsideWorkspacesOption}).prefault({})
})

/** The options of every part but the rules' severities. */
const optionsShape = {
  workspaces: workspacesOption,
  paths: z
    .strictObject({
      plans: relativePath.default('plans').describe('folder holding the plans'),
      procedure: relativePath
        .default('docs/SOP/next_session_planning_sop.md')
        .describe('the planning procedure, which a new plan lists first in its required reading'),
      progress: relativePath.default('progress.md').describe('progress log'),
      handoff: relativePath.default('docs/SESSION_HANDOFF.md').describe('session handoff notes'),
      taskSpecTable: relativePath.default('docs/Tasks/tracker_cli_todo.md').describe('Task ↔ Spec table'),
      featureLog: relativePath.default('docs/Tasks/tracker_feature_log.md').describe('feature log'),
      backlogs: z
        .array(relativePath)
        .default(['docs/Tasks/archive_curation.md', 'docs/Tasks/ccusage_codex_coverage.md'])
        .describe('backlogs tasks are picked from'),
      ledger: relativePath.default('docs/Ledgers/Token_Churn_Ledger.csv').describe('token ledger CSV'),
      glossary: relativePath.default('AGENTS.md').describe('file holding the Glossary section'),
      specs: relativePath.default('features').describe('folder of .feature specs'),
      fixtures: relativePath.default('tests/fixtures').describe('fixture placeholders'),
      automation: relativePath.default('scripts/automation').describe('automation scaffolds'),
      siblings: z
        .record(z.string().min(1), z.string().min(1))
        .default({})
        .describe(
          'other repositories that documents name, by the label their lines carry (`CCP`) or a path prefix (`ClaudeCodeProxy/`), each mapped to its folder from the repository root (`../ClaudeCodeProxy`): such paths are checked there when that folder is present'
        ),
      references: z
        .array(relativePath)
        .default(['docs/SOP', 'docs/System/token_tracking.md'])
        .describe('SOP documents whose path:line citations must resolve')
    })
    .prefault({}),
  plan: z
    .strictObject({
      pattern: z
        .string()
        .refine((value) => value.includes('{date}'), {message: 'expected a pattern containing {date}'})
        .refine((value) => !/[/\\]/.test(value), {
          message: 'expected a file name, without / or \\ (the plan is written in paths.plans)'
        })
        .default('{date}_next_session.plan.md')
        .describe('name of the next-session plan; {date} is YYYY-MM-DD'),
      suffix: z
        .string()
        .min(1)
        .default('.plan.md')
        .describe('every file in the plans folder with this ending is a plan'),
      sections: planSections,
      taskFields: z
        .strictObject({
          budget: fieldSpec('Budget', ['Tokens', 'Token budget']),
          spec: fieldSpec('Spec', ['Specs', 'Feature', 'Primary spec']),
          start: fieldSpec('Start', ['Start criteria', 'Starts when', 'Pre-req', 'Prerequisites', 'Entry']),
          end: fieldSpec('End', [
            'End criteria',
            'Done when',
            'Done',
            'Acceptance',
            'Accept',
            'Acceptance criteria',
            'Exit',
            'Exit criteria',
            'Success criteria',
            'Definition of done',
            'Tests & validation',
            'Tests and validation'
          ]),
          artefacts: fieldSpec('Artefacts', [
            'Artifacts',
            'Expected artefacts',
            'Expected artifacts',
            'Deliverables',
            'Outputs',
            'Files',
            'File'
          ])
        })
        .prefault({})
        .describe('fields every task must have; a budget in the task title, `**Title (40K)**`, also counts'),
      taskHeadings: z
        .array(z.string().min(1))
        .default(['Phase', 'Step', 'Commit', 'Task', 'Milestone', 'Stage', 'Part', 'Slice', 'Sprint', 'Iteration'])
        .describe(
          'words that make a heading a task when a number or letter follows them (`## Phase 2: …`, `### Step A — …`, `## commit B`): a plan written in phases has a task per phase'
        ),
      specExempt: z
        .strictObject({
          markers: z
            .array(z.string().min(1))
            .default([
              'process-only',
              'docs-only',
              'documentation-only',
              'documentation only',
              'no code changes',
              'no code change',
              'no behaviour change',
              'no behavior change'
            ])
            .describe(
              'words that mark a task, a plan (in its title) or a Task ↔ Spec row (in any cell) as changing no behaviour (case-insensitive)'
            ),
          titleWords: z
            .array(z.string().min(1))
            .default([
              'docs',
              'documentation',
              'wiki',
              'readme',
              'uat',
              'experiment',
              'experiments',
              'archive',
              'packaging',
              'changelog'
            ])
            .describe('a word of a task title that says the task writes documentation or runs a procedure, not code'),
          stepVerbs: z
            .array(z.string().min(1))
            .default([
              'run',
              'capture',
              'record',
              'log',
              'verify',
              'ingest',
              'check',
              'confirm',
              'review',
              'smoke',
              'append',
              'collect',
              'measure',
              'post',
              'publish'
            ])
            .describe(
              'first words of steps that operate rather than build: a task whose every step starts with one changes no behaviour'
            ),
          documentExtensions: z
            .array(z.string().min(1))
            .default(['.md', '.markdown', '.mdx', '.txt', '.rst', '.adoc'])
            .describe('endings of documentation files: a task whose files are all documentation changes no behaviour')
        })
        .prefault({})
        .describe(
          'tasks that change no behaviour (documentation, procedure runs, process-only slices) need no `.feature` spec, no Task ↔ Spec row and no validation command'
        ),
      placeholders: z
        .array(z.string().min(1))
        .default(['TODO', 'TBD', 'FIXME'])
        .describe('words that mark text a person still has to write')
    })
    .prefault({}),
  budget: z
    .strictObject({
      contextWindow: z.number().int().positive().default(272_000).describe('context window in tokens'),
      band: shareRange.default({min: 0.7, max: 0.8}).describe('share of the window a plan targets'),
      buffer: tokenRange.default({min: 10_000, max: 20_000}).describe('tokens held back from the tasks'),
      buckets: z
        .array(z.string().min(1))
        .default(['specs', 'fixtures', 'code', 'tests', 'docs'])
        .describe('bucket names --fix writes; a plan may name its own'),
      tolerance: z
        .number()
        .int()
        .nonnegative()
        .default(2000)
        .describe('tokens by which buckets plus buffer may miss the target')
    })
    .prefault({}),
  crossFile: z
    .strictObject({
      glossarySection: z
        .string()
        .min(1)
        .default('Glossary')
        .describe('heading of the glossary section in the glossary file'),
      docsFolder: relativePath.default('docs').describe('folder whose depth flat-docs limits'),
      docsMaxDepth: z.number().int().nonnegative().default(2).describe('folders allowed below the docs folder'),
      docsAllow: z
        .array(z.string().min(1))
        .default([])
        .describe(
          'globs of files below the docs folder that may nest deeper (`docs/System/methodologies/**`): flat-docs leaves them alone'
        ),
      specTableColumns: z
        .strictObject({
          task: z.array(z.string().min(1)).default(['Task']),
          status: z.array(z.string().min(1)).default(['Status']),
          spec: z.array(z.string().min(1)).default(['Primary Spec', 'Spec', 'Specs', 'Feature'])
        })
        .prefault({})
        .describe('header names (aliases) of the Task ↔ Spec table columns'),
      specPlaceholders: z
        .array(z.string())
        .default(['n/a', 'na', 'tbd', '(tbd)', 'todo', '-', '—', 'none', ''])
        .describe('spec cells that name no spec (compared case-insensitively)'),
      specDoneStatuses: z
        .array(z.string().min(1))
        .default(['✅', '✔', '☑', '[x]', 'done', 'complete', 'completed', 'closed', 'shipped', 'merged'])
        .describe(
          'Status cells (or their first word) that mark a Task ↔ Spec row as done; compared case-insensitively'
        ),
      openRowsWithoutSpec: z
        .enum(['warn', 'ignore'])
        .default('warn')
        .describe(
          'a Task ↔ Spec row that is not done, names no spec and is not a task of the newest plan: warn, or ignore it'
        ),
      statusLabels: z
        .strictObject({
          context: z.array(z.string().min(1)).default(['context window', 'context']),
          fiveHour: z
            .array(z.string().min(1))
            .default(['5h limit', '5h', '5-hour limit', '5-hour', '5 hour', 'five-hour']),
          weekly: z.array(z.string().min(1)).default(['weekly limit', 'weekly'])
        })
        .prefault({})
        .describe('words that introduce each percentage of a /status capture (case-insensitive)'),
      statusTolerance: z
        .number()
        .nonnegative()
        .default(2)
        .describe('percentage points by which a context % may differ from its used/window token pair'),
      statusMissing: z
        .array(z.string().min(1))
        .default(['not in the logs', 'not available', 'n/a'])
        .describe(
          "words that, right after a window's label, say its figure cannot be had (`weekly limit not in the logs`, as `sop-lint status --from-claude` writes it: Claude Code logs no rate limits); that window then counts as recorded"
        )
    })
    .prefault({}),
  ledger: z
    .strictObject({
      columns: z
        .array(ledgerText)
        .default([
          'date',
          'session_id',
          'task',
          'tokens_planned',
          'tokens_actual',
          'delta',
          'commits',
          'lines_added',
          'lines_deleted',
          'features_added',
          'tests_added',
          'notes'
        ])
        .describe('required columns of the token ledger, in order'),
      planningTask: ledgerText.default('next_session_planning').describe('task of a planning row'),
      correctionMarker: z
        .string()
        .min(1)
        .default('CORRECTION')
        .describe('text in the notes that marks a correction row'),
      noSessionIds: z
        .array(z.string())
        .default(['n/a', 'na', '-', '—', 'unknown', 'none', 'tbd', ''])
        .describe(
          'session_id values that name no session (compared case-insensitively): such a row has no key, so it repeats no other row’s'
        ),
      snapshotWords: z
        .array(z.string().min(1))
        .default(['snapshot', 'checkpoint'])
        .describe(
          'words of a task that records a moment of a session (a /status snapshot): several rows of one session may share date, session_id and task'
        ),
      correctionColumn: z
        .string()
        .min(1)
        .optional()
        .describe('a column whose non-empty value marks a correction row (besides the notes marker)')
    })
    .prefault({}),
  hook: z
    .strictObject({
      graceDays: z
        .number()
        .int()
        .nonnegative()
        .default(1)
        .describe('days by which the newest plan may be older than the work it is pushed with (plan-fresh)'),
      workDate: z
        .union([
          z.literal('today'),
          z.string().regex(/^\d{4}-\d{2}-\d{2}$/, {message: 'expected YYYY-MM-DD or "today"'})
        ])
        .optional()
        .describe(
          'date of the work when checking the working tree (YYYY-MM-DD or "today"); unset, plan-fresh judges commits only (the pre-push hook, --commit), by their committer date'
        ),
      adoptedOn: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, {message: 'expected YYYY-MM-DD'})
        .optional()
        .describe(
          'the day sop-lint was adopted (sop-lint init writes it): the pre-push hook does not block a commit made before it, which no plan written now could fix; read from the working tree’s config'
        ),
      outsideWorkspaces: outsideWorkspacesOption
    })
    .prefault({})
    .describe('the pre-push hook and the plan-fresh rule'),
  tokens: z
    .strictObject({
      readingShare: z
        .number()
        .gt(0)
        .lte(1)
        .default(0.25)
        .describe('share of the target above which the required reading gets a reading-budget warning'),
      largeFile: z
        .number()
        .int()
        .positive()
        .default(20_000)
        .describe(
          'tokens above which a Required reading item that cites no line range and links no summary gets a warning (progressive summaries)'
        ),
      summaryWords: z
        .array(z.string().min(1))
        .default(['summary', 'summaries', 'digest', 'overview', 'tldr'])
        .describe('words that mark a path or link in a reading item as its progressive summary (case-insensitive)'),
      taskReadingLabels: z
        .array(z.string().min(1))
        .default(['Reading', 'Required reading', 'Read first', 'Read'])
        .describe('labels of a task sub-bullet that lists the task’s own reading (`- Reading: `docs/x.md``)'),
      cacheFolder: relativePath
        .default(defaultCacheFolder)
        .describe(
          'folder (relative to the repository root, inside it) of the token-count cache, keyed by git blob oid; a config read from a commit (the pre-push hook, --commit) cannot move it'
        )
    })
    .prefault({})
    .describe('required-reading token counts (o200k_base) and the reading-budget rule'),
  agent: z
    .strictObject({
      stopThreshold: z
        .number()
        .gt(0)
        .lte(1)
        .optional()
        .describe(
          'share of the context window past which `sop-lint hook stop` asks for the plan before the agent stops; unset: the lower edge of budget.band'
        ),
      claudeContextWindow: z
        .number()
        .int()
        .positive()
        .default(200_000)
        .describe(
          'context window of Claude Code sessions in tokens (its logs do not name it); Codex sessions are measured against budget.contextWindow'
        ),
      reasonTokens: z
        .number()
        .int()
        .positive()
        .default(1000)
        .describe(
          'about how many tokens the reason of a blocked stop may take (the steps and the errors left, most important first)'
        ),
      briefingTokens: z
        .number()
        .int()
        .positive()
        .default(2000)
        .describe(
          'o200k_base tokens the session-start briefing may take, measured; a longer plan is cut at a task, with a pointer to the file'
        ),
      handoffFirstLabels: z
        .array(z.string().min(1))
        .default(['First', 'Do first', 'Start with', 'Next', 'Next steps', 'Next session', 'To do', 'Open', 'Pending'])
        .describe(
          'labels of what the handoff says to do first, in order of preference: a `Label:` item or a `Label` sub-heading of its newest entry (case-insensitive)'
        )
    })
    .prefault({})
    .describe('the agent hooks: `sop-lint hook stop` and `sop-lint hook session-start` (Claude Code, Codex)'),
  limits: z
    .strictObject({
      maxMarkdownBytes: z
        .number()
        .int()
        .positive()
        .default(1_048_576)
        .describe(
          'Markdown files larger than this many bytes are not read: reported as not checked (1 MB is more tokens than a context window)'
        ),
      maxParsedBytes: z
        .number()
        .int()
        .positive()
        .default(131_072)
        .describe(
          'bytes of one Markdown file parsed at once (all of it, or the part of progress.md, the handoff or the feature log the checks need): more is reported as not checked (the parser holds about 4 KB of memory per byte of a dense list, and takes seconds per 100 KB)'
        ),
      maxNesting: z
        .number()
        .int()
        .positive()
        .default(32)
        .describe(
          'block quotes, list items and footnote definitions nested in each other: a Markdown file nested deeper is not parsed, reported as not checked (the parser recurses once a level: 10,000 levels overflow its stack)'
        ),
      maxParagraphMarks: z
        .number()
        .int()
        .positive()
        .default(1000)
        .describe(
          'marks of emphasis and links (`*` `_` `~` `[` `]`) in one paragraph, heading or table row: a Markdown file with more is not parsed, reported as not checked (the parser matches each mark against the paragraph before it: time grows with the square of their number)'
        ),
      maxLazyLines: z
        .number()
        .int()
        .positive()
        .default(100)
        .describe(
          'lines of one paragraph in a block quote or list item that leave out its `>` or indent (lazy continuation lines): a Markdown file with more is not parsed, reported as not checked (the parser reads each against the paragraph before it: time grows with the square of their number)'
        )
    })
    .prefault({})
    .describe('bounds on what one check reads'),
  ignores: z
    .array(z.string().min(1))
    .default([])
    .describe(
      "files sop-lint does not check when it finds them itself (in folders and globs named on the command line, the reference folders, the docs folder), in .gitignore syntax relative to the repository root, as ESLint's ignores; besides node_modules/ and .git/, and the patterns of .sop-lintignore and .remarkignore in the root"
    ),
  gitignore: z
    .boolean()
    .default(true)
    .describe(
      "also leave out what the .gitignore files of the repository ignore (markdownlint-cli2's gitignore option)"
    )
}

/** The schema of sop-lint's options, the rules' severities defaulting to `severities` (rule id → default). */
export function configSchemaWith<const Id extends string>(severities: Readonly<Record<Id, Exclude<Severity, 'off'>>>) {
  const rules = Object.fromEntries(
    Object.entries<Severity>(severities).map(([id, fallback]) => [id, severity.default(fallback)])
  ) as {
    [RuleId in Id]: z.ZodDefault<typeof severity>
  }
  return z
    .strictObject({
      ...optionsShape,
      rules: z
        .strictObject(rules)
        .prefault({} as never)
        .describe('severity of each rule'),
      ...sectionShorthands
    })
    .transform(mergeShorthands)
    .describe('sop-lint options: the second element of the preset entry in a remark config')
}

/**
 * Moves the sections given at the top level into `plan.sections`: their
 * aliases are added, their title replaces the default one. A title given in
 * both places must be the same.
 */
function mergeShorthands<
  Options extends {plan: {sections: Record<ShorthandId, SectionSpec>}} & {
    [Id in ShorthandId]?: {title?: string; aliases?: string[]}
  }
>(options: Options, context: z.core.$RefinementCtx<Options>): Omit<Options, ShorthandId> {
  const merged: Omit<Options, ShorthandId> & Partial<Pick<Options, ShorthandId>> = {...options}
  const defaults = planSections.parse({})
  for (const id of shorthandSections) {
    const top = options[id]
    delete merged[id]
    if (!top) continue
    const section = merged.plan.sections[id]
    if (top.title !== undefined && section.title !== defaults[id].title && section.title !== top.title) {
      context.addIssue({
        code: 'custom',
        path: [id, 'title'],
        input: top.title,
        message: `“${top.title}” differs from plan.sections.${id}.title “${section.title}”: give the title in one place`
      })
    }
    merged.plan.sections[id] = {
      title: top.title ?? section.title,
      aliases: [...new Set([...section.aliases, ...(top.aliases ?? [])])]
    }
  }
  return merged
}

/** Options with every default filled in, as every module below the rules reads them (severities by rule id). */
export type SopLintConfig = z.output<ReturnType<typeof configSchemaWith<string>>>
export type SectionId = keyof SopLintConfig['plan']['sections']
export type TaskFieldId = keyof SopLintConfig['plan']['taskFields']
