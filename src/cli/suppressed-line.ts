/**
 * The line a report ends with when a baseline took problems out of it: the
 * check's, and the pre-push hook's per commit, which must not load what
 * writes the baseline (src/cli/suppress.ts) to say it.
 */
import {suppressionsFile} from '../engine/suppressions/suppressions.js'

export function suppressedLine(count: number): string {
  return count === 0 ? '' : `${count} problem${count === 1 ? '' : 's'} suppressed (${suppressionsFile})\n`
}
