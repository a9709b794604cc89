/**
 * The default report, in ESLint's `stylish` layout but made to be read in a
 * terminal: per file, each message's place, severity, finding and rule on one
 * line, and what to do about it on a line of its own below (→). Lines are
 * wrapped to the terminal's width at word boundaries, so a rule's name is
 * never broken; nothing is padded to the longest message.
 */
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {stringWidth, wrap} from './wrap.js'

export interface StylishOptions {
  /** Errors only. */
  quiet: boolean
  color: boolean
  /** Columns to wrap at; by default the terminal's ({@link terminalWidth}), no wrapping when it is not known. */
  width?: number | undefined
}

const ansi = {
  bold: ['\u001B[1m', '\u001B[22m'],
  dim: ['\u001B[2m', '\u001B[22m'],
  underline: ['\u001B[4m', '\u001B[24m'],
  red: ['\u001B[31m', '\u001B[39m'],
  yellow: ['\u001B[33m', '\u001B[39m'],
  cyan: ['\u001B[36m', '\u001B[39m']
} as const

type Style = keyof typeof ansi

/** The messages that have any (errors only when `quiet`), file by file, then the count. */
export function formatStylish(files: readonly VFile[], options: StylishOptions): string {
  const paint = (style: Style, text: string) => (options.color ? `${ansi[style][0]}${text}${ansi[style][1]}` : text)
  const width = options.width ?? terminalWidth()
  const blocks: string[] = []
  let errors = 0
  let warnings = 0
  for (const file of files) {
    const messages = [...file.messages].filter((message) => !options.quiet || message.fatal === true).sort(byPlace)
    if (messages.length === 0) continue
    const places = messages.map((message) => `${message.line ?? 1}:${message.column ?? 1}`)
    const placeWidth = Math.max(...places.map((place) => place.length))
    const fileErrors = messages.filter((message) => message.fatal === true).length
    errors += fileErrors
    warnings += messages.length - fileErrors
    const lines = [paint('underline', file.path)]
    messages.forEach((message, index) => {
      const severity = message.fatal === true ? `${paint('red', 'error')}  ` : paint('yellow', 'warning')
      const place = places[index]!
      const lead = `  ${paint('dim', place)}${' '.repeat(placeWidth - place.length)}  ${severity}  `
      lines.push(...messageLines(message, {lead, indent: 2 + placeWidth + 2 + 7 + 2, width, paint}))
    })
    blocks.push(lines.join('\n'))
  }
  if (blocks.length === 0) return ''
  const problems = errors + warnings
  const summary = `✖ ${problems} problem${problems === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`
  return `${blocks.join('\n\n')}\n\n${paint('bold', paint(errors > 0 ? 'red' : 'yellow', summary))}\n`
}

interface LineLayout {
  /** What stands before the message's first line: place and severity, maybe coloured. */
  lead: string
  /** The column the message text starts at. */
  indent: number
  width: number
  paint(style: Style, text: string): string
}

/**
 * A message's lines: the finding, wrapped, with its rule two spaces after its
 * last word (the rule is wrapped as one more word, so it is never broken and
 * stands on a line of its own only when no word of the finding fits beside
 * it), then the fix after an arrow.
 */
function messageLines(message: VFileMessage, layout: LineLayout): string[] {
  const {finding, fix} = splitMessage(message)
  const textWidth = Math.max(20, layout.width - layout.indent)
  const pad = ' '.repeat(layout.indent)
  const rule = message.ruleId ?? ''
  // The rule stands in as a word as wide as itself and the extra space before it.
  const stand = 'x'.repeat(rule.length + 1)
  const wrapped = wrap(rule === '' ? finding : `${finding} ${stand}`, textWidth)
  const last = wrapped.length - 1
  // A rule alone on its line takes the finding's last word with it, when that word fits beside it.
  const before = wrapped[last - 1]?.lastIndexOf(' ') ?? -1
  if (
    rule !== '' &&
    wrapped[last] === stand &&
    before > 0 &&
    stringWidth(wrapped[last - 1]!.slice(before)) + stand.length <= textWidth
  ) {
    wrapped[last] = `${wrapped[last - 1]!.slice(before + 1)} ${stand}`
    wrapped[last - 1] = wrapped[last - 1]!.slice(0, before)
  }
  const findingLines =
    rule === ''
      ? wrapped
      : wrapped.map((line, index) => (index === last ? line.slice(0, -stand.length).trimEnd() : line))
  const painted = paintCode(findingLines, layout.paint)
  if (rule !== '') painted[last] = `${painted[last]}${painted[last] === '' ? '' : '  '}${layout.paint('dim', rule)}`
  const lines = painted.map((line, index) => `${index === 0 ? layout.lead : pad}${line}`)
  if (fix !== undefined) {
    const arrow = layout.paint('dim', '→')
    const fixLines = paintCode(wrap(fix, textWidth - 2), layout.paint)
    lines.push(...fixLines.map((line, index) => `${pad}${index === 0 ? `${arrow} ` : '  '}${line}`))
  }
  return lines
}

/**
 * The finding and the fix of a message: its `note` when it has one, else the
 * reason split at its last `: ` outside code, quotes and brackets
 * (`Budget target 150K is outside 190–218K: plan 190–218K`), when what comes
 * before it is a sentence of three words or more; the whole reason otherwise.
 */
export function splitMessage(message: Pick<VFileMessage, 'reason' | 'note'>): {finding: string; fix?: string} {
  const reason = message.reason
  if (message.note) return {finding: reason, fix: message.note}
  let depth = 0
  let code = false
  let split = -1
  for (let index = 0; index < reason.length; index++) {
    const char = reason[index]!
    if (char === '`') code = !code
    else if (code) continue
    else if (char === '“' || char === '(' || char === '[') depth++
    else if ((char === '”' || char === ')' || char === ']') && depth > 0) depth--
    else if (char === ':' && reason[index + 1] === ' ' && depth === 0) split = index
  }
  if (split === -1) return {finding: reason}
  const finding = reason.slice(0, split).trim()
  const fix = reason.slice(split + 2).trim()
  // A subject before the colon (`constraint-error: …`, `` `/status` capture: … ``) is no finding of its own.
  if (finding.split(/\s+/).length < 3 || fix === '') return {finding: reason}
  return {finding, fix}
}

/** Code spans (`…`) in cyan; a span wrapped over lines is painted on each. */
function paintCode(lines: readonly string[], paint: LineLayout['paint']): string[] {
  let inside = false
  return lines.map((line) => {
    let painted = ''
    let run = ''
    const flush = (code: boolean) => {
      if (run !== '') painted += code ? paint('cyan', run) : run
      run = ''
    }
    for (const char of line) {
      if (char !== '`') run += char
      else if (!inside) {
        flush(false)
        inside = true
        run = char
      } else {
        run += char
        flush(true)
        inside = false
      }
    }
    flush(inside)
    return painted
  })
}

function byPlace(a: VFileMessage, b: VFileMessage): number {
  return (a.line ?? 1) - (b.line ?? 1) || (a.column ?? 1) - (b.column ?? 1)
}

/**
 * The columns to wrap at, as git finds them: `COLUMNS` when set, else the
 * terminal's width; `Infinity` (no wrapping) when the report does not go to
 * a terminal.
 */
export function terminalWidth(stream: NodeJS.WriteStream = process.stdout, env = process.env): number {
  const columns = Number(env.COLUMNS)
  if (Number.isInteger(columns) && columns > 0) return columns
  if (stream.isTTY && stream.columns > 0) return stream.columns
  return Number.POSITIVE_INFINITY
}

/**
 * Whether to colour: `--color`/`--no-color` when given, else `FORCE_COLOR`
 * (`0` or `false` turns colour off, anything else on), else not with a
 * non-empty `NO_COLOR`, else only on a terminal.
 */
export function useColor(stream: NodeJS.WriteStream, flag?: boolean, env = process.env): boolean {
  if (flag !== undefined) return flag
  const force = env.FORCE_COLOR
  if (force !== undefined) return force !== '0' && force !== 'false'
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  return Boolean(stream.isTTY)
}
