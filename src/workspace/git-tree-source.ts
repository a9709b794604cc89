import path from 'node:path'
import type {CatFile} from '../git/cat-file.js'
import type {CommitInfo} from '../git/commit.js'
import {listTree, type TreeEntry} from '../git/tree.js'
import type {FileSource} from './source.js'

const maxSymlinkHops = 8

/**
 * Files as they are in a commit's tree, read from git objects and never from
 * the working tree, so an uncommitted or unstaged file does not count. The
 * listing is one `git ls-tree` run; contents come from a shared
 * {@link CatFile} (one long-lived `git cat-file --batch`), on demand or in
 * one round trip for many files with {@link prefetch}.
 */
export class GitTreeSource implements FileSource {
  readonly root: string
  readonly revision: CommitInfo
  private readonly entries: Map<string, TreeEntry>
  private readonly folders = new Map<string, string[]>()
  private readonly texts = new Map<string, string | undefined>()
  private readonly objects: CatFile

  /**
   * @param root absolute path of the workspace root in the working tree (paths in reports are relative to it)
   * @param prefix the workspace root's folder inside the repository, `''` at its top
   */
  constructor(root: string, revision: CommitInfo, objects: CatFile, options: {cwd: string; prefix: string}) {
    this.root = path.resolve(root)
    this.revision = revision
    this.objects = objects
    this.entries = listTree(options.cwd, revision.tree, options.prefix)
    this.folders.set('', [])
    for (const entryPath of this.entries.keys()) {
      const slash = entryPath.lastIndexOf('/')
      const folder = slash === -1 ? '' : entryPath.slice(0, slash)
      let names = this.folders.get(folder)
      if (!names) this.folders.set(folder, (names = []))
      names.push(entryPath.slice(slash + 1))
    }
  }

  exists(relativePath: string): boolean {
    const key = this.resolve(relativePath)
    return key !== undefined && (key === '' || this.entries.has(key))
  }

  isFile(relativePath: string): boolean {
    const key = this.resolve(relativePath)
    return key !== undefined && this.entries.get(key)?.type === 'blob'
  }

  read(relativePath: string): string | undefined {
    const key = this.resolve(relativePath)
    if (key === undefined || this.entries.get(key)?.type !== 'blob') return undefined
    if (!this.texts.has(key)) this.prefetch([key])
    return this.texts.get(key)
  }

  list(relativePath: string): string[] {
    const key = this.resolve(relativePath)
    return key === undefined ? [] : [...(this.folders.get(key) ?? [])]
  }

  /** Reads the files among `relativePaths` not read yet, in one round trip; later {@link read}s cost nothing. */
  prefetch(relativePaths: readonly string[]): void {
    const wanted = new Map<string, string>()
    for (const relativePath of relativePaths) {
      const key = this.resolve(relativePath)
      const entry = key === undefined ? undefined : this.entries.get(key)
      if (key !== undefined && entry?.type === 'blob' && !this.texts.has(key)) wanted.set(key, entry.oid)
    }
    if (wanted.size === 0) return
    const objects = this.objects.read([...wanted.values()])
    let index = 0
    for (const key of wanted.keys()) this.texts.set(key, objects[index++]?.content.toString('utf8'))
  }

  /** The tree path a relative path names, following symbolic links inside the tree; `undefined` outside it. */
  private resolve(relativePath: string): string | undefined {
    let key = normalize(relativePath)
    for (let hop = 0; key !== undefined && hop < maxSymlinkHops; hop++) {
      const entry = this.entries.get(key)
      if (entry?.mode !== '120000') return key
      const target = this.symlinkTarget(key, entry)
      if (target === undefined || target.startsWith('/')) return undefined
      key = normalize(path.posix.join(path.posix.dirname(key), target))
    }
    return undefined
  }

  private symlinkTarget(key: string, entry: TreeEntry): string | undefined {
    const cacheKey = `\0link:${key}`
    if (!this.texts.has(cacheKey)) this.texts.set(cacheKey, this.objects.read([entry.oid])[0]?.content.toString('utf8'))
    return this.texts.get(cacheKey)
  }
}

/** `a/./b/`, `./a`, `a//b` → `a/b`; `.` → `''`; `undefined` for a path that leaves the root or is absolute. */
function normalize(relativePath: string): string | undefined {
  const posix = relativePath.split(path.sep).join('/')
  if (posix.startsWith('/')) return undefined
  const normalized = path.posix.normalize(posix).replace(/\/+$/, '')
  if (normalized === '.' || normalized === '') return ''
  if (normalized === '..' || normalized.startsWith('../')) return undefined
  return normalized
}
