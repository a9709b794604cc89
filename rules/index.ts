/**
 * Every rule, in the order they run (and the README's table lists them):
 * the preset, the CLI's engine and the config schema's default severities all
 * come from this list.
 */
import budget from './budget.js'
import citation from './citation.js'
import featureLog from './feature-log.js'
import flatDocs from './flat-docs.js'
import gherkin from './gherkin.js'
import glossary from './glossary.js'
import handoffRequirements from './handoff-requirements.js'
import ledgerDelta from './ledger-delta.js'
import ledgerDuplicate from './ledger-duplicate.js'
import ledgerFormula from './ledger-formula.js'
import ledgerOrder from './ledger-order.js'
import ledgerPlanningRow from './ledger-planning-row.js'
import ledgerSchema from './ledger-schema.js'
import noTodo from './no-todo.js'
import planFilename from './plan-filename.js'
import planFresh from './plan-fresh.js'
import planPointer from './plan-pointer.js'
import planSections from './plan-sections.js'
import readingBudget from './reading-budget.js'
import requiredReading from './required-reading.js'
import specTable from './spec-table.js'
import statusCapture from './status-capture.js'
import taskFields from './task-fields.js'
import validationMatrix from './validation-matrix.js'

export const rules = [
  planFilename,
  planFresh,
  planSections,
  requiredReading,
  taskFields,
  budget,
  readingBudget,
  validationMatrix,
  handoffRequirements,
  noTodo,
  planPointer,
  statusCapture,
  specTable,
  featureLog,
  glossary,
  citation,
  gherkin,
  flatDocs,
  ledgerSchema,
  ledgerDelta,
  ledgerPlanningRow,
  ledgerOrder,
  ledgerDuplicate,
  ledgerFormula
] as const

export type RuleId = (typeof rules)[number]['id']
