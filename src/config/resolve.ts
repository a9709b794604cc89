import type {z} from 'zod'
import {describeIssues, UsageError} from './errors.js'

/** Validates user options with a schema and fills in every default; throws a one-line {@link UsageError}. */
export function resolveWith<Schema extends z.ZodType>(schema: Schema, options: unknown, source: string): z.output<Schema> {
  const result = schema.safeParse(options ?? {})
  if (!result.success) {
    throw new UsageError(`invalid configuration in ${source}: ${describeIssues(result.error.issues)}`)
  }
  return result.data
}
