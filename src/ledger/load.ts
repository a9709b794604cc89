import type {VFile} from 'vfile'
import type {FileCheckContext} from '../file-rule.js'
import {parseLedger, type LedgerTable} from './parse.js'

const tables = new WeakMap<VFile, {options: unknown; table: LedgerTable}>()

/** Whether a file rule's file is the configured ledger. */
export function isLedger(path: string, workspace: {config: {paths: {ledger: string}}}): boolean {
  return path === workspace.config.paths.ledger
}

/** The ledger of a file rule's file, parsed once per file however many ledger rules run on it. */
export function ledgerOf(context: FileCheckContext): LedgerTable {
  const options = context.config.ledger
  const cached = tables.get(context.file)
  if (cached && cached.options === options) return cached.table
  const table = parseLedger(context.text(), options, context.workspace.source.isUtf8?.(context.path))
  tables.set(context.file, {options, table})
  return table
}
