/** One entry of a git tree object. */
export interface TreeEntry {
  /** `100644`, `100755`, `120000` (symbolic link), `40000` (folder), `160000` (submodule). */
  readonly mode: string
  readonly type: 'blob' | 'tree' | 'commit'
  readonly oid: string
}

/** An entry whose object id is turned into hex only when asked: most entries of a large folder never are. */
class ParsedEntry implements TreeEntry {
  readonly mode: string
  readonly type: 'blob' | 'tree' | 'commit'
  private readonly content: Buffer
  private readonly at: number
  private readonly bytes: number
  private hex: string | undefined

  constructor(mode: string, content: Buffer, at: number, bytes: number) {
    this.mode = mode
    this.type = mode === '40000' ? 'tree' : mode === '160000' ? 'commit' : 'blob'
    this.content = content
    this.at = at
    this.bytes = bytes
  }

  get oid(): string {
    this.hex ??= this.content.toString('hex', this.at, this.at + this.bytes)
    return this.hex
  }
}

const nonAscii = /[^\x00-\x7f]/

/**
 * Parses a tree object as `git cat-file --batch` gives it: entries
 * `<mode> <name>\0<raw object id>`, the id 20 bytes long (SHA-1) or 32
 * (SHA-256). The bytes are scanned as one Latin-1 string (a character per
 * byte, so indexes are byte offsets; a space or NUL never occurs inside a
 * UTF-8 sequence): in a hook that runs once, a few native calls on a
 * 2,000-entry folder cost a quarter of one call per field.
 */
export function parseTree(content: Buffer, oidBytes: number): Map<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>()
  const text = content.toString('latin1')
  let at = 0
  while (at < text.length) {
    const space = text.indexOf(' ', at)
    const nul = space === -1 ? -1 : text.indexOf('\0', space)
    if (nul === -1 || nul + 1 + oidBytes > text.length) break
    const latin1Name = text.slice(space + 1, nul)
    const name = nonAscii.test(latin1Name) ? content.toString('utf8', space + 1, nul) : latin1Name
    entries.set(name, new ParsedEntry(text.slice(at, space), content, nul + 1, oidBytes))
    at = nul + 1 + oidBytes
  }
  return entries
}
