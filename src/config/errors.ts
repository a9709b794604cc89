import type {z} from 'zod'
import {didYouMean} from './suggest.js'

/** A configuration or usage problem: the CLI prints its message on one line and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** Describes each zod issue as `key.path: what was expected`, the form users read in `sop-lint` output. */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  knownKeys: (path: readonly PropertyKey[]) => string[] = () => []
): string {
  return issues
    .map((issue) => {
      const key = issue.path.map(String).join('.')
      if (issue.code === 'unrecognized_keys') {
        const where = key ? ` in ${key}` : ''
        const known = knownKeys(issue.path)
        const advice = issue.keys.length === 1 ? didYouMean(issue.keys[0]!, known) : ''
        return `unknown key${issue.keys.length > 1 ? 's' : ''}${where}: ${issue.keys.join(', ')}${advice}`
      }
      return `${key || '(options)'}: ${issue.message.replace(/^Invalid (input|option|value): /, '')}`
    })
    .join('; ')
}
