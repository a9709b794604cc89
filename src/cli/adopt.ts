/**
 * What `sop-lint init` does for the workspace itself (the hooks are
 * init.ts's): find the layout that is there, write the settings that differ
 * from the defaults with the adoption date into a new `.remarkrc.json` (or
 * the adoption date into an existing one), run the first check, and offer
 * the baseline when that check has errors.
 */
import path from 'node:path'
import {createInterface} from 'node:readline/promises'
import {describeLayout, findLayout} from './adopt/layout.js'
import {resolveConfig} from '../engine/config.js'
import {checkSource} from '../engine/check-source.js'
import {today} from './clock.js'
import {
  formatSuppressions,
  readSuppressions,
  recordSuppressions,
  suppressionsFile
} from '../engine/suppressions/suppressions.js'
import type {FileChange} from '../engine/fix/fix-workspace.js'
import {WorkingTreeSource, type FileSource} from '../workspace/source.js'
import {readDocument} from './read-document.js'

export interface AdoptOptions {
  /** Write the baseline without asking (`init --baseline`). */
  baseline: boolean
  /** Whether a person can be asked (a terminal on both ends). */
  interactive: boolean
  cwd: string
  /** The workspace's files (a monorepo's workspace sees the repository around it); by default the working tree at the root. */
  source?: FileSource
  /** Writes files below the root as --fix does (never through a link, atomically); stops on what it cannot write. */
  write(changes: FileChange[]): Promise<void>
}

/** Lines for init's report; `config` says whether a remark config was written or changed. */
export interface Adopted {
  lines: string[]
  changed: string[]
}

export async function adoptWorkspace(root: string, hasRemarkConfig: boolean, options: AdoptOptions): Promise<Adopted> {
  const lines: string[] = []
  const changed: string[] = []
  const shown = toPosix(path.relative(options.cwd, path.join(root, '.remarkrc.json'))) || '.remarkrc.json'
  const date = today()
  const source = options.source ?? new WorkingTreeSource(root)
  if (!hasRemarkConfig) {
    const layout = findLayout(source, resolveConfig({}))
    const settings = {...layout.settings, hook: {adoptedOn: date}}
    await options.write([
      {
        path: '.remarkrc.json',
        before: undefined,
        after: `${JSON.stringify({plugins: [['sop-lint', settings]]}, null, 2)}\n`
      }
    ])
    const differing = Object.keys(layout.settings).length > 0 ? 'the settings that differ from the defaults and ' : ''
    changed.push(`${shown} (the sop-lint preset with ${differing}the adoption date, ${date})`)
    lines.push(`sop-lint init: found this layout:\n${describeLayout(layout)}`)
  } else {
    const adoption = withAdoption(readDocument(source, '.remarkrc.json'), date)
    if (adoption) {
      await options.write([adoption])
      changed.push(`${shown} (the adoption date, ${date})`)
    }
  }

  const {outcome} = await checkSource(source, {allPlans: false, date, cwd: options.cwd})
  // Errors of files that exist are history a baseline can hold; a plan still to write is not.
  const existing = outcome.files.filter((file) => source.isFile(file.path))
  const errors = existing.reduce((sum, file) => sum + file.messages.filter((message) => message.fatal).length, 0)
  const previous = readSuppressions(source)
  if (errors === 0) {
    const planMissing = outcome.files.some(
      (file) => !source.isFile(file.path) && file.messages.some((message) => message.fatal)
    )
    lines.push(
      planMissing
        ? 'sop-lint init: no plan yet: `npx sop-lint --fix` writes the first one, with every file the procedure needs'
        : 'sop-lint init: the first check finds no error'
    )
    return {lines, changed}
  }
  const files = existing.filter((file) => file.messages.some((message) => message.fatal)).length
  const found = `the first check finds ${errors} error${errors === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`
  const take =
    options.baseline ||
    (options.interactive &&
      (await ask(
        `sop-lint init: ${found}. Record them as the baseline (${suppressionsFile}), so only new problems block a push? [y/N] `
      )))
  if (!take) {
    lines.push(
      `sop-lint init: ${found}: \`npx sop-lint\` lists them. To adopt without rewriting history, record them as the baseline: \`npx sop-lint init --baseline\` (or \`npx sop-lint --suppress-all\`)`
    )
    return {lines, changed}
  }
  const suppressions = recordSuppressions(previous, outcome.files, source, {
    rules: undefined,
    record: true,
    prune: false
  })
  await options.write([
    {path: suppressionsFile, before: source.read(suppressionsFile), after: formatSuppressions(suppressions)}
  ])
  const recorded = Object.values(suppressions).reduce(
    (sum, rules) => sum + Object.values(rules).reduce((count, entries) => count + entries.length, 0),
    0
  )
  changed.push(
    `${suppressionsFile} (the baseline: ${recorded} problem${recorded === 1 ? '' : 's'} from before sop-lint)`
  )
  const left =
    outcome.files.reduce((sum, file) => sum + file.messages.filter((message) => message.fatal).length, 0) - recorded
  lines.push(
    left === 0
      ? 'sop-lint init: with the baseline, the check passes; commit it with the rest'
      : `sop-lint init: with the baseline, ${left} error${left === 1 ? ' is' : 's are'} left that no baseline takes: \`npx sop-lint\` lists them, \`npx sop-lint --fix\` scaffolds what is missing`
  )
  return {lines, changed}
}

/** `.remarkrc.json` with `hook.adoptedOn` added to its sop-lint entry; `undefined` when it has one, or no such entry, or is no JSON. */
function withAdoption(text: string | undefined, date: string): FileChange | undefined {
  if (text === undefined) return undefined
  let parsed: {plugins?: unknown}
  try {
    parsed = JSON.parse(text) as {plugins?: unknown}
  } catch {
    return undefined
  }
  if (!Array.isArray(parsed.plugins)) return undefined
  const index = parsed.plugins.findIndex(
    (entry) => entry === 'sop-lint' || (Array.isArray(entry) && entry[0] === 'sop-lint')
  )
  if (index === -1) return undefined
  const entry = parsed.plugins[index] as string | [string, Record<string, unknown>?]
  const options = (Array.isArray(entry) ? entry[1] : undefined) ?? {}
  const hook = (options.hook ?? {}) as Record<string, unknown>
  if (hook.adoptedOn !== undefined) return undefined
  parsed.plugins[index] = ['sop-lint', {...options, hook: {...hook, adoptedOn: date}}]
  return {path: '.remarkrc.json', before: text, after: `${JSON.stringify(parsed, null, 2)}\n`}
}

async function ask(question: string): Promise<boolean> {
  const reader = createInterface({input: process.stdin, output: process.stdout})
  try {
    return /^y(es)?$/i.test((await reader.question(question)).trim())
  } finally {
    reader.close()
  }
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/')
}
