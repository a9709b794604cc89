/** What a plan's file name says about it. */
export interface PlanName {
  /** File name, e.g. `2025-10-20_next_session.plan.md`. */
  name: string
  /** `YYYY-MM-DD` from the start of the name, when it has one. */
  date: string | undefined
  /** Legacy sequence number (`001_…`), when the name starts with one. */
  sequence: number | undefined
  /** Whether the name matches the configured next-session pattern exactly. */
  matchesPattern: boolean
}

const datePrefix = /^(\d{4}-\d{2}-\d{2})(?=[_.-])/
const sequencePrefix = /^(\d{1,4})(?=[_.-])/

/** Turns a pattern such as `{date}_next_session.plan.md` into a matcher. */
export function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('\\{date\\}', '(\\d{4}-\\d{2}-\\d{2})')
  return new RegExp(`^${escaped}$`)
}

/** Writes the configured pattern for a date, e.g. `2026-11-24_next_session.plan.md`. */
export function planNameFor(pattern: string, date: string): string {
  return pattern.replace('{date}', date)
}

export function parsePlanName(name: string, pattern: RegExp): PlanName {
  const date = datePrefix.exec(name)?.[1]
  const sequence = date ? undefined : sequencePrefix.exec(name)?.[1]
  return {
    name,
    date,
    sequence: sequence === undefined ? undefined : Number(sequence),
    matchesPattern: pattern.test(name)
  }
}

/** Whether `YYYY-MM-DD` names a real calendar day. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/**
 * Orders plans oldest first: dated plans by date (then name), after every
 * undated legacy plan, which are ordered by sequence number.
 */
export function comparePlanNames(a: PlanName, b: PlanName): number {
  if (a.date && b.date) return a.date === b.date ? compareText(a.name, b.name) : compareText(a.date, b.date)
  if (a.date) return 1
  if (b.date) return -1
  return (a.sequence ?? -1) - (b.sequence ?? -1) || compareText(a.name, b.name)
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** A day as plans name it (YYYY-MM-DD), on the local clock. */
export function dayOf(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}
