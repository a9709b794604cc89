import {normalizeRelative} from '../../workspace/repo-path.js'
import type {EntryKind, FileSource, Unusable} from '../../workspace/source.js'
import {answers, historyKey, looseName, type Query, type Question} from './queries.js'

/** A folder whose entries answer for the paths in it: what was asked of it so far. */
interface FolderSummary {
  folder: string
  entries: Array<[string, EntryKind]>
  /** Names whose existence and kind were asked, through a path in the folder. */
  names: Set<string>
  /** Whether the folder's names were asked for (then every entry counts). */
  listed: boolean
}

/**
 * A source that passes every question on to another and notes each distinct
 * question with its answer: what a check's result depends on.
 *
 * Whether a path exists or is a file, and the names of a folder, follow from
 * the folder's entries (names and kinds) when it is a folder reached without a
 * link: such questions are noted as one question about the folder — about
 * the kinds of the names asked after, or, when its names were listed, about
 * all its entries. A check that asks after every plan and spec of a long
 * history then depends on a few folders, not on thousands of paths, and a
 * cached result is taken in about the same time after five years as after
 * one; an entry no question named (an ignored `node_modules/` or `.env` at
 * the root, which a commit's tree does not hold) does not stop the result
 * of the working tree from serving the commit.
 */
export class RecordingSource implements FileSource {
  readonly root: string
  private readonly inner: FileSource
  /** Questions in the order first asked; a folder's summary holds its place until {@link queries} words it. */
  private readonly asked = new Map<string, Query | FolderSummary>()
  /** Folders whose entries answer for their paths (`undefined`: not such a folder). */
  private readonly summaries = new Map<string, FolderSummary | undefined>()

  constructor(inner: FileSource) {
    this.inner = inner
    this.root = inner.root
  }

  /** Every question asked so far, first asked first. */
  get queries(): Query[] {
    return [...this.asked.values()].flatMap((query) => (Array.isArray(query) ? [query] : summaryQuery(query)))
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
    this.note(
      'read',
      relativePath,
      answers.text(text, text === undefined ? undefined : this.inner.contentId?.(relativePath))
    )
    return text
  }

  /** Follows from the text read, which the `read` question records by its blob id. */
  isUtf8(relativePath: string): boolean | undefined {
    return this.inner.isUtf8?.(relativePath)
  }

  list(relativePath: string): string[] {
    const names = this.inner.list(relativePath)
    const summary = normalizeRelative(relativePath) === relativePath ? this.summarise(relativePath) : undefined
    if (summary) summary.listed = true
    else this.note('list', relativePath, answers.names(names))
    return names
  }

  unusable(relativePath: string): Unusable | undefined {
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

  /** Not a question of this repository's files: a check that maps siblings keeps no result (see checkSource). */
  sibling(folder: string): FileSource | undefined {
    return this.inner.sibling?.(folder)
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
   * may read differently) none of whose entries, up to case and Unicode
   * normalisation (which a case-insensitive disk would match), is a link
   * (where a link leads may change while the folder does not). If so, its
   * name is noted with the folder.
   */
  private inSummarisedFolder(relativePath: string): boolean {
    if (relativePath === '' || normalizeRelative(relativePath) !== relativePath) return false
    const slash = relativePath.lastIndexOf('/')
    const summary = this.summarise(slash === -1 ? '' : relativePath.slice(0, slash))
    if (!summary) return false
    const name = relativePath.slice(slash + 1)
    const loose = looseName(name)
    if (summary.entries.some(([other, kind]) => kind === 'link' && looseName(other) === loose)) return false
    summary.names.add(name)
    return true
  }

  /** The summary of a folder reached without a link, made on first use; `undefined` for anything else. */
  private summarise(folder: string): FolderSummary | undefined {
    if (!this.summaries.has(folder)) {
      const entries = this.inner.entries?.(folder)
      const summary = entries === undefined ? undefined : {folder, entries, names: new Set<string>(), listed: false}
      if (summary) this.asked.set(`folder\0${folder}`, summary)
      this.summaries.set(folder, summary)
    }
    return this.summaries.get(folder)
  }

  private note(question: Question, relativePath: string, answer: string): void {
    const key = `${question}\0${relativePath}`
    if (!this.asked.has(key)) this.asked.set(key, [question, relativePath, answer])
  }
}

/** The question a folder's summary stands for: all its entries when it was listed, else the kinds of the names asked after (none: nothing was). */
function summaryQuery(summary: FolderSummary): Query[] {
  if (summary.listed) return [['entries', summary.folder, answers.entries(summary.entries)]]
  if (summary.names.size === 0) return []
  const names = [...summary.names].sort()
  return [['kinds', summary.folder, answers.kinds(summary.entries, names), names]]
}
