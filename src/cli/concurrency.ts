/** `--concurrency`, read before anything is checked (the threads themselves are src/cli/parallel-lint.ts's). */
import {UsageError} from '../config/errors.js'

/** `--concurrency`: `auto` (the default), `off`, or a number of threads. */
export type Concurrency = 'auto' | 'off' | number

export function parseConcurrency(value: string | undefined): Concurrency {
  if (value === undefined || value === 'auto' || value === 'off') return value ?? 'auto'
  if (!/^[1-9]\d*$/.test(value))
    throw new UsageError(`--concurrency ${value}: expected auto, off or a number of threads (1 or more)`)
  return Number(value)
}
