import {describeIssues, UsageError} from './errors.js'
import {configSchema, type SopLintConfig} from './schema.js'

/** Validates user options and fills in every default; throws a one-line {@link UsageError}. */
export function resolveConfig(options: unknown, source = 'sop-lint options'): SopLintConfig {
  const result = configSchema.safeParse(options ?? {})
  if (!result.success) {
    throw new UsageError(`invalid configuration in ${source}: ${describeIssues(result.error.issues, knownKeys)}`)
  }
  return result.data
}

let defaults: SopLintConfig | undefined

/** The keys an object of the options may have at a path: those of the defaults there (what "did you mean" picks from). */
function knownKeys(path: readonly PropertyKey[]): string[] {
  defaults ??= configSchema.parse({})
  let value: unknown = defaults
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : []
}
