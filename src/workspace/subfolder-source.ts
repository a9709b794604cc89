import path from 'node:path'
import type {WorkspacePlace} from './place.js'
import {normalizeRelative} from './repo-path.js'
import type {EntryKind, FileSource, Unusable} from './source.js'

/**
 * A workspace that is a folder of a larger repository (a monorepo's
 * workspace), seen through a source of the whole repository: paths are
 * relative to the workspace's folder, as its config writes them, and a path
 * that climbs out of it with `..` names a file of the repository — never one
 * beyond the repository's root. Every question goes to the repository's
 * source as a path from the repository root, so a cached result (which notes
 * the questions of that source) stays sound whatever the workspace reads of
 * its siblings or of the root.
 */
export class SubfolderSource implements FileSource {
  /** The workspace's folder on disk (absolute): reports name files relative to it. */
  readonly root: string
  readonly place: WorkspacePlace
  /** The whole repository's files. */
  readonly repository: FileSource

  /** The git blob id of a file, where the repository's source knows it without reading (absent where it does not). */
  readonly contentId?: (relativePath: string) => string | undefined

  constructor(repository: FileSource, place: WorkspacePlace) {
    this.repository = repository
    this.place = place
    this.root = path.join(repository.root, place.folder)
    if (repository.contentId) {
      this.contentId = (relativePath) => {
        const inner = this.inRepository(relativePath)
        return inner === undefined ? undefined : repository.contentId!(inner)
      }
    }
  }

  /** The path from the repository root, `undefined` for one beyond it. */
  inRepository(relativePath: string): string | undefined {
    return normalizeRelative(path.posix.join(this.place.folder, relativePath.split(path.sep).join('/')))
  }

  exists(relativePath: string): boolean {
    const inner = this.inRepository(relativePath)
    return inner !== undefined && this.repository.exists(inner)
  }

  isFile(relativePath: string): boolean {
    const inner = this.inRepository(relativePath)
    return inner !== undefined && this.repository.isFile(inner)
  }

  read(relativePath: string): string | undefined {
    const inner = this.inRepository(relativePath)
    return inner === undefined ? undefined : this.repository.read(inner)
  }

  list(relativePath: string): string[] {
    const inner = this.inRepository(relativePath)
    return inner === undefined ? [] : this.repository.list(inner)
  }

  unusable(relativePath: string): Unusable | undefined {
    const inner = this.inRepository(relativePath)
    return inner === undefined ? 'outside' : this.repository.unusable(inner)
  }

  entries(relativePath: string): Array<[string, EntryKind]> | undefined {
    const inner = this.inRepository(relativePath)
    return inner === undefined ? undefined : this.repository.entries?.(inner)
  }

  warm(relativePaths: readonly string[]): void {
    this.repository.warm?.(this.allInRepository(relativePaths))
  }

  prefetch(relativePaths: readonly string[]): void {
    this.repository.prefetch?.(this.allInRepository(relativePaths))
  }

  private allInRepository(relativePaths: readonly string[]): string[] {
    return relativePaths.flatMap((relativePath) => this.inRepository(relativePath) ?? [])
  }
}
