import {describeIssues, UsageError} from './errors.js'
import {configSchema, type SopLintConfig} from './schema.js'

/** Validates user options and fills in every default; throws a one-line {@link UsageError}. */
export function resolveConfig(options: unknown, source = 'sop-lint options'): SopLintConfig {
  const result = configSchema.safeParse(options ?? {})
  if (!result.success) {
    throw new UsageError(`invalid configuration in ${source}: ${describeIssues(result.error.issues)}`)
  }
  return result.data
}
