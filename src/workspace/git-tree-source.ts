import {isUtf8} from 'node:buffer'
import path from 'node:path'
import type {CatFile} from '../git/cat-file.js'
import type {CommitInfo} from '../git/commit.js'
import {History} from '../git/history.js'
import type {GitRepository} from '../git/repository.js'
import {Tree, type TreeEntry} from '../git/tree.js'
import {normalizeRelative} from './repo-path.js'
import type {EntryKind, FileSource, Unusable} from './source.js'

const maxSymlinkHops = 8

/**
 * Files as they are in a commit's tree, read from git objects and never from
 * the working tree, so an uncommitted or unstaged file does not count.
 *
 * Everything comes from one shared {@link CatFile} (one long-lived
 * `git cat-file --batch`): tree objects folder by folder, only for the
 * folders a check looks into (so a large repository costs no more than a
 * small one), and file contents on demand or, with {@link prefetch}, many in
 * one round trip.
 */
export class GitTreeSource implements FileSource {
  readonly root: string
  readonly revision: CommitInfo
  private readonly objects: CatFile
  /** The workspace root's folder inside the repository, `''` at its top. */
  private readonly prefix: string
  private readonly oidBytes: number
  /** Folders read so far (repository paths), `undefined` for a path that is no folder. */
  private readonly folders = new Map<string, Tree | undefined>()
  private readonly texts = new Map<string, string | undefined>()
  private historyCache: History | undefined
  /** Blobs read whose bytes are not valid UTF-8 (`true`), among those whose text holds a replacement character. */
  private readonly invalid = new Map<string, boolean>()

  /** The workspace's files as they are in a commit's tree of a repository. */
  static at(repository: GitRepository, commit: CommitInfo): GitTreeSource {
    return new GitTreeSource(repository.root, commit, repository.objects, {prefix: repository.prefix})
  }

  /**
   * @param root absolute path of the workspace root in the working tree (paths in reports are relative to it)
   * @param prefix the workspace root's folder inside the repository, `''` at its top
   */
  constructor(root: string, revision: CommitInfo, objects: CatFile, options: {prefix: string}) {
    this.root = path.resolve(root)
    this.revision = revision
    this.objects = objects
    this.prefix = options.prefix
    this.oidBytes = revision.oid.length / 2
  }

  filesWhenAdded(relativePath: string, folder: string): string[] | undefined {
    return this.history().filesWhenAdded(relativePath, folder)
  }

  lastChanged(relativePath: string): number | undefined {
    return this.history().lastChanged(relativePath)
  }

  /** The history behind this commit, asked in the working tree's folder (git resolves paths from there). */
  private history(): History {
    this.historyCache ??= new History(this.root, this.revision.oid)
    return this.historyCache
  }

  exists(relativePath: string): boolean {
    const found = this.locate(relativePath)
    return 'key' in found && (found.key === this.prefix || this.entry(found.key) !== undefined)
  }

  isFile(relativePath: string): boolean {
    const found = this.locate(relativePath)
    return 'key' in found && this.entry(found.key)?.type === 'blob'
  }

  read(relativePath: string): string | undefined {
    const found = this.locate(relativePath)
    if (!('key' in found) || this.entry(found.key)?.type !== 'blob') return undefined
    if (!this.texts.has(found.key)) this.prefetch([relativePath])
    return this.texts.get(found.key)
  }

  isUtf8(relativePath: string): boolean | undefined {
    if (this.read(relativePath) === undefined) return undefined
    const found = this.locate(relativePath)
    return 'key' in found ? !this.invalid.get(found.key) : undefined
  }

  contentId(relativePath: string): string | undefined {
    const found = this.locate(relativePath)
    const entry = 'key' in found ? this.entry(found.key) : undefined
    return entry?.type === 'blob' ? entry.oid : undefined
  }

  list(relativePath: string): string[] {
    const found = this.locate(relativePath)
    return 'key' in found ? [...(this.folder(found.key)?.names() ?? [])].sort() : []
  }

  entries(relativePath: string): Array<[string, EntryKind]> | undefined {
    const found = this.locate(relativePath)
    if (!('key' in found) || found.followedLink) return undefined
    const folder = this.folder(found.key)
    if (!folder) return undefined
    const entries: Array<[string, EntryKind]> = []
    // git keeps a tree sorted, by the name of a folder with a slash after it: sorted as plain names unless a folder's name begins another's.
    let sorted = true
    let previous = ''
    for (const name of folder.names()) {
      if (name < previous) sorted = false
      previous = name
      entries.push([name, folder.kind(name)!])
    }
    return sorted ? entries : entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  }

  /** The same answers as {@link WorkingTreeSource.unusable} on a checkout of this tree. */
  unusable(relativePath: string): Unusable | undefined {
    const found = this.locate(relativePath)
    if (!('key' in found)) return found.problem
    if (found.key === this.prefix) return 'folder'
    const entry = this.entry(found.key)
    if (entry === undefined) return found.followedLink ? 'dangling' : undefined
    return entry.type === 'blob' ? undefined : 'folder'
  }

  /** Reads, in one round trip per level of depth, the folders that questions about these paths need. */
  warm(relativePaths: readonly string[]): void {
    const keys = relativePaths.flatMap((relativePath) => {
      const relative = normalizeRelative(relativePath)
      return relative === undefined ? [] : [this.keyOf(relative)]
    })
    this.loadFolders([...new Set(keys.flatMap((key) => [key, parentOf(key)]))])
  }

  /** Reads the files among `relativePaths` not read yet, in as few round trips as their folders' depth; later {@link read}s cost nothing. */
  prefetch(relativePaths: readonly string[]): void {
    const keys = relativePaths.flatMap((relativePath) => {
      const found = this.locate(relativePath)
      return 'key' in found ? [found.key] : []
    })
    this.loadFolders(keys.map((key) => parentOf(key)))
    const wanted = new Map<string, string>()
    for (const key of keys) {
      const entry = this.entry(key)
      if (entry?.type === 'blob' && !this.texts.has(key)) wanted.set(key, entry.oid)
    }
    if (wanted.size === 0) return
    const objects = this.objects.read([...wanted.values()])
    let index = 0
    for (const key of wanted.keys()) {
      const content = objects[index++]?.content
      const text = content?.toString('utf8')
      if (content && text?.includes('\uFFFD')) this.invalid.set(key, !isUtf8(content))
      this.texts.set(key, text)
    }
  }

  /** The tree entry at a repository path. */
  private entry(key: string): TreeEntry | undefined {
    if (key === '') return undefined
    return this.folder(parentOf(key))?.get(key.slice(key.lastIndexOf('/') + 1))
  }

  /** The entries of a folder (a repository path), read on first use. */
  private folder(key: string): Tree | undefined {
    if (!this.folders.has(key)) this.loadFolders([key])
    return this.folders.get(key)
  }

  /** Reads the tree objects of folders, one round trip per level of depth for all of them. */
  private loadFolders(keys: readonly string[]): void {
    for (;;) {
      const next = new Map<string, string>()
      for (const key of keys) {
        const step = this.nextUnread(key)
        if (step) next.set(step.key, step.oid)
      }
      if (next.size === 0) return
      const objects = this.objects.read([...next.values()])
      let index = 0
      for (const key of next.keys()) {
        const object = objects[index++]
        this.folders.set(key, object?.type === 'tree' ? new Tree(object.content, this.oidBytes) : undefined)
      }
    }
  }

  /** The first folder on the way to `key` not read yet, with its tree id; `undefined` when there is nothing to read. */
  private nextUnread(key: string): {key: string; oid: string} | undefined {
    if (!this.folders.has('')) return {key: '', oid: this.revision.tree}
    let folder = this.folders.get('')
    let walked = ''
    for (const name of key === '' ? [] : key.split('/')) {
      const entry = folder?.get(name)
      if (entry?.type !== 'tree') return undefined
      walked = walked ? `${walked}/${name}` : name
      if (!this.folders.has(walked)) return {key: walked, oid: entry.oid}
      folder = this.folders.get(walked)
    }
    return undefined
  }

  private keyOf(relative: string): string {
    return this.prefix && relative ? `${this.prefix}/${relative}` : this.prefix || relative
  }

  /**
   * The repository path a workspace-relative path names, following symbolic
   * links that stand last in it and stay inside the workspace, as the working
   * tree does; or why it names nothing that may be read.
   */
  private locate(relativePath: string): {key: string; followedLink: boolean} | {problem: Unusable} {
    const start = normalizeRelative(relativePath)
    if (start === undefined) return {problem: 'outside'}
    let relative: string = start
    for (let hop = 0; hop < maxSymlinkHops; hop++) {
      const key = this.keyOf(relative)
      if (this.linkOnTheWay(key)) return {problem: 'link-folder'}
      const entry = key === '' ? undefined : this.entry(key)
      if (entry?.mode !== '120000') return {key, followedLink: hop > 0}
      const target = this.symlinkTarget(key, entry.oid)
      const next: string | undefined =
        target === undefined || target.startsWith('/')
          ? undefined
          : normalizeRelative(path.posix.join(path.posix.dirname(relative), target))
      if (next === undefined) return {problem: 'link-outside'}
      relative = next
    }
    return {problem: 'loop'}
  }

  /** Whether a folder on the way to `key` is a symbolic link (the workspace root's own folders are real trees). */
  private linkOnTheWay(key: string): boolean {
    let walked = ''
    for (const name of key.split('/').slice(0, -1)) {
      const mode = this.folder(walked)?.mode(name)
      if (mode !== '40000') return mode === '120000'
      walked = walked ? `${walked}/${name}` : name
    }
    return false
  }

  private symlinkTarget(key: string, oid: string): string | undefined {
    const cacheKey = `\0link:${key}`
    if (!this.texts.has(cacheKey)) this.texts.set(cacheKey, this.objects.read([oid])[0]?.content.toString('utf8'))
    return this.texts.get(cacheKey)
  }
}

function parentOf(key: string): string {
  const slash = key.lastIndexOf('/')
  return slash === -1 ? '' : key.slice(0, slash)
}
