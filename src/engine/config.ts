/**
 * sop-lint's options with the rules' severities: the config schema (src/config/)
 * built with each rule's `meta.severity` as its default, from the one list of
 * rules.
 */
import type {z} from 'zod'
import {rules, type RuleId} from '../../rules/index.js'
import {resolveWith} from '../config/resolve.js'
import {configSchemaWith} from '../config/schema.js'
import {formulaStart} from '../ledger/formula.js'
import {describeFormulaStart, quoted} from '../rule/words.js'

/**
 * The schema, with one check beyond the config's own: text sop-lint writes
 * into ledger cells as it is (the columns, the planning task) must not be
 * what a spreadsheet runs as a formula — it could only be written with an
 * apostrophe, and would then never match itself (rule ledger-formula's test).
 */
export const configSchema = configSchemaWith(
  Object.fromEntries(rules.map((rule) => [rule.id, rule.meta.severity])) as Record<RuleId, 'error' | 'warn'>
).superRefine((config, context) => {
  const written: Array<[Array<string | number>, string]> = [
    ...config.ledger.columns.map((column, index): [Array<string | number>, string] => [
      ['ledger', 'columns', index],
      column
    ]),
    [['ledger', 'planningTask'], config.ledger.planningTask]
  ]
  for (const [path, value] of written) {
    const start = formulaStart(value)
    if (!start) continue
    context.addIssue({
      code: 'custom',
      path,
      message: `${quoted(value)} starts with ${describeFormulaStart(start)}: a spreadsheet would run the ledger cells sop-lint writes with it; choose a name that starts with a letter or digit`
    })
  }
})

/** Every rule's id, in the list's order (what `--rule` and "did you mean" pick from). */
export const ruleIds: readonly RuleId[] = rules.map((rule) => rule.id)

/** Options as a user writes them: every key optional. */
export type SopLintOptions = z.input<typeof configSchema>
/** Options with every default filled in. */
export type ResolvedConfig = z.output<typeof configSchema>

/** Validates user options and fills in every default; throws a one-line UsageError naming `source`. */
export function resolveConfig(options: unknown, source = 'sop-lint options'): ResolvedConfig {
  return resolveWith(configSchema, options, source)
}
