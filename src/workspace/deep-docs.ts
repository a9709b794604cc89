import {globToRegExp} from './glob.js'
import type {Workspace} from './workspace.js'

/** A folder too deep below the docs folder, with the files in it that count. */
export interface DeepFolder {
  /** The first folder past the allowed depth, e.g. `docs/System/methods/churn`. */
  folder: string
  /** Its files that count (at any depth below it), sorted; the first carries the message. */
  files: string[]
  /** How many folders below the docs folder the deepest of them is. */
  depth: number
}

/** The docs folder without trailing slashes, and how many folders lie between it and `filePath` (`undefined` when outside it). */
export function docsDepth(filePath: string, workspace: Workspace): {folder: string; depth: number} | undefined {
  const folder = docsFolder(workspace)
  if (!filePath.startsWith(`${folder}/`)) return undefined
  return {folder, depth: filePath.slice(folder.length + 1).split('/').length - 1}
}

function docsFolder(workspace: Workspace): string {
  return workspace.config.crossFile.docsFolder.replace(/\/+$/, '').replace(/^\.\//, '')
}

const found = new WeakMap<Workspace, DeepFolder[]>()

/**
 * The folders that nest deeper below the docs folder than allowed, from the
 * folders' names alone (no file is read). A file counts when no glob of
 * `crossFile.docsAllow` matches it, no ignore rule leaves it out (.gitignore,
 * the config's `ignores`, …) and the session added it: it was not in
 * the repository when the previous plan was committed (a workspace without
 * that history — no git, no previous plan committed — has every file count).
 */
export function deepDocFolders(workspace: Workspace): DeepFolder[] {
  let folders = found.get(workspace)
  if (!folders) {
    folders = findDeepFolders(workspace)
    found.set(workspace, folders)
  }
  return folders
}

function findDeepFolders(workspace: Workspace): DeepFolder[] {
  const {docsMaxDepth, docsAllow} = workspace.config.crossFile
  const root = docsFolder(workspace)
  const deep: string[] = []
  const walk = (folder: string, depth: number) => {
    for (const name of workspace.source.list(folder).sort()) {
      const child = `${folder}/${name}`
      if (workspace.source.isFile(child)) {
        if (depth > docsMaxDepth) deep.push(child)
      } else if (workspace.source.exists(child)) {
        walk(child, depth + 1)
      }
    }
  }
  walk(root, 0)
  const allowed = docsAllow.map((glob) => globToRegExp(glob))
  let counted = deep.filter(
    (file) => !allowed.some((pattern) => pattern.test(file)) && workspace.ignoredBy(file) === undefined
  )
  if (counted.length === 0) return []
  const newest = workspace.newestPlan()
  const previous = newest && workspace.previousPlan(newest)
  const before = previous && workspace.source.filesWhenAdded?.(previous.path, root)
  if (before) {
    const existed = new Set(before)
    counted = counted.filter((file) => !existed.has(file))
  }
  const groups = new Map<string, DeepFolder>()
  for (const file of counted) {
    const segments = file.split('/')
    const folder = segments.slice(0, root.split('/').length + docsMaxDepth + 1).join('/')
    const group = groups.get(folder) ?? {folder, files: [], depth: 0}
    group.files.push(file)
    group.depth = Math.max(group.depth, docsDepth(file, workspace)!.depth)
    groups.set(folder, group)
  }
  return [...groups.values()]
}
