import {writeFileSync} from 'node:fs'
import path from 'node:path'
import type {VFile} from 'vfile'
import {loadConfig, type ConfigChoice} from '../engine/load-config.js'
import {UsageError} from '../config/errors.js'
import {cachedCheck} from '../engine/cache/cached-check.js'
import {materialize} from '../engine/cache/materialize.js'
import type {SopLintConfig} from '../config/schema.js'
import type {CheckFacts} from '../engine/cache/outcome.js'
import {checkSource} from '../engine/check-source.js'
import {today} from './clock.js'
import {checkRevision} from '../engine/commit-check.js'
import {formatGithub} from './formats/github.js'
import {formatJson} from './formats/json.js'
import {formatSarif} from './formats/sarif.js'
import {formatStylish, terminalWidth, useColor} from './formats/stylish.js'
import {formatUnix} from './formats/unix.js'
import {didYouMean} from '../config/suggest.js'
import {WorkingTreeSource} from '../workspace/source.js'
import {Workspace} from '../workspace/workspace.js'
import type {Command} from './command.js'
import {findRoot} from './root.js'
import {runFix} from './fix.js'
import {suppressedLine, suppressProblems, type SuppressionOptions} from './suppress.js'
import {suppressionsFile, type Applied} from '../engine/suppressions/suppressions.js'
import {scaffoldSummary} from './scaffold-summary.js'
import {lintMany, parseConcurrency, type Concurrency} from './parallel-lint.js'
import {expandTargets} from './targets.js'
import {choosesConfig, configChoice} from './config-choice.js'
import {
  colorOption,
  configOption,
  helpOption,
  parseOptions,
  rootOption,
  workspaceOption,
  type OptionSpecs
} from './options.js'
import {outputPath, writeFailed} from './output-path.js'
import {checkMonorepo, formatGroups, type WorkspaceGroup} from './monorepo-check.js'
import {workingTreeMonorepo} from './workspace-choice.js'

const options = {
  root: rootOption,
  workspace: {
    ...workspaceOption,
    help: 'in a monorepo, check this workspace only: its folder, or the end of it (default: the one the current folder is in, and every one from the root)'
  },
  config: configOption,
  'all-plans': {type: 'boolean', help: 'check every plan, not only the newest'},
  commit: {
    type: 'string',
    value: 'REV',
    help: 'check the tree of a commit (read from git objects, not the working tree, with the config in it), as the pre-push hook does; for CI'
  },
  'changed-since': {
    type: 'string',
    value: 'REV',
    help: "with --commit in a monorepo: only the workspaces the commit changes since REV (a pull request's base), as the hook judges a push"
  },
  format: {
    type: 'string',
    short: 'f',
    value: 'NAME',
    help: "stylish (the default: the finding, then the fix on its own line, wrapped to the terminal), compact or unix (file:line:col: severity message [rule], one line each), json (ESLint's JSON shape), sarif (SARIF 2.1.0) or github (Actions annotations)"
  },
  'output-file': {
    type: 'string',
    short: 'o',
    value: 'FILE',
    help: 'write the report to FILE instead of standard output (its folder must exist)'
  },
  quiet: {type: 'boolean', help: 'report errors only'},
  verbose: {
    type: 'boolean',
    help: 'say on stderr which plan is the newest and why, when several share its date (the JSON report always says it)'
  },
  'max-warnings': {type: 'string', value: 'N', help: 'exit 1 when there are more than N warnings'},
  rule: {
    type: 'string',
    value: 'RULE:SEVERITY',
    multiple: true,
    help: "set a rule's severity (error, warn or off) over the config's; repeat for more rules"
  },
  fix: {
    type: 'boolean',
    help: 'add what is missing (sections, task fields, pointers, the plan itself), never rewriting what a person wrote; then report what is left'
  },
  'dry-run': {type: 'boolean', help: 'with --fix: print the unified diff, write nothing'},
  'no-ignore': {
    type: 'boolean',
    help: "check files even when .gitignore, .sop-lintignore, .remarkignore or the config's ignores leave them out"
  },
  'print-config': {
    type: 'string',
    value: 'FILE',
    optional: true,
    help: 'print the resolved options (as JSON) and, for a FILE, the part it plays and whether it is ignored; check nothing'
  },
  'suppress-all': {
    type: 'boolean',
    help: 'write every current error into sop-lint-suppressions.json (the baseline: they no longer fail a check or a push)'
  },
  'suppress-rule': {
    type: 'string',
    value: 'ID',
    multiple: true,
    help: "the same, for one rule's errors (repeat for more)"
  },
  'prune-suppressions': {type: 'boolean', help: 'drop the suppressions that no longer occur'},
  'no-cache': {
    type: 'boolean',
    help: 'check every file again, even when the same files were checked before (results are kept in node_modules/.cache/sop-lint, or ~/.cache/sop-lint)'
  },
  concurrency: {
    type: 'string',
    value: 'N',
    help: 'threads for the files named: auto (the default: every core, when there is over 1 MB of them), off, or a number'
  },
  color: colorOption,
  help: helpOption,
  version: {type: 'boolean', short: 'v', help: 'print the version'}
} as const satisfies OptionSpecs

const formats = ['stylish', 'compact', 'unix', 'json', 'sarif', 'github'] as const

export async function runCheck(argv: string[]): Promise<number> {
  const {values, positionals} = parseOptions(options, argv, 'sop-lint')
  const format = values.format ?? 'stylish'
  if (!(formats as readonly string[]).includes(format))
    throw new UsageError(`--format ${format}: expected one of ${formats.join(', ')}${didYouMean(format, formats)}`)
  const maxWarnings = parseMaxWarnings(values['max-warnings'])
  const concurrency = parseConcurrency(values.concurrency)
  const cwd = process.cwd()
  const root = path.resolve(findRoot(values.root))
  const choice = configChoice(values, cwd)
  if (values['print-config'] !== undefined) return printConfig(root, values['print-config'], choice, cwd)
  if (values['dry-run'] && !values.fix) throw new UsageError('--dry-run goes with --fix')
  if (values['changed-since'] !== undefined && values.commit === undefined)
    throw new UsageError('--changed-since goes with --commit: the workspaces a commit changes since REV')
  if (values.commit !== undefined && (values.fix || positionals.length > 0)) {
    throw new UsageError('--commit checks a commit as the hook does: it takes no files and no --fix')
  }
  if (values.commit !== undefined && choosesConfig(choice)) {
    throw new UsageError(
      '--commit checks a commit with the config in it, as the hook does: not with --config or --rule'
    )
  }
  const suppression = {all: values['suppress-all'], rules: values['suppress-rule'], prune: values['prune-suppressions']}
  const baseline = suppression.all || suppression.rules.length > 0 || suppression.prune
  if (baseline && (values.commit !== undefined || values['dry-run'])) {
    throw new UsageError(
      '--suppress-all, --suppress-rule and --prune-suppressions write the baseline of the working tree: not with --commit or --dry-run'
    )
  }
  const outputFile =
    values['output-file'] === undefined ? undefined : outputPath('--output-file', values['output-file'], cwd)
  const run = {
    allPlans: values['all-plans'],
    date: today(),
    cwd,
    cache: !values['no-cache'] && !choosesConfig(choice),
    choice
  }
  const monorepo = await workingTreeMonorepo(root, values.workspace)
  // A monorepo's newest plans are each workspace's own: the note on the newest is for one workspace.
  const {files, severities, suppressed, groups, newest}: Checked = monorepo
    ? await checkMonorepo(
        monorepo,
        positionals,
        {
          ...run,
          workspace: values.workspace,
          commit: values.commit,
          changedSince: values['changed-since'],
          fix: values.fix,
          dryRun: values['dry-run'],
          concurrency,
          noIgnore: values['no-ignore']
        },
        suppression
      )
    : values.fix || positionals.length > 0
      ? await checkFilesOrFix(
          root,
          positionals,
          {...run, fix: values.fix, dryRun: values['dry-run'], concurrency, noIgnore: values['no-ignore']},
          suppression
        )
      : await checkAll(root, values.commit, run, suppression)
  if (values['dry-run']) return exitCode(files, maxWarnings)
  const newestNote = newest && describeNewest(newest)
  if (values.verbose && newestNote) process.stderr.write(`sop-lint: ${newestNote}\n`)

  const quiet = values.quiet
  const stream = process.stdout
  const stylish = {
    quiet,
    color: outputFile === undefined ? useColor(stream, values.color) : values.color === true,
    width: outputFile === undefined ? terminalWidth(stream) : Number.POSITIVE_INFINITY
  }
  const output =
    format === 'json'
      ? formatJson(
          files,
          quiet,
          newest?.why && newestNote
            ? {file: path.resolve(root, newest.path), why: newest.why, others: newest.others ?? [], text: newestNote}
            : undefined
        )
      : format === 'sarif'
        ? formatSarif(files, {quiet, root, severities})
        : format === 'github'
          ? formatGithub(files, quiet)
          : format === 'compact' || format === 'unix'
            ? formatUnix(files, {quiet, count: format === 'compact'})
            : (groups ? formatGroups(groups, stylish) : formatStylish(files, stylish)) +
              suppressedLine(suppressed.suppressed)
  if (outputFile === undefined) process.stdout.write(output)
  else {
    try {
      writeFileSync(outputFile, output)
    } catch (error) {
      throw writeFailed('--output-file', values['output-file']!, error)
    }
  }
  if (format !== 'stylish') process.stderr.write(suppressedLine(suppressed.suppressed))
  if (suppressed.written) process.stderr.write(`sop-lint: wrote ${suppressionsFile}\n`)
  else if (suppressed.unused > 0) {
    process.stderr.write(
      `sop-lint: ${suppressed.unused} suppression${suppressed.unused === 1 ? ' in ' + suppressionsFile + ' no longer occurs' : 's in ' + suppressionsFile + ' no longer occur'}: run \`npx sop-lint --prune-suppressions\` to drop them\n`
    )
  }

  return exitCode(files, maxWarnings)
}

/** `--print-config [FILE]`: the options a check would use, as ESLint's --print-config prints them, and what a file is to it. */
async function printConfig(root: string, file: string | true, choice: ConfigChoice, cwd: string): Promise<number> {
  const {config, source} = await loadConfig(root, new WorkingTreeSource(root), {choice})
  const configFile = choice.file ?? (source === undefined ? null : path.join(root, source))
  let about = {}
  if (file !== true) {
    const workspace = new Workspace(new WorkingTreeSource(root), config)
    const relative = workspace.relative(path.resolve(cwd, file))
    if (relative === undefined)
      throw new UsageError(
        `--print-config ${file}: outside the repository ${root}; name a file inside it or pass --root`
      )
    about = {file: relative, role: workspace.roleOf(relative) ?? null, ignoredBy: workspace.ignoredBy(relative) ?? null}
  }
  process.stdout.write(`${JSON.stringify({configFile, ...about, options: config}, null, 2)}\n`)
  return 0
}

interface Checked {
  files: VFile[]
  severities: SopLintConfig['rules']
  suppressed: Applied & {written: boolean}
  /** In a monorepo, the files of each workspace checked. */
  groups?: WorkspaceGroup[]
  /** The newest plan and why, for a check of the whole workspace. */
  newest?: CheckFacts['newestPlan']
}

interface RunOptions {
  allPlans: boolean
  date: string
  cwd: string
  cache: boolean
  choice: ConfigChoice
}

/**
 * The whole check, of the working tree or of a commit (`--commit`): its
 * result comes from the cache when the same files were checked before.
 */
async function checkAll(
  root: string,
  commit: string | undefined,
  options: RunOptions,
  suppression: SuppressionOptions
): Promise<Checked> {
  if (commit !== undefined) {
    // The commit's own baseline, read from its tree, as the hook reads it.
    const {files, facts, suppressed} = await checkRevision(root, commit, options)
    return {
      files: materialize(files, root, options.cwd),
      severities: facts.severities,
      suppressed: {...suppressed, written: false},
      newest: facts.newestPlan
    }
  }
  const source = new WorkingTreeSource(root)
  const {files, facts} = await cachedCheck({
    source,
    key: {root, date: options.date, allPlans: options.allPlans},
    cache: options.cache,
    run: (recording) => checkSource(recording, options)
  })
  const materialized = materialize(files, root, options.cwd)
  return {
    files: materialized,
    severities: facts.severities,
    // The rules' severities of the check (cached or not): a result from the cache needs no config loaded.
    suppressed: await suppressProblems(materialized, new WorkingTreeSource(root), facts.severities, suppression),
    newest: facts.newestPlan
  }
}

/** Which plan is the newest and why, as a sentence; nothing to say when it is the only one of its date. */
function describeNewest(newest: NonNullable<CheckFacts['newestPlan']>): string | undefined {
  const others = newest.others ?? []
  if (!newest.why || others.length === 0) return undefined
  const count = others.length + 1
  const because = {
    only: 'the only one',
    pointer: `the one \`${newest.pointer}\` points at`,
    'committed last': 'the one committed last',
    'not committed': 'the one not committed yet',
    name: 'the one whose name sorts last (none is pointed at, and git does not tell them apart)'
  }[newest.why]
  return `newest plan \`${newest.path}\`: ${count} plans are dated ${newest.date}, and it is ${because}; the others are ${others.map((other) => `\`${other}\``).join(', ')}`
}

/** The files named on the command line (lint-staged passes them), or `--fix`. */
async function checkFilesOrFix(
  root: string,
  positionals: string[],
  options: RunOptions & {fix: boolean; dryRun: boolean; concurrency: Concurrency; noIgnore: boolean},
  suppression: SuppressionOptions
): Promise<Checked> {
  const source = new WorkingTreeSource(root)
  const {config} = await loadConfig(root, source, {choice: options.choice})
  const workspace = new Workspace(source, config)
  const targets = expandTargets(workspace, positionals, {cwd: options.cwd, noIgnore: options.noIgnore})
  for (const {file, by} of targets.ignored)
    process.stderr.write(`sop-lint: ${file}: ignored (${by}); pass --no-ignore to check it\n`)
  if (positionals.length > 0 && targets.files.length === 0)
    return {files: [], severities: config.rules, suppressed: {suppressed: 0, unused: 0, written: false}}
  const checkOptions = {files: targets.files, allPlans: options.allPlans, date: options.date, cwd: options.cwd}
  if (options.fix) {
    // Without file names, --fix also writes the session's plan when the newest is missing or too old for the hook.
    const scaffold = positionals.length === 0 ? {date: options.date, plan: 'stale' as const} : undefined
    const {files, scaffolded} = await runFix(source, config, checkOptions, options.dryRun, scaffold)
    if (scaffolded)
      process.stderr.write(scaffoldSummary(new Workspace(new WorkingTreeSource(root), config), scaffolded))
    const suppressed = options.dryRun
      ? {suppressed: 0, unused: 0, written: false}
      : await suppressProblems(files, new WorkingTreeSource(root), config.rules, suppression)
    return {files, severities: config.rules, suppressed}
  }
  const files = await lintMany(
    workspace,
    checkOptions.files,
    {cwd: options.cwd, date: options.date},
    options.concurrency
  )
  return {files, severities: config.rules, suppressed: await suppressProblems(files, source, config.rules, suppression)}
}

function exitCode(files: readonly VFile[], maxWarnings: number | undefined): number {
  const messages = files.flatMap((file) => file.messages)
  const errors = messages.filter((message) => message.fatal).length
  const warnings = messages.length - errors
  if (errors > 0) return 1
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    process.stderr.write(`sop-lint: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`)
    return 1
  }
  return 0
}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings ${value}: expected a whole number (0 or more)`)
  return Number(value)
}

export const checkCommand: Command = {
  words: ['check'],
  summary: 'check the plan and the documents around it (the default command)',
  usage: 'sop-lint [check] [options] [files, folders or globs...]',
  description: `Check the next-session plan and the documents around it against the
planning procedure. Without files, checks the newest plan in plans/ and the
documents around it (progress log, handoff, Task ↔ Spec table, ledger, …).
Named folders are searched for Markdown, CSV and .feature files; globs
('docs/**/*.md') are matched below the current folder. What .gitignore,
.sop-lintignore, .remarkignore and the config's ignores leave out is not
checked when found in a folder or by a glob.

Options may come before a command as well: sop-lint --root ws budget.`,
  options,
  examples: [
    ['sop-lint', 'check the newest plan and the documents around it'],
    ['sop-lint plans docs/*.md', 'check every file in plans/ and the Markdown files in docs/'],
    ['sop-lint --fix --dry-run', 'show what --fix would add, as a diff'],
    ['sop-lint -f unix --quiet', 'errors only, one line each (file:line:col: severity message [rule])'],
    [
      'sop-lint --rule no-todo:off -o report.json -f json',
      'a JSON report without the no-todo rule, written to report.json'
    ],
    [
      'sop-lint --print-config plans/2026-01-05_next_session.plan.md',
      'the options a check uses, and what the file is to it'
    ],
    [
      'sop-lint --suppress-all',
      "adopting sop-lint on a workspace with a history: record today's errors as the baseline"
    ],
    ['sop-lint --commit HEAD', 'in CI: check the commit as the pre-push hook does'],
    [
      'sop-lint --workspace billing',
      'in a monorepo: check the workspace projects/billing (from the root, every workspace)'
    ]
  ],
  footer: `Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage or configuration error.
Configuration: the sop-lint entry of the remark config in the root
(.remarkrc.ts, .remarkrc.json, .remarkrc.mjs, … or package.json#remarkConfig),
or the file --config names.`,
  run: runCheck
}
