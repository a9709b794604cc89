/** The token ledger as the ledger rules read it: parsed once per file however many of them run on it. */
import {parseLedger, type LedgerTable} from '../../src/ledger/parse.js'
import {defineRule, type Rule, type RuleContext, type RuleMeta} from '../../src/rule/define-rule.js'
import type {Workspace} from '../../src/workspace/workspace.js'

declare module 'vfile' {
  interface DataMap {
    /** The ledger parsed from the file, with the options it was parsed with. */
    sopLintLedger: {options: unknown; table: LedgerTable}
  }
}

/** Whether a file is the configured ledger. */
function isLedger(path: string, workspace: Workspace): boolean {
  return path === workspace.config.paths.ledger
}

/** The ledger of a rule's file, parsed on first use. */
function ledgerOf(context: RuleContext): LedgerTable {
  const options = context.config.ledger
  const cached = context.file.data.sopLintLedger
  if (cached && cached.options === options) return cached.table
  const table = parseLedger(context.text(), options, context.workspace.source.isUtf8?.(context.path))
  context.file.data.sopLintLedger = {options, table}
  return table
}

/**
 * A rule on the ledger (the file `paths.ledger` names), which receives the
 * ledger as parsed: once per file, by whichever ledger rule runs first.
 */
export function defineLedgerRule<const Id extends string, MessageId extends string>(spec: {
  id: Id
  meta: RuleMeta<MessageId>
  check(table: LedgerTable, context: RuleContext<MessageId>): void
}): Rule<Id, MessageId> {
  return defineRule<Id, MessageId>({
    id: spec.id,
    meta: spec.meta,
    reads: 'text',
    appliesTo: isLedger,
    check: (context) => spec.check(ledgerOf(context), context)
  })
}

/** The correction marker as messages name it: the notes marker, and the correction column when there is one. */
export function correctionMarker(options: LedgerTable['options']): string {
  return options.correctionColumn
    ? `${options.correctionMarker} in notes, or a value in ${options.correctionColumn}`
    : `${options.correctionMarker} in notes`
}
