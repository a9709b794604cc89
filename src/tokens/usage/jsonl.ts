import {readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'

/**
 * The lines of a JSONL log that contain one of `needles`, parsed; other lines
 * are skipped unparsed (a rollout of a long session is many megabytes of
 * messages sop-lint does not need). A line that does not parse is skipped.
 */
export function readJsonLines(file: string, needles: readonly string[]): Array<{line: number; value: unknown}> {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return []
  }
  const found: Array<{line: number; value: unknown}> = []
  let start = 0
  let line = 0
  while (start < text.length) {
    const end = text.indexOf('\n', start)
    const stop = end === -1 ? text.length : end
    line++
    const content = text.slice(start, stop)
    if (needles.some((needle) => content.includes(needle))) {
      try {
        found.push({line, value: JSON.parse(content) as unknown})
      } catch {
        // A line cut short by a crash, or written while we read: not a record.
      }
    }
    start = stop + 1
  }
  return found
}

/** Entries of a folder, or `[]`. */
export function listFolder(folder: string): string[] {
  try {
    return readdirSync(folder).sort()
  } catch {
    return []
  }
}

export function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory()
  } catch {
    return false
  }
}

/** Whether `inner` is `outer` or a path below it. */
export function isInside(inner: string, outer: string): boolean {
  const relative = path.relative(path.resolve(outer), path.resolve(inner))
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

/** A record's field as an object, or `undefined`. */
export function objectAt(value: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const field = (value as Record<string, unknown>)[key]
  return typeof field === 'object' && field !== null && !Array.isArray(field)
    ? (field as Record<string, unknown>)
    : undefined
}

export function numberAt(value: Record<string, unknown> | undefined, key: string): number | undefined {
  const field = value?.[key]
  return typeof field === 'number' && Number.isFinite(field) ? field : undefined
}

export function stringAt(value: Record<string, unknown> | undefined, key: string): string | undefined {
  const field = value?.[key]
  return typeof field === 'string' ? field : undefined
}

/** The local calendar date (YYYY-MM-DD) of a time: ledger rows are dated in the operator's time zone. */
export function localDate(time: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}`
}

/** A time as messages print it: `2026-02-15 17:40 UTC`. */
export function formatTime(time: Date): string {
  return `${time.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}
