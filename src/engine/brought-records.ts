/**
 * Rule `ledger-formula` on the records a commit's ledger adds: those that no
 * known ledger (its parents', the clean tips') holds with the same values.
 * Loaded only for a commit that adds lines neither holds
 * (src/engine/pushed-ledger-rows.ts).
 */
import {VFile} from 'vfile'
import {fileRules} from '../../rules/file-rules.js'
import {storeFiles, type StoredMessage} from '../cache/outcome.js'
import {loadConfig} from '../config/load.js'
import type {SopLintConfig} from '../config/schema.js'
import {runFileRules} from '../file-rule.js'
import type {CommitInfo} from '../git/commit.js'
import type {GitRepository} from '../git/repository.js'
import {parseLedger, type LedgerRow} from '../ledger/parse.js'
import {ruleDocUrl} from '../meta.js'
import {Workspace} from '../workspace/workspace.js'
import type {BroughtRows, LedgerVersion} from './pushed-ledger-rows.js'

export async function formulaCellsBrought(
  repository: GitRepository,
  versions: readonly LedgerVersion[],
  request: {ledger: string; configFrom: CommitInfo}
): Promise<BroughtRows[]> {
  const {config} = await loadConfig(repository.root, repository.treeSource(request.configFrom), {committed: true})
  const commits = repository.commits(versions.map((version) => version.commit))
  const found: BroughtRows[] = []
  versions.forEach((version, index) => {
    const commit = commits[index]
    if (!commit) return
    const messages = judge(repository, commit, version, config, request.ledger)
    if (messages.some((message) => message.fatal)) found.push({commit, files: [{path: request.ledger, messages}]})
  })
  return found
}

/** The rule's messages on the records the version adds, or why its rows cannot be told. */
function judge(repository: GitRepository, commit: CommitInfo, version: LedgerVersion, config: SopLintConfig, ledger: string): StoredMessage[] {
  const table = parseLedger(version.text, config.ledger)
  if (table.fatal) {
    // Rows that cannot be told apart cannot be cleared: said, not passed.
    return [
      {
        reason: `The ledger in this commit does not parse (${table.fatal.reason}), so the rows it adds cannot be checked for cells a spreadsheet runs as formulas: rewrite the commit so that its ledger parses`,
        place: table.fatal.place,
        ruleId: 'ledger-formula',
        source: 'sop-lint',
        fatal: config.rules['ledger-formula'] === 'error',
        url: ruleDocUrl('ledger-formula')
      }
    ]
  }
  const known = new Set(version.known.flatMap((text) => records(parseLedger(text, config.ledger)).map(recordKey)))
  const added = records(table)
    .filter((record) => !known.has(recordKey(record)))
    .map((record) => [record.start.line, record.end.line] as const)
  return runFormulaRule(repository, commit, config, ledger, version.text).filter((message) => {
    const place = message.place
    const line = place && 'start' in place ? place.start.line : place?.line ?? 1
    return added.some(([start, end]) => line >= start && line <= end)
  })
}

function records(table: ReturnType<typeof parseLedger>): LedgerRow[] {
  return table.fatal || !table.header ? [] : [table.header, ...table.rows]
}

function recordKey(record: LedgerRow): string {
  return JSON.stringify(record.values)
}

/** The messages of rule `ledger-formula` on a text as the ledger of a commit. */
function runFormulaRule(repository: GitRepository, commit: CommitInfo, config: SopLintConfig, ledger: string, text: string): StoredMessage[] {
  const workspace = new Workspace(repository.treeSource(commit), config)
  const file = new VFile({path: ledger, cwd: repository.root, value: text})
  runFileRules(
    fileRules.filter((rule) => rule.ruleId === 'ledger-formula'),
    file,
    ledger,
    workspace,
    () => text
  )
  return storeFiles([file], repository.root)[0]!.messages
}
