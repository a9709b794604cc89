import {isUtf8} from 'node:buffer'
import {
  accessSync,
  closeSync,
  constants,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  statSync,
  type Stats
} from 'node:fs'
import path from 'node:path'
import type {WorkspacePlace} from './place.js'
import {History} from '../git/history.js'
import {normalizeRelative} from './repo-path.js'

/**
 * Where the workspace's files come from. The working tree is one source; a
 * commit's tree is another (the pre-push hook), so checks never touch `fs`
 * directly. Two sources that hold the same files answer every question the
 * same way: that is what lets a check's result, recorded on one, be reused on
 * the other (see src/engine/cache/).
 */
export interface FileSource {
  /** Absolute path of the repository root. */
  readonly root: string
  /** Whether a file or folder exists at a repository-relative path. */
  exists(relativePath: string): boolean
  /** Whether a regular file exists at a repository-relative path. */
  isFile(relativePath: string): boolean
  /** Text of a file, or `undefined` when there is none. */
  read(relativePath: string): string | undefined
  /**
   * Whether the bytes of a file {@link read} gave were valid UTF-8: a “\uFFFD”
   * in the text of such a file is a character it holds, not a byte sequence
   * that could not be decoded. `undefined` when the source cannot tell.
   */
  isUtf8?(relativePath: string): boolean | undefined
  /** Names of the entries of a folder, sorted, or `[]` when there is none. */
  list(relativePath: string): string[]
  /**
   * Why something that stands at a path cannot be read as a file — a folder,
   * a symbolic link that loops or leads out of the repository, a file
   * without read permission —; `undefined` when it is a readable file or
   * nothing is there. Rules word it (src/rule/unusable.ts).
   */
  unusable(relativePath: string): Unusable | undefined
  /**
   * The git blob id of what {@link read} gives, where the source knows it
   * without reading the file (a commit's tree); `undefined` when it reads nothing.
   */
  contentId?(relativePath: string): string | undefined
  /**
   * The names of a folder with what each is, sorted by name, for a folder
   * reached without a symbolic link; `undefined` for anything else. Whether
   * a path in such a folder exists or is a file follows from these alone,
   * unless the entry is a link (src/engine/cache/ asks one question per folder
   * instead of one per file).
   */
  entries?(relativePath: string): Array<[name: string, kind: EntryKind]> | undefined
  /**
   * Where the workspace stands in its repository, for a source that sees the
   * repository around it (a monorepo's workspace): paths that climb out of
   * the workspace with `..` then name files of the repository.
   */
  readonly place?: WorkspacePlace | undefined
  /**
   * The files below `folder` in the tree of the commit that added `path`
   * (what the repository held when that file came): `undefined` where the
   * source has no history or `path` was never committed.
   */
  filesWhenAdded?(path: string, folder: string): string[] | undefined
  /** When the last commit that changed `path` was made (Unix seconds); `undefined` without history or commit. */
  lastChanged?(path: string): number | undefined
  /**
   * The files of another repository that `paths.siblings` maps, at `folder`
   * (from the repository root), answered by the same rules as this source's;
   * `undefined` where the source reads nothing outside the repository (a
   * commit's tree: the pre-push hook and `--commit` judge what was pushed).
   */
  sibling?(folder: string): FileSource | undefined
  /** A hint that these paths will be asked about: a source may fetch what that needs in one go. */
  warm?(relativePaths: readonly string[]): void
  /** A hint that these files will be read: a source may read them in one go. */
  prefetch?(relativePaths: readonly string[]): void
}

/**
 * Why a path cannot be read as a file: outside the repository, in a folder
 * reached through a symbolic link, a folder, a FIFO, socket or device
 * (`special`), a link that loops, leads out of the repository or to
 * nothing, or a file that cannot be read (with the error's code).
 */
export type Unusable =
  'outside' | 'link-folder' | 'folder' | 'special' | 'loop' | 'link-outside' | 'dangling' | `unreadable:${string}`

/** What stands at a name in a folder: a `file` is a regular file, `other` a FIFO, socket or device. */
export type EntryKind = 'file' | 'folder' | 'link' | 'other'

type Resolved = {stats: Stats; absolute: string} | {problem: Unusable | 'missing'}

/**
 * Files as they are on disk below `root`. Nothing outside the repository is
 * read: a symbolic link is followed only when it stands last in a path and
 * leads to a place inside the repository (as in a commit's tree: folders
 * reached through a link are not walked into, so link cycles end), and a
 * path that climbs out with `..` names nothing. Only regular files are read
 * (a FIFO would block).
 */
export class WorkingTreeSource implements FileSource {
  readonly root: string
  private realRootCache: string | undefined
  private historyCache: History | undefined
  /** For files read whose text holds a replacement character: whether their bytes were valid UTF-8. */
  private readonly utf8 = new Map<string, boolean>()
  private readonly realFolders = new Map<string, string | undefined>()

  constructor(root: string) {
    this.root = path.resolve(root)
  }

  exists(relativePath: string): boolean {
    return 'stats' in this.resolve(relativePath)
  }

  isFile(relativePath: string): boolean {
    const resolved = this.resolve(relativePath)
    return 'stats' in resolved && resolved.stats.isFile()
  }

  read(relativePath: string): string | undefined {
    const resolved = this.resolve(relativePath)
    if (!('stats' in resolved) || !resolved.stats.isFile()) return undefined
    try {
      const bytes = readRegularFile(resolved.absolute)
      if (bytes === undefined) return undefined
      const text = bytes.toString('utf8')
      // Only a text with a replacement character needs the answer; a valid file usually has none.
      if (text.includes('\uFFFD')) this.utf8.set(relativePath, isUtf8(bytes))
      return text
    } catch {
      return undefined
    }
  }

  isUtf8(relativePath: string): boolean | undefined {
    if (!this.utf8.has(relativePath) && this.read(relativePath) === undefined) return undefined
    return this.utf8.get(relativePath) ?? true
  }

  list(relativePath: string): string[] {
    const resolved = this.resolve(relativePath)
    if (!('stats' in resolved) || !resolved.stats.isDirectory()) return []
    try {
      return readdirSync(resolved.absolute)
        .filter((name) => name !== '.git')
        .sort()
    } catch {
      return []
    }
  }

  entries(relativePath: string): Array<[string, EntryKind]> | undefined {
    const resolved = this.resolve(relativePath)
    if (!('stats' in resolved) || !resolved.stats.isDirectory()) return undefined
    // Only a folder reached without a symbolic link: its real path is where its name puts it.
    if (resolved.absolute !== path.join(this.realRoot(), normalizeRelative(relativePath) ?? '')) return undefined
    try {
      return readdirSync(resolved.absolute, {withFileTypes: true})
        .filter((entry) => entry.name !== '.git')
        .map((entry): [string, EntryKind] => [
          entry.name,
          entry.isSymbolicLink() ? 'link' : entry.isFile() ? 'file' : entry.isDirectory() ? 'folder' : 'other'
        ])
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    } catch {
      return undefined
    }
  }

  filesWhenAdded(relativePath: string, folder: string): string[] | undefined {
    return this.history().filesWhenAdded(relativePath, folder)
  }

  /** Another working tree, with this one's rules: no link followed out of it, no `..` out of it, only regular files read. */
  sibling(folder: string): FileSource {
    return new WorkingTreeSource(path.resolve(this.root, folder))
  }

  lastChanged(relativePath: string): number | undefined {
    return this.history().lastChanged(relativePath)
  }

  /** The history of the commit checked out; files not committed yet are newer than every commit. */
  private history(): History {
    this.historyCache ??= new History(this.root, 'HEAD')
    return this.historyCache
  }

  unusable(relativePath: string): Unusable | undefined {
    const resolved = this.resolve(relativePath)
    if (!('stats' in resolved)) return resolved.problem === 'missing' ? undefined : resolved.problem
    if (resolved.stats.isDirectory()) return 'folder'
    if (!resolved.stats.isFile()) return 'special'
    try {
      accessSync(resolved.absolute, constants.R_OK)
      return undefined
    } catch (error) {
      return `unreadable:${errnoCode(error)}`
    }
  }

  /** The file or folder a repository-relative path names, with its stats, or why there is none. */
  private resolve(relativePath: string): Resolved {
    const posix = relativePath.split(path.sep).join('/')
    const normalized = path.posix.normalize(posix === '' ? '.' : posix)
    if (path.posix.isAbsolute(normalized) || normalized === '..' || normalized.startsWith('../')) {
      return {problem: 'outside'}
    }
    // git's own folder is not a file of the repository: a commit's tree has none.
    if (normalized.split('/').includes('.git')) return {problem: 'missing'}
    const absolute = path.join(this.root, normalized)
    const realRoot = this.realRoot()
    const folder = path.posix.dirname(normalized)
    if (normalized !== '.') {
      const realParent = this.realFolder(folder)
      const expected = path.join(realRoot, folder)
      // A missing folder, or one named in another case on a case-insensitive disk: nothing there, as in a commit's tree.
      if (
        realParent === undefined ||
        (realParent.toLowerCase() === expected.toLowerCase() && realParent !== expected)
      ) {
        return {problem: 'missing'}
      }
      if (realParent !== expected) return {problem: 'link-folder'}
    }
    let real: string
    try {
      real = realpathSync.native(absolute)
    } catch (error) {
      return linkProblem(absolute, error, realRoot)
    }
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return outsideLink
    try {
      return {stats: statSync(real), absolute: real}
    } catch (error) {
      return linkProblem(absolute, error, realRoot)
    }
  }

  private realRoot(): string {
    if (this.realRootCache === undefined) {
      try {
        this.realRootCache = realpathSync.native(this.root)
      } catch {
        this.realRootCache = this.root
      }
    }
    return this.realRootCache
  }

  /** The real path of a repository folder, or `undefined` when it cannot be resolved; cached per check. */
  private realFolder(folder: string): string | undefined {
    if (!this.realFolders.has(folder)) {
      let real: string | undefined
      try {
        real = realpathSync.native(path.join(this.root, folder))
      } catch {
        real = undefined
      }
      this.realFolders.set(folder, real)
    }
    return this.realFolders.get(folder)
  }
}

/** A file's text, when it is still a regular file as it is opened: a FIFO put in its place after the check is not waited on. */
function readRegularFile(absolute: string): Buffer | undefined {
  const fd = openSync(absolute, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  try {
    return fstatSync(fd).isFile() ? readFileSync(fd) : undefined
  } finally {
    closeSync(fd)
  }
}

const outsideLink: Resolved = {problem: 'link-outside'}

function linkProblem(absolute: string, error: unknown, realRoot: string): Resolved {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ELOOP') return {problem: 'loop'}
  let target: string | undefined
  try {
    target = readlinkSync(absolute)
  } catch {}
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    if (target === undefined) return {problem: 'missing'}
    // Where a link out of the repository leads is not looked at, whether something is there or not (as in a commit's tree).
    const leadsTo = path.resolve(path.dirname(absolute), target)
    if (path.isAbsolute(target) || (leadsTo !== realRoot && !leadsTo.startsWith(realRoot + path.sep)))
      return outsideLink
    return {problem: 'dangling'}
  }
  return {problem: `unreadable:${errnoCode(error)}`}
}

/** An error's code (`EACCES`), or its message when it has none. */
export function errnoCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message ?? String(error)
}
