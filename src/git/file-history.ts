import {git} from './run.js'

/** A file as a tree holds it: mode (`100644`, `120000` a link, `000000` not there) and blob id. */
export interface FileVersion {
  mode: string
  oid: string
}

/** A commit that changed a file: the file in the commit, and in each of its parents. */
export interface FileChange {
  commit: string
  /** The file in the commit (mode `000000` when the commit removed it). */
  after: FileVersion
  /** The file in each parent (one for an ordinary commit, none for a root commit). */
  before: FileVersion[]
}

/**
 * The commits that change the file at `file` (relative to `cwd`), reachable
 * from `tips` but from none of `known` (ids the remote has: those it
 * can be missing locally) nor any remote-tracking ref: what a push sends
 * that the remote does not have. Every parent of a merge is followed, and a
 * merge counts only when the file differs from every parent (else it holds
 * a parent's version, which that parent's own commits brought). One `git
 * log` for them all; the blobs are not read.
 */
export function fileChanges(
  cwd: string,
  tips: readonly string[],
  known: readonly string[],
  file: string
): FileChange[] {
  const output = git(
    [
      ...['-c', 'log.showSignature=false', '-c', 'log.follow=false', '-c', 'log.showRoot=true'],
      ...['log', '--no-color', '--full-history', '-m', '--raw', '--no-abbrev', '--no-renames', '--format=%x01%H %P'],
      ...['--ignore-missing', '--stdin', '--not', '--remotes', '--', `:(literal)${file}`]
    ],
    {cwd, input: `${[...tips, ...known.map((oid) => `^${oid}`)].join('\n')}\n`}
  ).toString('utf8')
  const commits = new Map<string, {parents: string[]; after: FileVersion | undefined; before: FileVersion[]}>()
  let current: {parents: string[]; after: FileVersion | undefined; before: FileVersion[]} | undefined
  for (const line of output.split('\n')) {
    if (line.startsWith('\x01')) {
      const [oid, ...parents] = line.slice(1).trim().split(' ')
      current = commits.get(oid!) ?? {parents, after: undefined, before: []}
      commits.set(oid!, current)
      continue
    }
    // `:<old mode> <new mode> <old id> <new id> <status>\t<path>`, once per parent the commit differs from.
    const raw = /^:(\d{6}) (\d{6}) ([\da-f]+) ([\da-f]+) /.exec(line)
    if (!raw || !current) continue
    current.after = {mode: raw[2]!, oid: raw[4]!}
    if (current.parents.length > 0) current.before.push({mode: raw[1]!, oid: raw[3]!})
  }
  return [...commits].flatMap(([commit, {parents, after, before}]) =>
    after !== undefined && before.length === parents.length ? [{commit, after, before}] : []
  )
}
