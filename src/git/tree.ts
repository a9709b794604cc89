/** One entry of a git tree object. */
export interface TreeEntry {
  /** `100644`, `100755`, `120000` (symbolic link), `40000` (folder), `160000` (submodule). */
  mode: string
  type: 'blob' | 'tree' | 'commit'
  oid: string
}

/**
 * Parses a tree object as `git cat-file --batch` gives it: entries
 * `<mode> <name>\0<raw object id>`, the id 20 bytes long (SHA-1) or 32
 * (SHA-256).
 */
export function parseTree(content: Buffer, oidBytes: number): Map<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>()
  let at = 0
  while (at < content.length) {
    const space = content.indexOf(0x20, at)
    const nul = content.indexOf(0, space)
    if (space === -1 || nul === -1 || nul + 1 + oidBytes > content.length) break
    const mode = content.toString('latin1', at, space)
    const name = content.toString('utf8', space + 1, nul)
    const oid = content.toString('hex', nul + 1, nul + 1 + oidBytes)
    const type = mode === '40000' ? 'tree' : mode === '160000' ? 'commit' : 'blob'
    entries.set(name, {mode, type, oid})
    at = nul + 1 + oidBytes
  }
  return entries
}
