/** Every rule on files that are not Markdown trees (the ledger CSV, `.feature` specs, file placement). */
import type {FileRule} from '../src/file-rule.js'
import flatDocs from './flat-docs.js'
import gherkin from './gherkin.js'
import ledgerDelta from './ledger-delta.js'
import ledgerDuplicate from './ledger-duplicate.js'
import ledgerFormula from './ledger-formula.js'
import ledgerOrder from './ledger-order.js'
import ledgerPlanningRow from './ledger-planning-row.js'
import ledgerSchema from './ledger-schema.js'

export const fileRules: FileRule[] = [
  gherkin,
  flatDocs,
  ledgerSchema,
  ledgerDelta,
  ledgerPlanningRow,
  ledgerOrder,
  ledgerDuplicate,
  ledgerFormula
]
