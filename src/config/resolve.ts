import type {z} from 'zod'
import {describeIssues, UsageError} from './errors.js'

/** Validates user options with a schema and fills in every default; throws a one-line {@link UsageError}. */
export function resolveWith<Schema extends z.ZodType>(schema: Schema, options: unknown, source: string): z.output<Schema> {
  const result = schema.safeParse(options ?? {})
  if (!result.success) {
    throw new UsageError(`invalid configuration in ${source}: ${describeIssues(result.error.issues, knownKeysOf(schema))}`)
  }
  return result.data
}

const defaultsOf = new WeakMap<z.ZodType, unknown>()

/** The keys an object of the options may have at a path: those of the defaults there (what "did you mean" picks from). */
function knownKeysOf(schema: z.ZodType): (path: readonly PropertyKey[]) => string[] {
  return (path) => {
    if (!defaultsOf.has(schema)) defaultsOf.set(schema, schema.parse({}))
    let value: unknown = defaultsOf.get(schema)
    for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : []
  }
}
