import type {z} from 'zod'
import {describeIssues, UsageError} from './errors.js'
import {shorthandSections} from './schema.js'

/** Validates user options with a schema and fills in every default; throws a one-line {@link UsageError}. */
export function resolveWith<Schema extends z.ZodType>(
  schema: Schema,
  options: unknown,
  source: string
): z.output<Schema> {
  const result = schema.safeParse(options ?? {})
  if (!result.success) {
    throw new UsageError(
      `invalid configuration in ${source}: ${describeIssues(result.error.issues, knownKeysOf(schema))}`
    )
  }
  return result.data
}

const defaultsOf = new WeakMap<z.ZodType, unknown>()

/**
 * The keys an object of the options may have at a path: those of the defaults
 * there (what "did you mean" picks from). A section given at the top level
 * has the keys it has under `plan.sections`, where the defaults hold it.
 */
function knownKeysOf(schema: z.ZodType): (path: readonly PropertyKey[]) => string[] {
  return (path) => {
    if (!defaultsOf.has(schema)) defaultsOf.set(schema, schema.parse({}))
    const shorthand = path.length > 0 && (shorthandSections as readonly PropertyKey[]).includes(path[0]!)
    let value: unknown = defaultsOf.get(schema)
    for (const key of shorthand ? ['plan', 'sections', ...path] : path)
      value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined
    const keys = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : []
    return path.length === 0 ? [...keys, ...shorthandSections] : keys
  }
}
