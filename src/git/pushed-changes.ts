/**
 * Which folders of a monorepo the commits of a pushed ref change, told from
 * git's tree objects: a folder changed where its tree id differs, so a push
 * that changes one workspace of twenty reads the trees on the way to the
 * changes and nothing of the other workspaces. No file is read.
 */
import type {CatFile} from './cat-file.js'
import {resolveCommits} from './commit.js'
import {git, isNullOid} from './run.js'
import {Tree} from './tree.js'

export interface FolderChanges {
  /** The folders (of those asked about) in which something changed. */
  folders: Set<string>
  /** Whether something changed outside every folder asked about. */
  outside: boolean
}

/**
 * What the ref's new commits change: the difference between the remote's
 * commit and the local one, when git has the remote's; for a new ref (or a
 * remote commit git does not have), what each commit not yet on any remote
 * ref changes against its parents (a merge, what it changes against every
 * one of them: what it brings from a parent is that parent's change).
 */
export function pushedChanges(
  objects: CatFile,
  cwd: string,
  ref: {localOid: string; remoteOid: string},
  folders: readonly string[]
): FolderChanges {
  const reader = new TreeReader(objects, folders)
  const [local, remote] = resolveCommits(
    objects,
    isNullOid(ref.remoteOid) ? [ref.localOid] : [ref.localOid, ref.remoteOid]
  )
  if (!local) return {folders: new Set(), outside: false}
  if (remote) return reader.compare(local.tree, remote.tree)
  const changes: FolderChanges = {folders: new Set(), outside: false}
  const lines = git(['rev-list', '--parents', ref.localOid, '--not', '--remotes'], {cwd})
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
  const commits = lines.map((line) => line.split(' '))
  const all = [...new Set(commits.flat())]
  const trees = new Map(
    resolveCommits(objects, all).flatMap((commit, index) => (commit ? [[all[index]!, commit.tree] as const] : []))
  )
  for (const [oid, ...parents] of commits) {
    const tree = trees.get(oid!)
    const against =
      parents.length === 0
        ? [reader.compare(tree, undefined)]
        : parents.map((parent) => reader.compare(tree, trees.get(parent)))
    for (const folder of against[0]!.folders)
      if (against.every((change) => change.folders.has(folder))) changes.folders.add(folder)
    if (against.every((change) => change.outside)) changes.outside = true
  }
  return changes
}

/** Compares trees down to the folders asked about, each tree object read once. */
class TreeReader {
  private readonly objects: CatFile
  private readonly folders: ReadonlySet<string>
  /** Folders on the way to those asked about. */
  private readonly ancestors = new Set<string>()
  private readonly trees = new Map<string, Tree | undefined>()

  constructor(objects: CatFile, folders: readonly string[]) {
    this.objects = objects
    this.folders = new Set(folders)
    for (const folder of folders) {
      const names = folder.split('/')
      for (let length = 1; length < names.length; length++) this.ancestors.add(names.slice(0, length).join('/'))
    }
  }

  /** What differs between two trees (`undefined`: an empty tree). */
  compare(a: string | undefined, b: string | undefined): FolderChanges {
    const changes: FolderChanges = {folders: new Set(), outside: false}
    this.walk('', a, b, changes)
    return changes
  }

  private walk(folder: string, a: string | undefined, b: string | undefined, changes: FolderChanges): void {
    if (a === b) return
    this.load([a, b])
    const [left, right] = [this.tree(a), this.tree(b)]
    const names = new Set([...(left?.names() ?? []), ...(right?.names() ?? [])])
    for (const name of names) {
      const one = left?.get(name)
      const other = right?.get(name)
      if (one?.oid === other?.oid && one?.mode === other?.mode) continue
      const path = folder === '' ? name : `${folder}/${name}`
      if (this.folders.has(path)) changes.folders.add(path)
      else if (this.ancestors.has(path))
        this.walk(
          path,
          one?.type === 'tree' ? one.oid : undefined,
          other?.type === 'tree' ? other.oid : undefined,
          changes
        )
      else changes.outside = true
      // A file where an ancestor folder stood (or the other way round) is a change outside the workspaces too.
      if (this.ancestors.has(path) && (one?.type === 'blob' || other?.type === 'blob')) changes.outside = true
    }
  }

  /** Reads, in one round trip, the trees not read yet. */
  private load(oids: ReadonlyArray<string | undefined>): void {
    const wanted = [...new Set(oids.filter((oid): oid is string => oid !== undefined && !this.trees.has(oid)))]
    this.objects.read(wanted).forEach((object, index) => {
      const oid = wanted[index]!
      this.trees.set(oid, object?.type === 'tree' ? new Tree(object.content, oid.length / 2) : undefined)
    })
  }

  private tree(oid: string | undefined): Tree | undefined {
    return oid === undefined ? undefined : this.trees.get(oid)
  }
}
