/** The token ledger as the ledger rules read it: parsed once per file however many of them run on it. */
import {parseLedger, type LedgerTable} from '../../src/ledger/parse.js'
import type {RuleContext} from '../../src/rule/define-rule.js'
import type {Workspace} from '../../src/workspace/workspace.js'

declare module 'vfile' {
  interface DataMap {
    /** The ledger parsed from the file, with the options it was parsed with. */
    sopLintLedger: {options: unknown; table: LedgerTable}
  }
}

/** Whether a file is the configured ledger. */
export function isLedger(path: string, workspace: Workspace): boolean {
  return path === workspace.config.paths.ledger
}

/** The ledger of a rule's file, parsed on first use. */
export function ledgerOf(context: RuleContext): LedgerTable {
  const options = context.config.ledger
  const cached = context.file.data.sopLintLedger
  if (cached && cached.options === options) return cached.table
  const table = parseLedger(context.text(), options, context.workspace.source.isUtf8?.(context.path))
  context.file.data.sopLintLedger = {options, table}
  return table
}

/** The correction marker as messages name it: the notes marker, and the correction column when there is one. */
export function correctionMarker(options: LedgerTable['options']): string {
  return options.correctionColumn
    ? `${options.correctionMarker} in notes, or a value in ${options.correctionColumn}`
    : `${options.correctionMarker} in notes`
}
