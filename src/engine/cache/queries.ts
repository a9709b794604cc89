/**
 * What a check asked of its files, and what it was told: the questions of
 * {@link FileSource}, each with its answer as a short string. A check is a
 * function of its options and of these answers alone (rules read files only
 * through the source), so when every question of an earlier check gets the
 * same answer again, its result holds again — whichever source answers: a
 * file of the working tree and the same file in a commit answer alike.
 */
import {createHash} from 'node:crypto'
import {gitBlobOid} from '../../tokens/blob-oid.js'
import type {FileSource} from '../../workspace/source.js'

export type Question =
  'exists' | 'isFile' | 'read' | 'list' | 'unusable' | 'entries' | 'kinds' | 'filesWhenAdded' | 'lastChanged'

/**
 * One question about a repository-relative path and the answer it got;
 * `kinds` also names the entries of the folder it asks about.
 */
export type Query = [question: Question, path: string, answer: string, names?: string[]]

export const answers = {
  flag: (value: boolean): string => (value ? '1' : '0'),
  /** The git blob id of the text read, `''` for nothing read. */
  text: (text: string | undefined, contentId: string | undefined): string =>
    text === undefined ? '' : (contentId ?? gitBlobOid(text)),
  /** A folder's names, in the order given, as one digest (names never hold a NUL). */
  names: (names: readonly string[]): string =>
    names.length === 0 ? '' : createHash('sha1').update(names.join('\0')).digest('hex'),
  reason: (why: string | undefined): string => why ?? '',
  /** A list of paths, or none at all (`-`: no history to ask), as one digest. */
  files: (files: readonly string[] | undefined): string =>
    files === undefined
      ? '-'
      : createHash('sha1')
          .update([...files].sort().join('\0'))
          .digest('hex'),
  time: (time: number | undefined): string => (time === undefined ? '' : String(time)),
  /** A folder's names and kinds, `''` when it is no folder reached without a link. */
  entries: (entries: ReadonlyArray<readonly [string, string]> | undefined): string => {
    if (entries === undefined) return ''
    let text = String(entries.length)
    for (const [name, kind] of entries) text += `\0${name}\0${kind}`
    return createHash('sha1').update(text).digest('hex')
  },
  /**
   * What stands at some names of a folder, `''` when it is no folder reached
   * without a link: for each name, every entry that matches it up to case and
   * Unicode normalisation (what a case-insensitive disk would open), with its
   * kind. Only these names decide whether the paths asked about exist and are
   * files: an entry no question named (an ignored `node_modules/`, a `.env`)
   * may come and go.
   */
  kinds: (entries: ReadonlyArray<readonly [string, string]> | undefined, names: readonly string[]): string => {
    if (entries === undefined) return ''
    const byLooseName = new Map<string, Array<readonly [string, string]>>()
    for (const entry of entries) {
      const loose = looseName(entry[0])
      const same = byLooseName.get(loose)
      if (same) same.push(entry)
      else byLooseName.set(loose, [entry])
    }
    const matches = names.map((name) => [name, ...(byLooseName.get(looseName(name)) ?? [])])
    return createHash('sha1').update(JSON.stringify(matches)).digest('hex')
  }
}

/** A name as a case-insensitive, normalising disk compares it. */
export function looseName(name: string): string {
  return name.normalize('NFC').toLowerCase()
}

/** The answer `source` gives now; reading a file only where the source cannot name its content otherwise. */
export function ask(source: FileSource, [question, relativePath, , names]: Query): string {
  switch (question) {
    case 'exists':
      return answers.flag(source.exists(relativePath))
    case 'isFile':
      return answers.flag(source.isFile(relativePath))
    case 'read':
      return source.contentId
        ? (source.contentId(relativePath) ?? '')
        : answers.text(source.read(relativePath), undefined)
    case 'list':
      return answers.names(source.list(relativePath))
    case 'unusable':
      return answers.reason(source.unusable(relativePath))
    case 'entries':
      return answers.entries(source.entries?.(relativePath))
    case 'kinds':
      return answers.kinds(source.entries?.(relativePath), names ?? [])
    case 'filesWhenAdded': {
      const [file, folder] = relativePath.split('\0') as [string, string]
      return answers.files(source.filesWhenAdded?.(file, folder))
    }
    case 'lastChanged':
      return answers.time(source.lastChanged?.(relativePath))
  }
}

/** How a question about a file's history and a folder is written as one path: both, NUL between (no path holds a NUL). */
export function historyKey(file: string, folder: string): string {
  return `${file}\0${folder}`
}

/** Whether every query gets the same answer from `source` (asked in order; the first difference ends it). */
export function stillHolds(queries: readonly Query[], source: FileSource): boolean {
  source.warm?.(queries.map(([, relativePath]) => relativePath))
  return queries.every((query) => ask(source, query) === query[2])
}
