import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {parseArgs} from 'node:util'
import type {VFile} from 'vfile'
import {loadConfig} from '../config/load.js'
import {UsageError} from '../config/errors.js'
import {cachedCheck} from '../cache/cached-check.js'
import {materialize} from '../cache/materialize.js'
import type {SopLintConfig} from '../config/schema.js'
import type {CheckFacts} from '../cache/outcome.js'
import {checkSource} from '../engine/check-source.js'
import {today} from '../engine/today.js'
import {checkRevision} from '../engine/commit-check.js'
import {formatGithub} from '../report/github.js'
import {formatJson} from '../report/json.js'
import {formatSarif} from '../report/sarif.js'
import {formatStylish, useColor} from '../report/stylish.js'
import {WorkingTreeSource} from '../workspace/source.js'
import {Workspace} from '../workspace/workspace.js'
import type {Command} from './command.js'
import {findRoot} from './root.js'
import {runFix} from './fix.js'
import {suppressedLine, suppressProblems, type SuppressionOptions} from './suppress.js'
import {suppressionsFile, type Applied} from '../suppressions/suppressions.js'
import {scaffoldSummary} from './scaffold-summary.js'
import {lintMany, parseConcurrency, type Concurrency} from './parallel-lint.js'
import {namedFiles} from './targets.js'

export const checkHelp = `Usage: sop-lint [check] [files...] [options]

Check the next-session plan and the documents around it against the
planning procedure. Without files, checks the newest plan in plans/ and the
documents around it (progress log, handoff, Task ↔ Spec table, ledger, …).

Options:
  --root DIR          repository root (default: git top level of the cwd)
  --all-plans         check every plan, not only the newest
  --commit REV        check the tree of a commit (read from git objects, not
                      the working tree), as the pre-push hook does; for CI
  --format NAME       stylish (default), json (ESLint's JSON shape),
                      sarif (SARIF 2.1.0) or github (Actions annotations)
  --output-file FILE  write the report to FILE instead of stdout
  --quiet             report errors only
  --verbose           say on stderr which plan is the newest and why (when
                      several share its date); the JSON report always says
  --max-warnings N    exit 1 when there are more than N warnings
  --fix               add what is missing (sections, task fields, pointers,
                      the plan itself), never rewriting what a person wrote;
                      then report what is left
  --dry-run           with --fix: print the unified diff, write nothing
  --no-cache          check every file again, even when the same files were
                      checked before (results are kept in
                      node_modules/.cache/sop-lint, or ~/.cache/sop-lint)
  --concurrency N     threads for the files named: auto (the default: every
                      core, when there is over 1 MB of them), off, or a number
  --suppress-all      write every current error into sop-lint-suppressions.json
                      (the baseline: they no longer fail a check or a push)
  --suppress-rule ID  the same, for one rule's errors (repeat for more)
  --prune-suppressions  drop the suppressions that no longer occur
  -h, --help          show this help
  -v, --version       print the version

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage or configuration error.
Configuration: the sop-lint entry of the remark config in the root
(.remarkrc.ts, .remarkrc.json, .remarkrc.mjs, … or package.json#remarkConfig).`

const formats = ['stylish', 'json', 'sarif', 'github'] as const

export async function runCheck(argv: string[]): Promise<number> {
  const {values, positionals} = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      root: {type: 'string'},
      'all-plans': {type: 'boolean', default: false},
      format: {type: 'string', default: 'stylish'},
      'output-file': {type: 'string'},
      quiet: {type: 'boolean', default: false},
      verbose: {type: 'boolean', default: false},
      'max-warnings': {type: 'string'},
      fix: {type: 'boolean', default: false},
      'dry-run': {type: 'boolean', default: false},
      commit: {type: 'string'},
      'no-cache': {type: 'boolean', default: false},
      concurrency: {type: 'string'},
      'suppress-all': {type: 'boolean', default: false},
      'suppress-rule': {type: 'string', multiple: true},
      'prune-suppressions': {type: 'boolean', default: false}
    }
  })
  const format = values.format as (typeof formats)[number]
  if (!formats.includes(format)) throw new UsageError(`--format ${values.format}: expected one of ${formats.join(', ')}`)
  const maxWarnings = parseMaxWarnings(values['max-warnings'])
  const concurrency = parseConcurrency(values.concurrency)
  const root = path.resolve(findRoot(values.root))
  if (values['dry-run'] && !values.fix) throw new UsageError('--dry-run goes with --fix')
  if (values.commit !== undefined && (values.fix || positionals.length > 0)) {
    throw new UsageError('--commit checks a commit as the hook does: it takes no files and no --fix')
  }
  const suppression = {all: values['suppress-all'], rules: values['suppress-rule'] ?? [], prune: values['prune-suppressions']}
  const baseline = suppression.all || suppression.rules.length > 0 || suppression.prune
  if (baseline && (values.commit !== undefined || values['dry-run'])) {
    throw new UsageError('--suppress-all, --suppress-rule and --prune-suppressions write the baseline of the working tree: not with --commit or --dry-run')
  }
  const cwd = process.cwd()
  const options = {allPlans: values['all-plans'], date: today(), cwd, cache: !values['no-cache']}
  const {files, severities, suppressed, newest} =
    values.fix || positionals.length > 0
      ? await checkFilesOrFix(root, positionals, {...options, fix: values.fix, dryRun: values['dry-run'], concurrency}, suppression)
      : await checkAll(root, values.commit, options, suppression)
  if (values['dry-run']) return exitCode(files, maxWarnings)
  const newestNote = newest && describeNewest(newest)
  if (values.verbose && newestNote) process.stderr.write(`sop-lint: ${newestNote}\n`)

  const quiet = values.quiet
  const output =
    format === 'json'
      ? formatJson(files, quiet, newest?.why && newestNote ? {file: path.resolve(root, newest.path), why: newest.why, others: newest.others ?? [], text: newestNote} : undefined)
      : format === 'sarif'
      ? formatSarif(files, {quiet, root, severities})
      : format === 'github'
      ? formatGithub(files, quiet)
      : formatStylish(files, {quiet, color: values['output-file'] === undefined && useColor(process.stdout)}) + suppressedLine(suppressed.suppressed)
  if (values['output-file'] === undefined) process.stdout.write(output)
  else writeFileSync(values['output-file'], output)
  if (format !== 'stylish') process.stderr.write(suppressedLine(suppressed.suppressed))
  if (suppressed.written) process.stderr.write(`sop-lint: wrote ${suppressionsFile}\n`)
  else if (suppressed.unused > 0) {
    process.stderr.write(
      `sop-lint: ${suppressed.unused} suppression${suppressed.unused === 1 ? ' in ' + suppressionsFile + ' no longer occurs' : 's in ' + suppressionsFile + ' no longer occur'}: run \`npx sop-lint --prune-suppressions\` to drop them\n`
    )
  }

  return exitCode(files, maxWarnings)
}

interface Checked {
  files: VFile[]
  severities: SopLintConfig['rules']
  suppressed: Applied & {written: boolean}
  /** The newest plan and why, for a check of the whole workspace. */
  newest?: CheckFacts['newestPlan']
}

interface RunOptions {
  allPlans: boolean
  date: string
  cwd: string
  cache: boolean
}

/**
 * The whole check, of the working tree or of a commit (`--commit`): its
 * result comes from the cache when the same files were checked before.
 */
async function checkAll(root: string, commit: string | undefined, options: RunOptions, suppression: SuppressionOptions): Promise<Checked> {
  if (commit !== undefined) {
    // The commit's own baseline, read from its tree, as the hook reads it.
    const {files, facts, suppressed} = await checkRevision(root, commit, options)
    return {files: materialize(files, root, options.cwd), severities: facts.severities, suppressed: {...suppressed, written: false}, newest: facts.newestPlan}
  }
  const source = new WorkingTreeSource(root)
  const {files, facts} = await cachedCheck({
    source,
    key: {root, date: options.date, allPlans: options.allPlans},
    cache: options.cache,
    run: (recording) => checkSource(recording, options)
  })
  const materialized = materialize(files, root, options.cwd)
  const {config} = await loadConfig(root)
  return {
    files: materialized,
    severities: facts.severities,
    suppressed: await suppressProblems(materialized, new WorkingTreeSource(root), config, suppression),
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
  options: RunOptions & {fix: boolean; dryRun: boolean; concurrency: Concurrency},
  suppression: SuppressionOptions
): Promise<Checked> {
  const {config} = await loadConfig(root)
  const source = new WorkingTreeSource(root)
  const workspace = new Workspace(source, config)
  const checkOptions = {files: namedFiles(workspace, positionals), allPlans: options.allPlans, date: options.date, cwd: options.cwd}
  if (options.fix) {
    // Without file names, --fix also writes the session's plan when the newest is missing or too old for the hook.
    const scaffold = positionals.length === 0 ? {date: options.date, plan: 'stale' as const} : undefined
    const {files, scaffolded} = await runFix(source, config, checkOptions, options.dryRun, scaffold)
    if (scaffolded) process.stderr.write(scaffoldSummary(new Workspace(new WorkingTreeSource(root), config), scaffolded))
    const suppressed = options.dryRun ? {suppressed: 0, unused: 0, written: false} : await suppressProblems(files, new WorkingTreeSource(root), config, suppression)
    return {files, severities: config.rules, suppressed}
  }
  const files = await lintMany(workspace, checkOptions.files, options.cwd, options.concurrency)
  return {files, severities: config.rules, suppressed: await suppressProblems(files, source, config, suppression)}
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
  help: checkHelp,
  run: runCheck
}
