/**
 * Rule `ledger-formula` on the records a commit's ledger adds: those that no
 * known ledger (its parents', the clean tips') holds with the same values.
 * Loaded only for a commit that adds lines neither holds
 * (src/engine/pushed-ledger-rows.ts).
 */
import {VFile} from 'vfile'
import {rules} from '../../rules/index.js'
import type {SopLintConfig} from '../config/schema.js'
import type {CommitInfo} from '../git/commit.js'
import type {GitRepository} from '../git/repository.js'
import {parseLedger, type LedgerRow} from '../ledger/parse.js'
import {wordMessage} from '../rule/message.js'
import {runRules} from '../rule/run-rules.js'
import {GitTreeSource} from '../workspace/git-tree-source.js'
import {SubfolderSource} from '../workspace/subfolder-source.js'
import {Workspace} from '../workspace/workspace.js'
import {storeFiles, type StoredMessage} from './cache/outcome.js'
import {loadWorkspaceConfig} from './workspace-config.js'
import type {BroughtRows, LedgerVersion} from './pushed-ledger-rows.js'

export async function formulaCellsBrought(
  repository: GitRepository,
  versions: readonly LedgerVersion[],
  request: {ledger: string; configFrom: CommitInfo; date: string; folder?: string | undefined}
): Promise<BroughtRows[]> {
  // A monorepo's workspace is judged with its own config (or the root's), as its check was.
  const tree = GitTreeSource.at(repository, request.configFrom)
  const {config} = await loadWorkspaceConfig(
    request.folder ? new SubfolderSource(tree, {folder: request.folder, parents: []}) : tree,
    {committed: true}
  )
  const commits = repository.commits(versions.map((version) => version.commit))
  const found: BroughtRows[] = []
  versions.forEach((version, index) => {
    const commit = commits[index]
    if (!commit) return
    const messages = judge(repository, commit, version, config, request)
    if (messages.some((message) => message.fatal)) found.push({commit, files: [{path: request.ledger, messages}]})
  })
  return found
}

/** Rule ledger-formula, found in the list. */
const formulaRule = rules.find((rule) => rule.id === 'ledger-formula')!

/** The rule's messages on the records the version adds, or why its rows cannot be told. */
function judge(
  repository: GitRepository,
  commit: CommitInfo,
  version: LedgerVersion,
  config: SopLintConfig,
  request: {ledger: string; date: string}
): StoredMessage[] {
  const table = parseLedger(version.text, config.ledger)
  if (table.fatal) {
    // Rows that cannot be told apart cannot be cleared: said, not passed.
    const place = 'start' in table.fatal.place ? table.fatal.place.start : table.fatal.place
    const messageId = 'unparsedCommitLedger'
    return [
      {
        reason: wordMessage(formulaRule.id, formulaRule.meta.messages, messageId, {
          line: place.line,
          column: place.column
        }).reason,
        place: table.fatal.place,
        ruleId: formulaRule.id,
        source: 'sop-lint',
        fatal: config.rules[formulaRule.id] === 'error',
        url: formulaRule.meta.url,
        messageId
      }
    ]
  }
  const known = new Set(version.known.flatMap((text) => records(parseLedger(text, config.ledger)).map(recordKey)))
  const added = records(table)
    .filter((record) => !known.has(recordKey(record)))
    .map((record) => [record.start.line, record.end.line] as const)
  return runFormulaRule(repository, commit, config, request, version.text).filter((message) => {
    const place = message.place
    const line = place && 'start' in place ? place.start.line : (place?.line ?? 1)
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
function runFormulaRule(
  repository: GitRepository,
  commit: CommitInfo,
  config: SopLintConfig,
  request: {ledger: string; date: string},
  text: string
): StoredMessage[] {
  const workspace = new Workspace(GitTreeSource.at(repository, commit), config)
  const file = new VFile({path: request.ledger, cwd: repository.root, value: text})
  runRules([formulaRule], {file, tree: undefined, path: request.ledger, workspace, today: () => request.date})
  return storeFiles([file], repository.root)[0]!.messages
}
