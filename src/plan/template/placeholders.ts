/**
 * The placeholder text sop-lint itself writes into a scaffold: the first
 * configured placeholder word, a colon, and a hint saying what to write
 * (`TODO: task title`). One list of hints, so what the templates and fixes
 * write is exactly what the gate (rule `no-todo`) recognises as an unfilled
 * scaffold — an error wherever the check runs — while a person's own
 * `TODO` stays a warning.
 */
import type {SopLintConfig} from '../../config/schema.js'

export const placeholderHints = {
  taskTitle: 'task title',
  spec: 'the Gherkin spec, written before the code',
  start: 'what holds when the work starts',
  end: 'what holds when it is done',
  artefacts: 'the files it writes',
  budget: 'the task’s tokens',
  readingReason: 'why it must be read',
  readingItem: 'name each file to read and why',
  command: 'command',
  checks: 'what it checks',
  handoffFiles: 'files to update',
  featureLog: 'what shipped (feature, scenario, spec)',
  glossaryEntry: 'what this folder holds',
  glossarySection: 'each folder the plan names, and what it holds'
} as const

export type PlaceholderHint = keyof typeof placeholderHints

/** The word sop-lint writes where a person must decide (the first of `plan.placeholders`). */
export function placeholderWord(config: SopLintConfig): string {
  return config.plan.placeholders[0] ?? 'TODO'
}

/** `TODO: <hint>`, as the templates and fixes write it. */
export function templatePlaceholder(config: SopLintConfig, hint: PlaceholderHint): string {
  return `${placeholderWord(config)}: ${placeholderHints[hint]}`
}

/**
 * Finds sop-lint's own placeholders in text: any configured word followed by
 * `: ` and one of the hints. Global: use with `matchAll`.
 */
export function templatePlaceholderPattern(config: SopLintConfig): RegExp | undefined {
  const words = config.plan.placeholders.map(escape)
  if (words.length === 0) return undefined
  const hints = Object.values(placeholderHints)
    .sort((a, b) => b.length - a.length)
    .map(escape)
  return new RegExp(`(?<![\\w/.-])(?:${words.join('|')}): (?:${hints.join('|')})`, 'gu')
}

/**
 * How many placeholder words a text holds, wherever they stand (`TODO: …`,
 * `TODO%`, `TODOK`): what a person must fill in what sop-lint wrote.
 */
export function countPlaceholderWords(text: string, config: SopLintConfig): number {
  const words = config.plan.placeholders.map(escape)
  if (words.length === 0) return 0
  return [...text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}_])(?:${words.join('|')})`, 'gu'))].length
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
