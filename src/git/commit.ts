import {UsageError} from '../config/errors.js'
import type {CatFile, GitObject} from './cat-file.js'

/** What the checks need to know about a commit. */
export interface CommitInfo {
  /** The commit's object id (tags peeled). */
  oid: string
  /** Its tree's object id. */
  tree: string
  /** The committer date, YYYY-MM-DD, on the committer's clock (the day the work was committed). */
  date: string
  /** Its parents' object ids, as the commit object names them. */
  parents: string[]
}

/**
 * Resolves revisions (`HEAD`, a branch, a tag — annotated tags are peeled —
 * or an object id) to commits, in one round trip; `undefined` for a name that
 * is not a commit or not there (a remote oid unknown locally, a tag of a tree).
 */
export function resolveCommits(catFile: CatFile, revisions: readonly string[]): Array<CommitInfo | undefined> {
  return catFile
    .read(revisions.map((revision) => `${revision}^{commit}`))
    .map((object) => (object ? parseCommit(object) : undefined))
}

export function resolveCommit(catFile: CatFile, revision: string): CommitInfo {
  const commit = resolveCommits(catFile, [revision])[0]
  if (!commit) throw new UsageError(`--commit ${revision}: not a commit in this repository`)
  return commit
}

export function parseCommit(object: GitObject): CommitInfo {
  const text = object.content.toString('utf8')
  const headerEnd = text.indexOf('\n\n')
  const header = headerEnd === -1 ? text : text.slice(0, headerEnd)
  const tree = /^tree ([0-9a-f]+)$/m.exec(header)?.[1]
  const committer = /^committer .* (\d+) ([+-])(\d\d)(\d\d)$/m.exec(header)
  if (object.type !== 'commit' || !tree || !committer)
    throw new UsageError(`git object ${object.oid} is not a readable commit`)
  const offsetMinutes = (committer[2] === '-' ? -1 : 1) * (Number(committer[3]) * 60 + Number(committer[4]))
  const local = new Date((Number(committer[1]) + offsetMinutes * 60) * 1000)
  const parents = [...header.matchAll(/^parent ([0-9a-f]+)$/gm)].map((match) => match[1]!)
  return {oid: object.oid, tree, date: local.toISOString().slice(0, 10), parents}
}
