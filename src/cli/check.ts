import {writeFileSync} from 'node:fs'
import path from 'node:path'
import type {VFile} from 'vfile'
import type {ConfigChoice} from '../engine/load-config.js'
import {UsageError} from '../config/errors.js'
import {cachedCheck} from '../engine/cache/cached-check.js'
import {materialize} from '../engine/cache/materialize.js'
import type {SopLintConfig} from '../config/schema.js'
import type {CheckFacts} from '../engine/cache/outcome.js'
import {today} from './clock.js'
import {checkRevision} from '../engine/commit-check.js'
import {formatGithub} from './formats/github.js'
import {formatJson} from './formats/json.js'
import {formatStylish, terminalWidth, useColor} from './formats/stylish.js'
import {formatUnix} from './formats/unix.js'
import {didYouMean} from '../config/suggest.js'
import {WorkingTreeSource} from '../workspace/source.js'
import {Workspace} from '../workspace/workspace.js'
import {findRoot} from './root.js'
import {suppressProblems, type SuppressionOptions} from './suppress.js'
import {suppressedLine} from './suppressed-line.js'
import {suppressionsFile, type Applied} from '../engine/suppressions/suppressions.js'
import {parseConcurrency} from './concurrency.js'
import {choosesConfig, configChoice} from './config-choice.js'
import {parseOptions} from './options.js'
import {outputPath, writeFailed} from './output-path.js'
import type {WorkspaceGroup} from './monorepo-check.js'
import {workingTreeMonorepo} from './workspace-choice.js'
import {checkOptions as options} from './commands/check.js'

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
  const choice = await configChoice(values, cwd)
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
  // What only a monorepo, files named or --fix need is loaded for them: a check of the whole workspace often comes from the cache.
  const monorepoCheck = monorepo && (await import('./on-demand.js'))
  // A monorepo's newest plans are each workspace's own: the note on the newest is for one workspace.
  const {files, severities, suppressed, groups, newest}: Checked = monorepo
    ? await monorepoCheck!.checkMonorepo(
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
      ? await (
          await import('./on-demand.js')
        ).checkFilesOrFix(
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
        ? (await import('./on-demand.js')).formatSarif(files, {quiet, root, severities})
        : format === 'github'
          ? formatGithub(files, quiet)
          : format === 'compact' || format === 'unix'
            ? formatUnix(files, {quiet, count: format === 'compact'})
            : (groups && monorepoCheck ? monorepoCheck.formatGroups(groups, stylish) : formatStylish(files, stylish)) +
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
  const {loadConfig} = await import('../engine/on-demand.js')
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

export interface Checked {
  files: VFile[]
  severities: SopLintConfig['rules']
  suppressed: Applied & {written: boolean}
  /** In a monorepo, the files of each workspace checked. */
  groups?: WorkspaceGroup[]
  /** The newest plan and why, for a check of the whole workspace. */
  newest?: CheckFacts['newestPlan']
}

export interface RunOptions {
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
    run: async (recording) => (await import('../engine/on-demand.js')).checkSource(recording, options)
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
