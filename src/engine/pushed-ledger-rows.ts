/**
 * The ledger rows the commits of a push bring, besides its tips. A tip is
 * checked whole; a commit before it is not (the plan is written at the end
 * of a session, so the commits before it have none of their own), but every
 * row it adds to the ledger reaches the remote with it and stays in the
 * history, even when a later commit changes the row: no such row may hold a
 * cell a spreadsheet runs as a formula (rule `ledger-formula`).
 *
 * Most rows a commit adds are still in the tip's ledger, which its check
 * found clean, or were in a parent's: those are known by their lines, and
 * nothing is parsed. Only a commit that adds a line neither holds is judged
 * row by row (src/engine/brought-records.ts, loaded then).
 */
import type {StoredFile} from './cache/outcome.js'
import type {CommitInfo} from '../git/commit.js'
import type {FileChange, FileVersion} from '../git/file-history.js'
import type {GitRepository} from '../git/repository.js'
import {GitTreeSource} from '../workspace/git-tree-source.js'

/** A commit before a tip that brings rows with formula cells, with the messages about them (places in its own ledger). */
export interface BroughtRows {
  commit: CommitInfo
  files: StoredFile[]
}

/** A commit's ledger that adds lines no known text holds, with those texts (its parents', the clean tips'). */
export interface LedgerVersion {
  commit: string
  text: string
  known: string[]
}

/**
 * Checks the rows that `changes` (commits of a push that change the ledger
 * at `ledger`, its tips left out) add to it, with the config of `configFrom`
 * (the tip the push is judged by); `cleanTips`: tips whose check found no
 * error, so no formula cell in their ledger; `date`: today on the user's clock.
 */
export async function ledgerRowsBrought(
  repository: GitRepository,
  changes: readonly FileChange[],
  request: {
    ledger: string
    configFrom: CommitInfo
    cleanTips: readonly CommitInfo[]
    date: string
    folder?: string | undefined
  }
): Promise<BroughtRows[]> {
  const tipTexts = request.cleanTips.flatMap((tip) => GitTreeSource.at(repository, tip).read(request.ledger) ?? [])
  const tipLines = tipTexts.map(knownLines)
  const suspects: LedgerVersion[] = []
  for (const change of changes) {
    const text = versionText(repository, change.commit, change.after, request.ledger)
    if (text === undefined) continue
    const lines = linesOf(text)
    if (coveredBy(lines, tipLines)) continue
    const parents = repository.objects
      .read(change.before.filter(isFile).map((version) => version.oid))
      .flatMap((object) => object?.content.toString('utf8') ?? [])
    if (coveredBy(lines, [...parents.map(knownLines), ...tipLines])) continue
    suspects.push({commit: change.commit, text, known: [...parents, ...tipTexts]})
  }
  if (suspects.length === 0) return []
  const {formulaCellsBrought} = await import('./on-demand.js')
  return formulaCellsBrought(repository, suspects, request)
}

/** A commit's ledger: a regular file's blob, or where a link leads (as the check reads it); `undefined` for anything else. */
function versionText(
  repository: GitRepository,
  commit: string,
  version: FileVersion,
  ledger: string
): string | undefined {
  if (isFile(version)) return repository.objects.read([version.oid])[0]?.content.toString('utf8')
  if (version.mode !== '120000') return undefined
  const [info] = repository.commits([commit])
  return info && GitTreeSource.at(repository, info).read(ledger)
}

/** The lines of a ledger whose lines are whole records, under its header line; `undefined` for one whose are not. */
interface KnownLines {
  header: string | undefined
  lines: Set<string>
}

function knownLines(text: string): KnownLines | undefined {
  const lines = linesOf(text)
  return wholeRecords(lines) ? {header: lines[0], lines: new Set(lines)} : undefined
}

/**
 * Whether every line is a line of one of `sources` with the same header:
 * the rows are theirs. Only where each line is a whole record (no quoted
 * cell spans lines: every line has an even count of `"`), since a line
 * inside a quoted cell is not the row it reads as alone.
 */
function coveredBy(lines: readonly string[], sources: ReadonlyArray<KnownLines | undefined>): boolean {
  if (!wholeRecords(lines)) return false
  const usable = sources.filter((source): source is KnownLines => source !== undefined && source.header === lines[0])
  return lines.every((line) => usable.some((source) => source.lines.has(line)))
}

function wholeRecords(lines: readonly string[]): boolean {
  return lines.every((line) => (line.match(/"/g)?.length ?? 0) % 2 === 0)
}

/** Lines as the ledger's parser counts them (CR, LF or CRLF end one), without the empty one after a final line break. */
function linesOf(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/)
  if (lines.at(-1) === '') lines.pop()
  return lines
}

/** A regular file (not a link, a folder, or nothing). */
function isFile(version: FileVersion): boolean {
  return version.mode === '100644' || version.mode === '100755'
}
