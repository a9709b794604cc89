import path from 'node:path'
import type {OutsideWorkspaces} from '../config/schema.js'
import type {WorkspacePlace} from './place.js'
import type {FileSource} from './source.js'
import {SubfolderSource} from './subfolder-source.js'

/** What the root config of a monorepo declares about its workspaces. */
export interface MonorepoConfig {
  /** Name of the root's remark config file. */
  configName: string
  globs: string[]
  outsideWorkspaces: OutsideWorkspaces
}

/**
 * The workspaces of a monorepo: the folders its globs match, found from the
 * folders' names alone (no file is read). A matched folder that holds
 * another matched folder only groups them (`projects/labs` of
 * `["projects/*", "projects/labs/*"]`) and is not a workspace itself.
 */
export class Monorepo {
  readonly repository: FileSource
  readonly config: MonorepoConfig
  /** The workspaces' folders from the repository root, sorted. */
  readonly folders: readonly string[]
  /** Folders the globs take workspaces from (`projects`, `projects/labs`): paths written from them resolve. */
  readonly parents: readonly string[]

  constructor(repository: FileSource, config: MonorepoConfig) {
    this.repository = repository
    this.config = config
    this.folders = matchedFolders(repository, config.globs)
    this.parents = globParents(config.globs)
  }

  /** The repository root on disk (absolute). */
  get root(): string {
    return this.repository.root
  }

  /** The workspace a repository path lies in: the nearest workspace folder above it (or the path itself). */
  workspaceOf(repositoryPath: string): string | undefined {
    let best: string | undefined
    for (const folder of this.folders) {
      if (
        (repositoryPath === folder || repositoryPath.startsWith(`${folder}/`)) &&
        (best === undefined || folder.length > best.length)
      )
        best = folder
    }
    return best
  }

  /** The workspace a path on disk lies in, when it lies in the repository. */
  workspaceAt(absolutePath: string): string | undefined {
    const relative = path.relative(this.root, path.resolve(absolutePath))
    if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined
    return this.workspaceOf(relative.split(path.sep).join('/'))
  }

  /** A workspace's files, seen through the repository's source. */
  sourceOf(folder: string): SubfolderSource {
    return new SubfolderSource(this.repository, this.placeOf(folder))
  }

  placeOf(folder: string): WorkspacePlace {
    return {folder, parents: this.parents}
  }
}

/** The folders that hold what a glob matches: its part before the first wildcard, less the last name (`projects` of `projects/*` and of `projects/billing`). */
export function globParents(globs: readonly string[]): string[] {
  const parents = new Set<string>()
  for (const glob of globs) {
    if (glob.startsWith('!')) continue
    const segments = segmentsOf(glob)
    const wild = segments.findIndex((segment) => isWild(segment))
    const parent = segments.slice(0, wild === -1 ? segments.length - 1 : wild).join('/')
    if (parent !== '') parents.add(parent)
  }
  return [...parents].sort()
}

/** Folders the positive globs match and no `!` glob does, groups of other matches left out. */
function matchedFolders(repository: FileSource, globs: readonly string[]): string[] {
  const matched = new Set<string>()
  for (const glob of globs)
    if (!glob.startsWith('!')) for (const folder of expand(repository, segmentsOf(glob))) matched.add(folder)
  const excluded = globs.filter((glob) => glob.startsWith('!')).map((glob) => globMatcher(segmentsOf(glob.slice(1))))
  const kept = [...matched].filter((folder) => !excluded.some((matches) => matches(folder)))
  return kept.filter((folder) => !kept.some((other) => other.startsWith(`${folder}/`))).sort()
}

function segmentsOf(glob: string): string[] {
  return glob
    .replace(/\\/g, '/')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
}

function isWild(segment: string): boolean {
  return /[*?]/.test(segment)
}

/** Folders below which nothing is a workspace: git's, dependencies, and hidden ones unless a glob names them. */
function skipped(name: string, segment: string): boolean {
  return name === 'node_modules' || (name.startsWith('.') && !segment.startsWith('.'))
}

/** The folders a glob's segments match, walking only the folders its wildcards need. */
function expand(repository: FileSource, segments: readonly string[]): string[] {
  let current = ['']
  for (const segment of segments) {
    const next: string[] = []
    for (const folder of current) {
      if (segment === '**') next.push(folder, ...subfolders(repository, folder, true))
      else if (!isWild(segment)) {
        const child = join(folder, segment)
        if (isFolder(repository, child)) next.push(child)
      } else {
        const matches = segmentMatcher(segment)
        next.push(
          ...subfolders(repository, folder, false).filter(
            (child) =>
              matches(child.slice(child.lastIndexOf('/') + 1)) &&
              !skipped(child.slice(child.lastIndexOf('/') + 1), segment)
          )
        )
      }
    }
    current = [...new Set(next)]
  }
  return current.filter((folder) => folder !== '')
}

/** The folders in a folder (all below it, with `deep`), none reached through a link. */
function subfolders(repository: FileSource, folder: string, deep: boolean): string[] {
  const found: string[] = []
  const entries = repository.entries?.(folder)
  const names = entries
    ? entries.filter(([, kind]) => kind === 'folder').map(([name]) => name)
    : repository.list(folder).filter((name) => isFolder(repository, join(folder, name)))
  for (const name of names) {
    if (deep && skipped(name, '')) continue
    const child = join(folder, name)
    found.push(child)
    if (deep) found.push(...subfolders(repository, child, true))
  }
  return found
}

function isFolder(repository: FileSource, relativePath: string): boolean {
  return repository.unusable(relativePath) === 'folder'
}

function join(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`
}

/** Whether a folder path matches a glob's segments (`**` any number of folders). */
function globMatcher(segments: readonly string[]): (folder: string) => boolean {
  const pattern = segments.map((segment) => (segment === '**' ? '(?:[^/]+/)*' : `${segmentPattern(segment)}/`)).join('')
  const regex = new RegExp(`^${pattern}$`)
  return (folder) => regex.test(`${folder}/`)
}

function segmentMatcher(segment: string): (name: string) => boolean {
  const regex = new RegExp(`^${segmentPattern(segment)}$`)
  return (name) => regex.test(name)
}

function segmentPattern(segment: string): string {
  return segment
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]')
}
