import path from 'node:path'
import type {FileSource, Unusable} from './source.js'

/**
 * A source with some files replaced or added in memory: what `--fix` checks
 * between passes, before anything is written.
 */
export class OverlaySource implements FileSource {
  readonly root: string
  private readonly base: FileSource
  private readonly texts = new Map<string, string>()

  constructor(base: FileSource) {
    this.base = base
    this.root = base.root
  }

  get place() {
    return this.base.place
  }

  set(relativePath: string, text: string): void {
    this.texts.set(relativePath, text)
  }

  changed(): ReadonlyMap<string, string> {
    return this.texts
  }

  exists(relativePath: string): boolean {
    return this.texts.has(relativePath) || this.isFolderOfNewFile(relativePath) || this.base.exists(relativePath)
  }

  isFile(relativePath: string): boolean {
    return this.texts.has(relativePath) || this.base.isFile(relativePath)
  }

  read(relativePath: string): string | undefined {
    return this.texts.get(relativePath) ?? this.base.read(relativePath)
  }

  isUtf8(relativePath: string): boolean | undefined {
    // A text fixed in memory is written as UTF-8.
    return this.texts.has(relativePath) ? true : this.base.isUtf8?.(relativePath)
  }

  unusable(relativePath: string): Unusable | undefined {
    return this.texts.has(relativePath) ? undefined : this.base.unusable(relativePath)
  }

  filesWhenAdded(relativePath: string, folder: string): string[] | undefined {
    return this.base.filesWhenAdded?.(relativePath, folder)
  }

  sibling(folder: string): FileSource | undefined {
    return this.base.sibling?.(folder)
  }

  lastChanged(relativePath: string): number | undefined {
    return this.base.lastChanged?.(relativePath)
  }

  list(relativePath: string): string[] {
    const names = new Set(this.base.list(relativePath))
    const prefix = relativePath === '' || relativePath === '.' ? '' : `${relativePath}/`
    for (const file of this.texts.keys()) {
      if (!file.startsWith(prefix)) continue
      names.add(file.slice(prefix.length).split('/')[0]!)
    }
    return [...names]
  }

  private isFolderOfNewFile(relativePath: string): boolean {
    return [...this.texts.keys()].some((file) => {
      const folder = path.posix.dirname(file)
      return folder === relativePath || folder.startsWith(`${relativePath}/`)
    })
  }
}
