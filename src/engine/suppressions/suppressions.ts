/**
 * A baseline, as ESLint's bulk suppressions (ESLint 9.24) keep one: the
 * problems a workspace had when it adopted sop-lint, by file and rule, in
 * `sop-lint-suppressions.json` at the workspace root. A suppressed problem
 * neither fails a check nor blocks a push; a new one does. Each entry is a
 * fingerprint (src/suppressions/fingerprint.ts), never a line number, so the
 * file stays valid as the progress log and the ledger grow.
 */
import {UsageError} from '../../config/errors.js'
import type {FileSource} from '../../workspace/source.js'
import {fingerprintKey, fingerprintOf, type Fingerprint, type Locatable} from './fingerprint.js'

export const suppressionsFile = 'sop-lint-suppressions.json'

/** file → rule → fingerprints (a problem that occurs twice is listed twice). */
export type Suppressions = Record<string, Record<string, Array<Omit<Fingerprint, 'rule'>>>>

/** Judgements that no baseline may silence: a commit's freshness is of that commit, not of its files. */
const neverSuppressed = new Set(['plan-fresh'])

/** A file's problems as the check gives them, with a repository-relative path. */
export interface CheckedFile<Message extends Locatable & {fatal?: boolean | null | undefined}> {
  path: string
  messages: Message[]
}

/** The suppressions file of a source (the working tree, or the tree of the commit being checked); `undefined` when there is none. */
export function readSuppressions(source: FileSource): Suppressions | undefined {
  const text = source.read(suppressionsFile)
  if (text === undefined) return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new UsageError(
      `${suppressionsFile}: not valid JSON (${(error as Error).message}); fix it, or write it again with --suppress-all`
    )
  }
  const problem = shapeProblem(parsed)
  if (problem) throw new UsageError(`${suppressionsFile}: ${problem}; write it again with --suppress-all`)
  return parsed as Suppressions
}

function shapeProblem(value: unknown): string | undefined {
  const isObject = (item: unknown): item is Record<string, unknown> =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
  if (!isObject(value)) return 'expected an object of files'
  for (const [file, rules] of Object.entries(value)) {
    if (!isObject(rules)) return `"${file}": expected an object of rules`
    for (const [rule, entries] of Object.entries(rules)) {
      if (!Array.isArray(entries)) return `"${file}" › "${rule}": expected a list of problems`
      for (const entry of entries) {
        if (
          !isObject(entry) ||
          typeof entry.message !== 'string' ||
          (entry.row !== undefined && typeof entry.row !== 'string')
        ) {
          return `"${file}" › "${rule}": expected {"message": "…"} entries (with "row" on a CSV file)`
        }
      }
    }
  }
  return undefined
}

export interface Applied {
  /** Problems suppressed. */
  suppressed: number
  /** Entries that matched no problem (fixed since): what --prune-suppressions drops. */
  unused: number
}

/**
 * Takes the suppressed errors out of `files` (in place) and says how many;
 * warnings are never suppressed, nor are judgements of a commit (`plan-fresh`)
 * and problems of files that do not exist (a plan still to write). Unused
 * entries are counted for the files checked only: an older plan that is not
 * checked any more still has its history.
 */
export function applySuppressions<Message extends Locatable & {fatal?: boolean | null | undefined}>(
  files: Array<CheckedFile<Message>>,
  suppressions: Suppressions,
  source: FileSource
): Applied {
  const {matched, unused} = matchSuppressions(files, suppressions, source)
  for (const file of files) file.messages = file.messages.filter((message) => !matched.has(message))
  return {suppressed: matched.size, unused}
}

/** The messages of `files` that the suppressions match, each entry matching one message, and the entries of checked files left unmatched. */
export function matchSuppressions<Message extends Locatable & {fatal?: boolean | null | undefined}>(
  files: ReadonlyArray<CheckedFile<Message>>,
  suppressions: Suppressions,
  source: FileSource
): {matched: Set<Message>; unused: number} {
  const matched = new Set<Message>()
  let unused = 0
  for (const file of files) {
    const rules = suppressions[file.path]
    if (!rules) continue
    const left = new Map<string, number>()
    for (const [rule, entries] of Object.entries(rules)) {
      for (const entry of entries) {
        const key = fingerprintKey({rule, ...entry})
        left.set(key, (left.get(key) ?? 0) + 1)
      }
    }
    if (source.isFile(file.path)) {
      const text = cachedText(source, file.path)
      for (const message of file.messages) {
        if (!suppressible(message)) continue
        const key = fingerprintKey(fingerprintOf(message, file.path, text))
        const count = left.get(key) ?? 0
        if (count === 0) continue
        left.set(key, count - 1)
        matched.add(message)
      }
    }
    unused += [...left.values()].reduce((sum, count) => sum + count, 0)
  }
  return {matched, unused}
}

/** Whether a message may be suppressed: an error of a rule that judges files. */
function suppressible(message: Locatable & {fatal?: boolean | null | undefined}): boolean {
  return (
    message.fatal === true &&
    message.ruleId !== undefined &&
    message.ruleId !== null &&
    !neverSuppressed.has(message.ruleId)
  )
}

/**
 * The suppressions after a run with `--suppress-all` or `--suppress-rule`:
 * every current error of the rules named (all of them with `rules` undefined)
 * in the files checked, and the entries of other files and rules as they were.
 * With `prune`, only entries that still match a problem are kept for the
 * files checked, and files that no longer exist lose theirs.
 */
export function recordSuppressions<Message extends Locatable & {fatal?: boolean | null | undefined}>(
  previous: Suppressions | undefined,
  files: ReadonlyArray<CheckedFile<Message>>,
  source: FileSource,
  options: {rules: ReadonlySet<string> | undefined; record: boolean; prune: boolean}
): Suppressions {
  const next: Suppressions = {}
  const checked = new Set(files.map((file) => file.path))
  for (const [file, rules] of Object.entries(previous ?? {})) {
    if (options.prune && !checked.has(file) && !source.isFile(file)) continue
    for (const [rule, entries] of Object.entries(rules)) {
      const recorded = options.record && checked.has(file) && (options.rules === undefined || options.rules.has(rule))
      if (recorded) continue
      const kept = options.prune && checked.has(file) ? stillOccurring(entries, rule, file, files, source) : entries
      if (kept.length > 0) (next[file] ??= {})[rule] = kept
    }
  }
  if (options.record) {
    for (const file of files) {
      if (!source.isFile(file.path)) continue
      const text = cachedText(source, file.path)
      for (const message of file.messages) {
        if (!suppressible(message) || (options.rules !== undefined && !options.rules.has(message.ruleId!))) continue
        const {rule, ...entry} = fingerprintOf(message, file.path, text)
        ;((next[file.path] ??= {})[rule] ??= []).push(entry)
      }
    }
  }
  return sortedSuppressions(next)
}

/** The entries of a file and rule that a current problem still matches (as many as there are such problems). */
function stillOccurring<Message extends Locatable & {fatal?: boolean | null | undefined}>(
  entries: Array<Omit<Fingerprint, 'rule'>>,
  rule: string,
  file: string,
  files: ReadonlyArray<CheckedFile<Message>>,
  source: FileSource
): Array<Omit<Fingerprint, 'rule'>> {
  const text = cachedText(source, file)
  const current = new Map<string, number>()
  for (const message of files.find((candidate) => candidate.path === file)?.messages ?? []) {
    if (message.ruleId !== rule || !suppressible(message)) continue
    const key = fingerprintKey(fingerprintOf(message, file, text))
    current.set(key, (current.get(key) ?? 0) + 1)
  }
  return entries.filter((entry) => {
    const key = fingerprintKey({rule, ...entry})
    const count = current.get(key) ?? 0
    if (count === 0) return false
    current.set(key, count - 1)
    return true
  })
}

/** Files and rules in name order, so the file diffs well in review. */
function sortedSuppressions(suppressions: Suppressions): Suppressions {
  const byName = <T>(record: Record<string, T>) =>
    Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  return byName(Object.fromEntries(Object.entries(suppressions).map(([file, rules]) => [file, byName(rules)])))
}

/** The suppressions file's text: two-space JSON with a final newline. */
export function formatSuppressions(suppressions: Suppressions): string {
  return `${JSON.stringify(suppressions, null, 2)}\n`
}

function cachedText(source: FileSource, file: string): () => string | undefined {
  let text: string | undefined
  let read = false
  return () => {
    if (!read) {
      text = source.read(file)
      read = true
    }
    return text
  }
}
