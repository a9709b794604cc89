/**
 * A check of the files named on the command line (lint-staged passes them),
 * or `--fix`: both load the config and the rules, and check or fix anew; a
 * module of its own, loaded by src/cli/check.ts when it is asked for.
 */
import {loadConfig} from '../engine/load-config.js'
import {WorkingTreeSource} from '../workspace/source.js'
import {Workspace} from '../workspace/workspace.js'
import type {Checked, RunOptions} from './check.js'
import type {Concurrency} from './concurrency.js'
import {runFix} from './fix.js'
import {lintMany} from './parallel-lint.js'
import {scaffoldSummary} from './scaffold-summary.js'
import {suppressProblems, type SuppressionOptions} from './suppress.js'
import {expandTargets} from './targets.js'

/** The files named on the command line (lint-staged passes them), or `--fix`. */
export async function checkFilesOrFix(
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
