/** One entry of a git tree object. */
export interface TreeEntry {
  /** `100644`, `100755`, `120000` (symbolic link), `40000` (folder), `160000` (submodule). */
  readonly mode: string
  readonly type: 'blob' | 'tree' | 'commit'
  readonly oid: string
}

/**
 * A tree object as `git cat-file --batch` gives it: entries
 * `<mode> <name>\0<raw object id>`, the id 20 bytes long (SHA-1) or 32
 * (SHA-256). Only the names are indexed when it is read; an entry's mode and
 * id are read from the bytes when asked for. The bytes are scanned as one
 * Latin-1 string (a character per byte, so indexes are byte offsets; a space
 * or NUL never occurs inside a UTF-8 sequence): in a hook that runs once, a
 * 2,000-entry folder is indexed in a fraction of a millisecond, where an
 * object per entry cost several.
 */
export class Tree {
  private readonly content: Buffer
  private readonly text: string
  private readonly oidBytes: number
  /** Name → offset of the entry's mode. */
  private readonly offsets = new Map<string, number>()

  constructor(content: Buffer, oidBytes: number) {
    this.content = content
    this.text = content.toString('latin1')
    this.oidBytes = oidBytes
    const text = this.text
    let at = 0
    while (at < text.length) {
      const space = text.indexOf(' ', at)
      const nul = space === -1 ? -1 : text.indexOf('\0', space)
      if (nul === -1 || nul + 1 + oidBytes > text.length) break
      const name = text.slice(space + 1, nul)
      this.offsets.set(nonAscii.test(name) ? content.toString('utf8', space + 1, nul) : name, at)
      at = nul + 1 + oidBytes
    }
  }

  /** The names, in the tree's order. */
  names(): IterableIterator<string> {
    return this.offsets.keys()
  }

  /** The mode of the entry named, `undefined` for none. */
  mode(name: string): string | undefined {
    const at = this.offsets.get(name)
    return at === undefined ? undefined : this.text.slice(at, this.text.indexOf(' ', at))
  }

  /** What the entry named is, told by its mode's first digits: `12…` a link, `4…` a folder, `16…` a submodule (a folder on disk). */
  kind(name: string): 'file' | 'folder' | 'link' | undefined {
    const at = this.offsets.get(name)
    if (at === undefined) return undefined
    const first = this.text.charCodeAt(at)
    const second = this.text.charCodeAt(at + 1)
    if (first === 0x34 || (first === 0x31 && second === 0x36)) return 'folder'
    return first === 0x31 && second === 0x32 ? 'link' : 'file'
  }

  get(name: string): TreeEntry | undefined {
    const at = this.offsets.get(name)
    if (at === undefined) return undefined
    const mode = this.text.slice(at, this.text.indexOf(' ', at))
    const idAt = this.text.indexOf('\0', at) + 1
    const oid = this.content.toString('hex', idAt, idAt + this.oidBytes)
    return {mode, type: mode === '40000' ? 'tree' : mode === '160000' ? 'commit' : 'blob', oid}
  }
}

const nonAscii = /[\u0080-\uffff]/
