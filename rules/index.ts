/** Every rule, in the order the README's table lists them. */
import budget from './budget.js'
import citation from './citation.js'
import featureLog from './feature-log.js'
import glossary from './glossary.js'
import handoffRequirements from './handoff-requirements.js'
import noTodo from './no-todo.js'
import planPointer from './plan-pointer.js'
import planFilename from './plan-filename.js'
import planFresh from './plan-fresh.js'
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
  citation
]
