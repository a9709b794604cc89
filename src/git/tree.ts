import {git} from './run.js'

/** One entry of a git tree, as `git ls-tree -l` lists it. */
export interface TreeEntry {
  /** `100644`, `100755`, `120000` (symbolic link), `040000` (folder), `160000` (submodule). */
  mode: string
  type: 'blob' | 'tree' | 'commit'
  oid: string
  /** Size in bytes of a blob. */
  size: number | undefined
}

/**
 * Every entry of a tree below `prefix` (a folder of the repository, `''` for
 * all of it), keyed by path relative to that folder: one `git ls-tree -r -t`
 * run, whatever the history's length.
 */
export function listTree(cwd: string, tree: string, prefix: string): Map<string, TreeEntry> {
  const args = ['ls-tree', '-r', '-t', '-z', '-l', '--full-tree', tree]
  if (prefix) args.push('--', prefix)
  const output = git(args, {cwd}).toString('utf8')
  const entries = new Map<string, TreeEntry>()
  const lead = prefix ? `${prefix}/` : ''
  for (const record of output.split('\0')) {
    const tab = record.indexOf('\t')
    if (tab === -1) continue
    const [mode, type, oid, size] = record.slice(0, tab).split(/ +/)
    const fullPath = record.slice(tab + 1)
    if (!fullPath.startsWith(lead) || fullPath === prefix) continue
    entries.set(fullPath.slice(lead.length), {
      mode: mode!,
      type: type as TreeEntry['type'],
      oid: oid!,
      size: size === undefined || size === '-' ? undefined : Number(size)
    })
  }
  return entries
}
