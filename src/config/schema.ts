/**
 * The one source of truth for every default sop-lint knows: paths of the roles
 * the procedure names, heading aliases, budget figures and rule severities.
 * Everything else reads these values from a parsed {@link SopLintConfig}.
 */
import {z} from 'zod'

export const ruleIds = [
  'plan-filename',
  'plan-sections',
  'required-reading',
  'task-fields',
  'budget',
  'validation-matrix',
  'handoff-requirements',
  'no-todo'
] as const

export type RuleId = (typeof ruleIds)[number]

const severity = z
  .enum(['error', 'warn', 'off'])
  .describe('error fails the check (exit 1), warn reports only, off disables the rule')

export type Severity = z.infer<typeof severity>

const relativePath = z
  .string()
  .min(1)
  .refine((value) => !value.startsWith('/') && !value.startsWith('~'), {
    message: 'expected a path relative to the repository root'
  })

const sectionSpec = z.strictObject({
  title: z.string().min(1).describe('heading that --fix writes'),
  aliases: z
    .array(z.string().min(1))
    .describe('other headings accepted for this section (case-insensitive; a trailing parenthetical is ignored)')
})

export type SectionSpec = z.infer<typeof sectionSpec>

const fieldSpec = z.strictObject({
  label: z.string().min(1).describe('label that --fix writes, as `- Label: …`'),
  aliases: z.array(z.string().min(1)).describe('other labels accepted for this field')
})

export type FieldSpec = z.infer<typeof fieldSpec>

const tokenRange = z
  .strictObject({min: z.number().int().nonnegative(), max: z.number().int().nonnegative()})
  .refine((range) => range.min <= range.max, {message: 'expected min <= max'})

const shareRange = z
  .strictObject({min: z.number().gt(0).lt(1), max: z.number().gt(0).lte(1)})
  .refine((range) => range.min <= range.max, {message: 'expected min <= max'})

export const configSchema = z
  .strictObject({
    paths: z
      .strictObject({
        plans: relativePath.default('plans').describe('folder holding the plans'),
        progress: relativePath.default('progress.md').describe('progress log'),
        handoff: relativePath.default('docs/SESSION_HANDOFF.md').describe('session handoff notes'),
        taskSpecTable: relativePath.default('docs/Tasks/tracker_cli_todo.md').describe('Task ↔ Spec table'),
        featureLog: relativePath.default('docs/Tasks/tracker_feature_log.md').describe('feature log'),
        backlogs: z
          .array(relativePath)
          .default(['docs/Tasks/archive_curation.md', 'docs/Tasks/ccusage_codex_coverage.md'])
          .describe('backlogs tasks are picked from'),
        ledger: relativePath.default('docs/Ledgers/Token_Churn_Ledger.csv').describe('token ledger CSV'),
        glossary: relativePath.default('AGENTS.md').describe('file holding the Glossary section'),
        specs: relativePath.default('features').describe('folder of .feature specs'),
        fixtures: relativePath.default('tests/fixtures').describe('fixture placeholders'),
        automation: relativePath.default('scripts/automation').describe('automation scaffolds'),
        references: z
          .array(relativePath)
          .default(['docs/SOP', 'docs/System/token_tracking.md'])
          .describe('SOP documents whose path:line citations must resolve')
      })
      .prefault({}),
    plan: z
      .strictObject({
        pattern: z
          .string()
          .refine((value) => value.includes('{date}'), {message: 'expected a pattern containing {date}'})
          .default('{date}_next_session.plan.md')
          .describe('name of the next-session plan; {date} is YYYY-MM-DD'),
        suffix: z.string().min(1).default('.plan.md').describe('every file in the plans folder with this ending is a plan'),
        sections: z
          .strictObject({
            budget: sectionSpec.prefault({
              title: 'Token budget',
              aliases: ['Target budget', 'Budget', 'Scope & budget', 'Scope and budget']
            }),
            requiredReading: sectionSpec.prefault({
              title: 'Required reading',
              aliases: ['Pre-flight reading', 'Reading list']
            }),
            tasks: sectionSpec.prefault({title: 'Tasks', aliases: ['Task list', 'Work items']}),
            validation: sectionSpec.prefault({
              title: 'Validation matrix',
              aliases: ['Validation checklist', 'Validation', 'Tests & validation', 'Tests and validation']
            }),
            handoff: sectionSpec.prefault({
              title: 'Handoff requirements',
              aliases: ['Handoff', 'Handoff deliverables', 'Handoff checklist']
            })
          })
          .prefault({})
          .describe('required sections, in the order they must appear'),
        taskFields: z
          .strictObject({
            budget: fieldSpec.prefault({label: 'Budget', aliases: ['Tokens', 'Token budget']}),
            spec: fieldSpec.prefault({label: 'Spec', aliases: ['Specs', 'Feature', 'Primary spec']}),
            start: fieldSpec.prefault({
              label: 'Start',
              aliases: ['Start criteria', 'Starts when', 'Pre-req', 'Prerequisites', 'Entry']
            }),
            end: fieldSpec.prefault({
              label: 'End',
              aliases: ['End criteria', 'Done when', 'Done', 'Acceptance', 'Exit']
            }),
            artefacts: fieldSpec.prefault({
              label: 'Artefacts',
              aliases: ['Artifacts', 'Expected artefacts', 'Expected artifacts', 'Deliverables', 'Outputs']
            })
          })
          .prefault({})
          .describe('fields every task must have; a budget in the task title, `**Title (40K)**`, also counts'),
        placeholders: z
          .array(z.string().min(1))
          .default(['TODO', 'TBD', 'FIXME'])
          .describe('words that mark text a person still has to write')
      })
      .prefault({}),
    budget: z
      .strictObject({
        contextWindow: z.number().int().positive().default(272_000).describe('context window in tokens'),
        band: shareRange.default({min: 0.7, max: 0.8}).describe('share of the window a plan targets'),
        buffer: tokenRange.default({min: 10_000, max: 20_000}).describe('tokens held back from the tasks'),
        buckets: z
          .array(z.string().min(1))
          .default(['specs', 'fixtures', 'code', 'tests', 'docs'])
          .describe('bucket names --fix writes; a plan may name its own'),
        tolerance: z
          .number()
          .int()
          .nonnegative()
          .default(2000)
          .describe('tokens by which buckets plus buffer may miss the target')
      })
      .prefault({}),
    rules: z
      .strictObject({
        'plan-filename': severity.default('error'),
        'plan-sections': severity.default('error'),
        'required-reading': severity.default('error'),
        'task-fields': severity.default('error'),
        budget: severity.default('error'),
        'validation-matrix': severity.default('error'),
        'handoff-requirements': severity.default('error'),
        'no-todo': severity.default('warn')
      })
      .prefault({})
      .describe('severity of each rule')
  })
  .describe('sop-lint options: the second element of the preset entry in a remark config')

/** Options as a user writes them: every key optional. */
export type SopLintOptions = z.input<typeof configSchema>
/** Options with every default filled in. */
export type SopLintConfig = z.output<typeof configSchema>
export type SectionId = keyof SopLintConfig['plan']['sections']
export type TaskFieldId = keyof SopLintConfig['plan']['taskFields']
