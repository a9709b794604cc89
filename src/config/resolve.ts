import {describeIssues, UsageError} from './errors.js'
import {configSchema, shorthandSections, type SopLintConfig} from './schema.js'

/** Validates user options and fills in every default; throws a one-line {@link UsageError}. */
export function resolveConfig(options: unknown, source = 'sop-lint options'): SopLintConfig {
  const result = configSchema.safeParse(options ?? {})
  if (!result.success) {
    throw new UsageError(`invalid configuration in ${source}: ${describeIssues(result.error.issues, knownKeys)}`)
  }
  return result.data
}

let defaults: SopLintConfig | undefined

/**
 * The keys an object of the options may have at a path: those of the defaults
 * there (what "did you mean" picks from). A section given at the top level
 * has the keys it has under `plan.sections`, where the defaults hold it.
 */
function knownKeys(path: readonly PropertyKey[]): string[] {
  defaults ??= configSchema.parse({})
  const shorthand = path.length > 0 && (shorthandSections as readonly PropertyKey[]).includes(path[0]!)
  let value: unknown = defaults
  for (const key of shorthand ? ['plan', 'sections', ...path] : path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined
  const keys = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : []
  return path.length === 0 ? [...keys, ...shorthandSections] : keys
}
