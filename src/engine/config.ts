/**
 * sop-lint's options with the rules' severities: the config schema (src/config/)
 * built with each rule's `meta.severity` as its default, from the one list of
 * rules.
 */
import type {z} from 'zod'
import {rules, type RuleId} from '../../rules/index.js'
import {resolveWith} from '../config/resolve.js'
import {configSchemaWith} from '../config/schema.js'

export const configSchema = configSchemaWith(
  Object.fromEntries(rules.map((rule) => [rule.id, rule.meta.severity])) as Record<RuleId, 'error' | 'warn'>
)

/** Options as a user writes them: every key optional. */
export type SopLintOptions = z.input<typeof configSchema>
/** Options with every default filled in. */
export type ResolvedConfig = z.output<typeof configSchema>

/** Validates user options and fills in every default; throws a one-line UsageError naming `source`. */
export function resolveConfig(options: unknown, source = 'sop-lint options'): ResolvedConfig {
  return resolveWith(configSchema, options, source)
}
