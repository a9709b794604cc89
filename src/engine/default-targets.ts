import path from 'node:path'
import {isDone} from '../plan/spec-table.js'
import {normalizeHeading} from '../markdown/heading-text.js'
import {isDelimiterRow} from '../markdown/table-delimiter.js'
import {deepDocFolders} from '../workspace/deep-docs.js'
import type {Workspace} from '../workspace/workspace.js'

// Starts only where a path can start: from every letter of a long word it scanned the rest of the word again.
const featurePath = /(?<![\w./-])[\w./-]+\.feature\b/g

/**
 * What a check reads when no file is named: the newest plan (or every plan),
 * the files whose role the procedure names, the SOP references, the specs the
 * newest plan and the open rows of the Task ↔ Spec table name. Nothing else of the history is
 * read. Files placed too deep in the docs folder are judged by name, never read (see
 * {@link placementTargets}).
 */
export function defaultTargets(workspace: Workspace, allPlans: boolean): string[] {
  const {paths} = workspace.config
  const newest = workspace.newestPlan()
  const plans = allPlans ? workspace.plans() : newest ? [newest] : []
  const roleFiles = [paths.progress, paths.handoff, paths.taskSpecTable, paths.featureLog, paths.glossary, paths.ledger]
  const targets = [
    ...plans.map((plan) => plan.path),
    ...roleFiles.filter((file) => workspace.source.isFile(file)),
    ...referenceDocs(workspace),
    ...namedFeatures(workspace)
  ]
  return [...new Set(targets)]
}

function referenceDocs(workspace: Workspace): string[] {
  return workspace.config.paths.references.flatMap((reference) => {
    if (workspace.source.isFile(reference)) return [reference]
    return markdownIn(workspace, reference)
  })
}

function markdownIn(workspace: Workspace, folder: string): string[] {
  const files = workspace.source
    .list(folder)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `${folder}/${name}`)
    .filter((file) => workspace.source.isFile(file))
  return notIgnored(workspace, files)
}

/** What the config names is checked; what is found in a folder may be ignored (.gitignore, `ignores`, …). */
function notIgnored(workspace: Workspace, found: string[]): string[] {
  return found.filter((file) => workspace.ignoredBy(file) === undefined)
}

/**
 * `.feature` files named in the newest plan and in the rows of the Task ↔ Spec
 * table that are not done (a text scan: no parse needed to find them). Done
 * rows are history: their specs are checked to exist (spec-table), not parsed
 * again on every run, so a long history costs nothing here.
 */
function namedFeatures(workspace: Workspace): string[] {
  const newest = workspace.newestPlan()
  const planText = newest ? workspace.source.read(newest.path) : undefined
  const tableText = workspace.source.read(workspace.config.paths.taskSpecTable)
  const named = [
    ...(planText === undefined ? [] : specPathsIn(planText)),
    ...(tableText === undefined ? [] : openLines(tableText, workspace).flatMap(specPathsIn))
  ]
  return [...new Set(named)]
    .map((file) => path.posix.normalize(file.replace(/^\.\//, '')))
    .filter((file) => !file.startsWith('../') && !file.startsWith('/') && workspace.source.isFile(file))
}

/** Lines of the tracker that name a spec, except rows of tables whose status column says done. */
function openLines(text: string, workspace: Workspace): string[] {
  const statusNames = new Set(workspace.config.crossFile.specTableColumns.status.map(normalizeHeading))
  const lines = text.split('\n')
  const open: string[] = []
  let status: number | undefined
  for (const [index, line] of lines.entries()) {
    if (!/^ {0,3}\|/.test(line)) {
      status = undefined
      if (line.includes('.feature')) open.push(line)
      continue
    }
    const next = lines[index + 1] ?? ''
    if (isDelimiterRow(next) && !/^ {0,3}\|?[ \t]*:?-+/.test(line)) {
      status = cellsOf(line).findIndex((cell) => statusNames.has(normalizeHeading(cell)))
      if (status === -1) status = undefined
      continue
    }
    if (!line.includes('.feature')) continue
    const cell = status === undefined ? undefined : cellsOf(line)[status]
    if (cell === undefined || !isDone(cell.replace(/[`*_~]/g, ''), workspace.config)) open.push(line)
  }
  return open
}

function cellsOf(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim())
}

/** One file per folder nested too deep below the docs folder: flat-docs judges it by its name, and nothing reads it. */
export function placementTargets(workspace: Workspace): string[] {
  return deepDocFolders(workspace).map((group) => group.files[0]!)
}

/** The `.feature` paths a text names. */
export function specPathsIn(text: string): string[] {
  return text.match(featurePath) ?? []
}
