import path from 'node:path'
import {minimatch} from 'minimatch'
import {UsageError} from '../config/errors.js'
import {describeUnusable} from '../rule/words.js'
import type {Workspace} from '../workspace/workspace.js'

/** What a folder named on the command line contributes: Markdown, the ledger's CSV and `.feature` specs. */
const checkedFile = /\.(md|markdown|mdx|csv|feature)$/i
const globCharacters = /[*?[\]{}]/

export interface Targets {
  /** Repository-relative paths to check, in the order named, each once. */
  files: string[]
  /** Files named one by one that the ignore rules leave out, with the rule's source. */
  ignored: Array<{file: string; by: string}>
}

/**
 * The files the command-line arguments name, as ESLint and markdownlint-cli2
 * take them: a file, a folder (every Markdown, CSV and `.feature` file below
 * it), or a glob (`docs/*.md`, `'plans/**'`), relative to the current folder.
 * Files found in folders and by globs are left out when ignored
 * (`Workspace.ignoredBy`); a file named one by one is left out too, and
 * reported, unless `noIgnore`. A name that finds nothing is a usage error.
 */
export function expandTargets(
  workspace: Workspace,
  args: readonly string[],
  options: {cwd?: string; noIgnore?: boolean} = {}
): Targets {
  const cwd = options.cwd ?? process.cwd()
  const keep = (file: string) => options.noIgnore === true || workspace.ignoredBy(file) === undefined
  const files: string[] = []
  const ignored: Targets['ignored'] = []
  for (const arg of args) {
    const relative = workspace.relative(path.resolve(cwd, arg))
    if (relative === undefined && path.resolve(cwd, arg) !== workspace.root) {
      throw new UsageError(`${arg}: outside the repository ${workspace.root}; name a file inside it or pass --root`)
    }
    const inside = relative ?? ''
    if (globCharacters.test(arg) && !workspace.source.exists(inside)) {
      const found = globbed(workspace, inside, keep)
      const kept = found.filter(keep)
      if (kept.length === 0)
        throw new UsageError(
          found.length === 0
            ? `${arg}: no file matches`
            : `${arg}: every file it matches is ignored; pass --no-ignore to check them`
        )
      files.push(...kept)
    } else if (inside === '' || isFolder(workspace, inside)) {
      const found = filesBelow(workspace, inside, keep).filter((file) => checkedFile.test(file))
      const kept = found.filter(keep)
      if (kept.length === 0) {
        throw new UsageError(
          found.length === 0
            ? `${arg}: no Markdown, CSV or .feature file in this folder`
            : `${arg}: every file in this folder is ignored; pass --no-ignore to check them`
        )
      }
      files.push(...kept)
    } else {
      namedFile(workspace, arg, inside)
      const by = options.noIgnore === true ? undefined : workspace.ignoredBy(inside)
      if (by === undefined) files.push(inside)
      else ignored.push({file: arg, by})
    }
  }
  return {files: [...new Set(files)], ignored}
}

/**
 * Checks that a file named one by one can be checked, by the source the check
 * reads, so it gets the check's words: a link out of the repository, a link
 * loop, a FIFO are each named as such, and nothing behind them is opened.
 */
function namedFile(workspace: Workspace, file: string, relative: string): void {
  const {source} = workspace
  if (source.isFile(relative) && source.read(relative) !== undefined) return
  const why = source.unusable(relative)
  if (why !== undefined)
    throw new UsageError(`${file}: ${describeUnusable(why)}; name a readable file inside the repository`)
  if (!source.exists(relative)) throw new UsageError(`${file}: no such file`)
  throw new UsageError(`${file}: cannot be read; name a readable file inside the repository`)
}

/** Whether a repository-relative path is a folder the source can list (the root is one). */
function isFolder(workspace: Workspace, relative: string): boolean {
  return workspace.source.unusable(relative) === 'folder'
}

/**
 * Every file below a folder (`''`: the root), sorted, through the source: no
 * link out of the repository is followed. A folder `keep` refuses (an
 * ignored one, as `build/`) is not walked into; the files are all returned,
 * for the caller to tell found from kept.
 */
function filesBelow(workspace: Workspace, folder: string, keep: (path: string) => boolean): string[] {
  const found: string[] = []
  const walk = (current: string) => {
    for (const name of workspace.source.list(current)) {
      const child = current === '' ? name : `${current}/${name}`
      if (workspace.source.isFile(child)) found.push(child)
      else if (workspace.source.exists(child) && keep(`${child}/`)) walk(child)
    }
  }
  walk(folder)
  return found
}

/** The files a glob (repository-relative) matches, walking only below the part of it without wildcards. */
function globbed(workspace: Workspace, glob: string, keep: (path: string) => boolean): string[] {
  const segments = glob.split('/')
  const firstWild = segments.findIndex((segment) => globCharacters.test(segment))
  const base = segments.slice(0, firstWild).join('/')
  if (base !== '' && !workspace.source.exists(base)) return []
  return filesBelow(workspace, base, keep).filter((file) => minimatch(file, glob, {dot: false}))
}
