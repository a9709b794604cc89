import ignoreModule, {type Ignore} from 'ignore'
import {alwaysIgnored, ignoreFileNames} from '../config/defaults.js'
import type {SopLintConfig} from '../config/schema.js'
import type {FileSource} from './source.js'

/** The `ignore` package is CommonJS: its factory is the module, and also its `default`, which is what TypeScript sees. */
const ignore = ignoreModule.default

interface Layer {
  /** What the reason names: the ignore file, or the config's key. */
  name: string
  /** The folder its patterns are relative to (`''` for the root). */
  folder: string
  matcher: Ignore
}

/**
 * What sop-lint leaves out when it finds files itself: node_modules/ and
 * .git/, the config's `ignores`, .sop-lintignore and .remarkignore in the root,
 * and (unless `gitignore` is off) every .gitignore from the root down to the
 * file's folder, a deeper one overriding a shallower one as in git. Ignore
 * files are read through the source, so the hook reads a commit's own.
 */
export class IgnoreRules {
  private readonly source: FileSource
  private readonly config: SopLintConfig
  private rootLayers: Layer[] | undefined
  private readonly gitignores = new Map<string, Layer | undefined>()

  constructor(source: FileSource, config: SopLintConfig) {
    this.source = source
    this.config = config
  }

  /**
   * Why a repository-relative path is left out (`.gitignore`, `ignores in
   * the config`, …); `undefined` when it is not. A folder is written with a
   * trailing `/`, as in .gitignore.
   */
  reason(relativePath: string): string | undefined {
    let reason: string | undefined
    for (const layer of this.layersFor(relativePath.replace(/\/$/, ''))) {
      const inside = layer.folder === '' ? relativePath : relativePath.slice(layer.folder.length + 1)
      const result = layer.matcher.test(inside)
      if (result.ignored) reason = layer.name
      else if (result.unignored) reason = undefined
    }
    return reason
  }

  private layersFor(relativePath: string): Layer[] {
    if (!this.rootLayers) {
      const layers: Layer[] = [{name: 'always', folder: '', matcher: ignore().add([...alwaysIgnored])}]
      if (this.config.ignores.length > 0)
        layers.push({name: 'ignores in the config', folder: '', matcher: ignore().add(this.config.ignores)})
      for (const name of ignoreFileNames) {
        const text = this.source.isFile(name) ? this.source.read(name) : undefined
        if (text !== undefined) layers.push({name, folder: '', matcher: ignore().add(text)})
      }
      this.rootLayers = layers
    }
    if (!this.config.gitignore) return this.rootLayers
    const folders = relativePath.split('/').slice(0, -1)
    const nested = ['', ...folders.map((_, index) => folders.slice(0, index + 1).join('/'))].flatMap((folder) => {
      const layer = this.gitignoreIn(folder)
      return layer ? [layer] : []
    })
    return [...this.rootLayers, ...nested]
  }

  private gitignoreIn(folder: string): Layer | undefined {
    if (!this.gitignores.has(folder)) {
      const file = folder === '' ? '.gitignore' : `${folder}/.gitignore`
      const text = this.source.isFile(file) ? this.source.read(file) : undefined
      this.gitignores.set(folder, text === undefined ? undefined : {name: file, folder, matcher: ignore().add(text)})
    }
    return this.gitignores.get(folder)
  }
}
