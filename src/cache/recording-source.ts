import {normalizeRelative} from '../workspace/repo-path.js'
import type {FileSource} from '../workspace/source.js'
import {answers, historyKey, type Query, type Question} from './queries.js'

/**
 * A source that passes every question on to another and notes each distinct
 * question with its answer: what a check's result depends on.
 *
 * Whether a path exists or is a file, and the names of a folder, follow from
 * the folder's entries (names and kinds) when it is a folder reached without a
 * link and holding none: such questions are noted as one question about the
 * folder. A check that asks after every plan and spec of a long history then
 * depends on a few folders, not on thousands of paths, and a cached result
 * is taken in about the same time after five years as after one.
 */
export class RecordingSource implements FileSource {
  readonly root: string
  private readonly inner: FileSource
  private readonly asked = new Map<string, Query>()
  /** Folders whose entries answer for their paths, with their names (`undefined`: not such a folder). */
  private readonly summarised = new Map<string, string[] | undefined>()

  constructor(inner: FileSource) {
    this.inner = inner
    this.root = inner.root
  }

  /** Every question asked so far, first asked first. */
  get queries(): Query[] {
    return [...this.asked.values()]
  }

  exists(relativePath: string): boolean {
    const value = this.inner.exists(relativePath)
    if (!this.inSummarisedFolder(relativePath)) this.note('exists', relativePath, answers.flag(value))
    return value
  }

  isFile(relativePath: string): boolean {
    const value = this.inner.isFile(relativePath)
    if (!this.inSummarisedFolder(relativePath)) this.note('isFile', relativePath, answers.flag(value))
    return value
  }

  read(relativePath: string): string | undefined {
    const text = this.inner.read(relativePath)
    this.note('read', relativePath, answers.text(text, text === undefined ? undefined : this.inner.contentId?.(relativePath)))
    return text
  }

  /** Follows from the text read, which the `read` question records by its blob id. */
  isUtf8(relativePath: string): boolean | undefined {
    return this.inner.isUtf8?.(relativePath)
  }

  list(relativePath: string): string[] {
    const names = this.inner.list(relativePath)
    if (normalizeRelative(relativePath) !== relativePath || !this.summarise(relativePath)) this.note('list', relativePath, answers.names(names))
    return names
  }

  unusable(relativePath: string): string | undefined {
    const why = this.inner.unusable(relativePath)
    this.note('unusable', relativePath, answers.reason(why))
    return why
  }

  filesWhenAdded(relativePath: string, folder: string): string[] | undefined {
    const files = this.inner.filesWhenAdded?.(relativePath, folder)
    this.note('filesWhenAdded', historyKey(relativePath, folder), answers.files(files))
    return files
  }

  lastChanged(relativePath: string): number | undefined {
    const time = this.inner.lastChanged?.(relativePath)
    this.note('lastChanged', relativePath, answers.time(time))
    return time
  }

  warm(relativePaths: readonly string[]): void {
    this.inner.warm?.(relativePaths)
  }

  prefetch(relativePaths: readonly string[]): void {
    this.inner.prefetch?.(relativePaths)
  }

  /**
   * Whether the folder a path is in answers, by its entries, whether the path
   * exists and is a file — the same way in every source: a path written in
   * its plain form (no `./`, `..`, `//` or trailing slash, which sources
   * may read differently) whose name no entry matches only up to case or
   * Unicode normalisation (which a case-insensitive disk would match).
   */
  private inSummarisedFolder(relativePath: string): boolean {
    if (relativePath === '' || normalizeRelative(relativePath) !== relativePath) return false
    const slash = relativePath.lastIndexOf('/')
    const folder = slash === -1 ? '' : relativePath.slice(0, slash)
    const names = this.summarise(folder)
    if (!names) return false
    const name = relativePath.slice(slash + 1)
    const loose = looseName(name)
    return !names.some((other) => other !== name && looseName(other) === loose)
  }

  /** Notes a folder's entries once, when they answer for its paths; the names, or `undefined` when they do not. */
  private summarise(folder: string): string[] | undefined {
    if (!this.summarised.has(folder)) {
      const entries = this.inner.entries?.(folder)
      const answering = entries !== undefined && entries.every(([, kind]) => kind !== 'link')
      if (answering) this.note('entries', folder, answers.entries(entries))
      this.summarised.set(folder, answering ? entries.map(([name]) => name) : undefined)
    }
    return this.summarised.get(folder)
  }

  private note(question: Question, relativePath: string, answer: string): void {
    const key = `${question}\0${relativePath}`
    if (!this.asked.has(key)) this.asked.set(key, [question, relativePath, answer])
  }
}

function looseName(name: string): string {
  return name.normalize('NFC').toLowerCase()
}
