/**
 * Reads a Codex `/status` capture as progress notes write it: “Context window
 * 24% (209K/272K), 5h limit 5%, weekly limit 24%”, “context 62% left”,
 * “weekly 80% used”, or the pane pasted as is (“5h limit: [████░░] 95% left”),
 * and a window said to be missing (“weekly limit not in the logs”).
 * Pure text in, measurements with offsets out, so `sop-lint status` and the
 * rule agree on what a capture says.
 */
import type {SopLintConfig} from '../config/schema.js'

export type StatusWindow = 'context' | 'fiveHour' | 'weekly'

export type Direction = 'used' | 'left'

/** One percentage of a capture, with offsets into the text it was read from. */
export interface Measurement {
  window: StatusWindow
  /** Offsets of the label (“Context window”). */
  labelStart: number
  labelEnd: number
  /** The percentage as a number, or `undefined` when a placeholder (`TODO%`) stands for it. */
  value: number | undefined
  /** The figure as written, with its `%` (“24%”, “TODO%”). */
  valueText: string
  valueStart: number
  valueEnd: number
  /** Whether the capture says the share is used or left; `undefined` when it says neither. */
  direction: Direction | undefined
  /** A `used/window` token pair written beside a context percentage (“209K/272K”). */
  pair: {used: number; total: number; text: string; start: number; end: number} | undefined
  /** End of what was read (figure, direction word, pair), where more text may be appended. */
  end: number
  /** The capture says the figure cannot be had (`weekly limit not in the logs`): `value` is `undefined`, and nothing is to fill in. */
  missing?: boolean
}

const directionWords: Record<string, Direction> = {
  used: 'used',
  consumed: 'used',
  spent: 'used',
  left: 'left',
  remaining: 'left',
  free: 'left',
  available: 'left'
}
const directionAlternation = Object.keys(directionWords).join('|')
const directionAfter = new RegExp(String.raw`^\s*(${directionAlternation})\b`, 'i')
const directionBefore = new RegExp(String.raw`\b(${directionAlternation})\s*[:=]?\s*$`, 'i')
/** Longest gap between a label and its figure: room for “: [████████████████████] ”. */
const maxGap = 60
const figure = String.raw`\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?`
// Each run of blanks belongs to one quantifier (see token-amount.ts): two in a row made a long run quadratic.
const pairPattern = new RegExp(
  String.raw`(?<![\w.])(${figure})(?:\s*([km]))?(?:\s*tokens?)?(?:\s*used)?\s*(?:\/|\bof\b|\bout of\b)\s*(${figure})(?:\s*([km]))?(?![\w%])`,
  'i'
)

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Finds every percentage a capture gives in a text: context, 5h and weekly windows. */
export function readStatusCapture(text: string, config: SopLintConfig): Measurement[] {
  const labels = config.crossFile.statusLabels
  const placeholders = config.plan.placeholders.map(escape)
  const byLabel = (Object.entries(labels) as Array<[StatusWindow, string[]]>)
    .flatMap(([window, words]) => words.map((word) => ({window, word})))
    .sort((a, b) => b.word.length - a.word.length)
  const labelPattern = new RegExp(
    `(?<![\\w-])(${byLabel.map(({word}) => escape(word).replace(/ /g, '\\s+')).join('|')})(?![\\w-])`,
    'gi'
  )
  const missingPattern = new RegExp(
    `^\\s*(?:[:=]\\s*)?(${config.crossFile.statusMissing.map(escape).join('|') || '(?!)'})(?![\\w/])`,
    'i'
  )
  const valuePattern = new RegExp(
    `^([^%\\n]{0,${maxGap}}?)(?<![\\w.])(-?(?:\\d+(?:\\.\\d+)?)|${placeholders.join('|') || '(?!)'})\\s*%`,
    'i'
  )
  const found = [...text.matchAll(labelPattern)].map((match) => {
    const written = match[1]!.toLowerCase().replace(/\s+/g, ' ')
    const window = byLabel.find(({word}) => word.toLowerCase() === written)?.window ?? 'context'
    return {window, start: match.index, end: match.index + match[0].length}
  })

  const measurements: Measurement[] = []
  found.forEach((label, index) => {
    const next = found[index + 1]?.start ?? text.length
    // Looked for before the next label only: searched to the end of the text from each label, a long line of labels was quadratic.
    const lineBreak = text.slice(label.end, next).indexOf('\n')
    const segmentEnd = lineBreak === -1 ? next : label.end + lineBreak
    const segment = text.slice(label.end, segmentEnd)
    const value = valuePattern.exec(segment)
    const pairMatch = label.window === 'context' ? pairPattern.exec(segment) : null
    const pair = pairMatch ? readPair(pairMatch, label.end) : undefined
    if (!value) {
      // Only a rate limit may be missing: the context figure is in every agent's logs.
      const missing = pair || label.window === 'context' ? null : missingPattern.exec(segment)
      if (missing) {
        const valueStart = label.end + missing[0].length - missing[1]!.length
        const valueEnd = label.end + missing[0].length
        measurements.push({
          window: label.window,
          labelStart: label.start,
          labelEnd: label.end,
          value: undefined,
          valueText: missing[1]!,
          valueStart,
          valueEnd,
          direction: undefined,
          pair: undefined,
          end: valueEnd,
          missing: true
        })
        return
      }
      // “context 209K/272K”: the pair alone says what is used.
      if (pair) {
        const used = (pair.used / pair.total) * 100
        measurements.push({
          window: label.window,
          labelStart: label.start,
          labelEnd: label.end,
          value: used,
          valueText: pair.text,
          valueStart: pair.start,
          valueEnd: pair.end,
          direction: 'used',
          pair,
          end: pair.end
        })
      }
      return
    }
    const gap = value[1]!
    const written = value[2]!
    const valueStart = label.end + gap.length + value[0].slice(gap.length).indexOf(written)
    const valueEnd = label.end + value[0].length
    const after = directionAfter.exec(text.slice(valueEnd, segmentEnd))
    const before = directionBefore.exec(gap)
    const word = after?.[1] ?? before?.[1]
    const number = /\d/.test(written) ? Number(written) : undefined
    const ends = [
      valueEnd + (after ? after[0].length : 0),
      pair && pair.start >= valueEnd ? closeParen(text, pair.end, segmentEnd) : 0
    ]
    measurements.push({
      window: label.window,
      labelStart: label.start,
      labelEnd: label.end,
      value: number,
      valueText: text.slice(valueStart, valueEnd),
      valueStart,
      valueEnd,
      direction: word === undefined ? undefined : directionWords[word.toLowerCase()],
      pair,
      end: Math.max(...ends)
    })
  })
  return measurements
}

function readPair(match: RegExpExecArray, offset: number): NonNullable<Measurement['pair']> | undefined {
  const [text, usedText, usedUnit, totalText, totalUnit] = match
  const scale = (value: string, unit: string | undefined) => {
    const multiplier = unit?.toLowerCase() === 'm' ? 1_000_000 : unit?.toLowerCase() === 'k' ? 1000 : 1
    return Number(value.replace(/,/g, '')) * multiplier
  }
  // “209/272K”: one unit stands for both.
  const unit = totalUnit ?? usedUnit
  const used = scale(usedText!, usedUnit ?? unit)
  const total = scale(totalText!, unit)
  // Token counts, not a date (10/20) or a score (3/5).
  if (total < 1000 || total === 0) return undefined
  const start = offset + match.index
  return {used, total, text, start, end: start + text.length}
}

/** Takes a closing parenthesis right after a pair into what was read. */
function closeParen(text: string, at: number, limit: number): number {
  const rest = /^\s*\)/.exec(text.slice(at, limit))
  return rest ? at + rest[0].length : at
}

/** A capture line with placeholders, as `--fix` appends it and a scaffolded progress log starts with it: “/status: context window TODO% used (TODOK/272K), …”. */
export function captureTemplate(config: SopLintConfig): string {
  const placeholder = config.plan.placeholders[0] ?? 'TODO'
  const window = `${Math.round(config.budget.contextWindow / 1000)}K`
  const {context, fiveHour, weekly} = config.crossFile.statusLabels
  const label = (words: string[], fallback: string) => words[0] ?? fallback
  return (
    `/status: ${label(context, 'context window')} ${placeholder}% used (${placeholder}K/${window}), ` +
    `${label(fiveHour, '5h limit')} ${placeholder}% used, ${label(weekly, 'weekly limit')} ${placeholder}% used`
  )
}
