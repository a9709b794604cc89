/**
 * Which ledger cells a spreadsheet would run as a formula (CSV or formula
 * injection, OWASP; ASVS 5.0 §1.2.10): text that starts with `=`, `+`, `-` or
 * `@`, or with a tab, a carriage return, a line feed or a null character. The
 * signs count in their full-width and other compatibility forms too (`＝`,
 * `＋`, `－`, `＠`, `﹦`, …: NFKC folds them to the ASCII sign, as input
 * methods and some spreadsheets do), and after leading blank or invisible
 * characters (spaces, NBSP, a zero-width space, a byte order mark, other
 * format characters), which a person does not see and a tool that trims the
 * cell drops. A number — `-5000`, `+12`, `1e3` — is a value, not a formula.
 *
 * The one predicate of the rule `ledger-formula` and of every writer of ledger
 * cells (`csvCell`), so what `--fix` writes is never what the rule reports.
 */

/** Characters that start a formula as the cell's first character. */
const controlStarts: Record<string, string> = {
  '\t': 'a tab',
  '\r': 'a carriage return',
  '\n': 'a line feed',
  '\0': 'a null character'
}

const signs = new Set(['=', '+', '-', '@'])

/** Blank and invisible characters a sign may hide behind. */
const hiding = /^[\p{White_Space}\p{Cf}\p{Cc}\p{Default_Ignorable_Code_Point}]+/u

const number = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

export interface FormulaStart {
  /** The character that makes the cell a formula, as written (`＝`, `=`, a tab). */
  character: string
  /** What a message calls it: `“=”`, `a tab`, `“＝” (U+FF1D, a form of “=”)`, `“=” after a space`. */
  name: string
  /** The blank or invisible characters before it (empty when it is the first). */
  before: string
}

/** How the cell starts a formula, or `undefined` when it does not. */
export function formulaStart(value: string): FormulaStart | undefined {
  const first = value.charAt(0)
  // Most cells start with a visible ASCII character that is no sign: nothing hides before it, nothing to look up.
  if (first > ' ' && first <= '~' && !signs.has(first)) return undefined
  if (Object.hasOwn(controlStarts, first)) return {character: first, name: controlStarts[first]!, before: ''}
  const before = hiding.exec(value)?.[0] ?? ''
  const rest = value.slice(before.length)
  const code = rest.codePointAt(0)
  if (code === undefined) return undefined
  const character = String.fromCodePoint(code)
  const sign = character.normalize('NFKC')
  if (!signs.has(sign) || number.test(rest.normalize('NFKC'))) return undefined
  const written = character === sign ? `“${sign}”` : `“${character}” (${codePoint(character)}, a form of “${sign}”)`
  return {character, name: `${written}${hiddenBy(before)}`, before}
}

/** ` after 2 spaces`, ` after 2 blank or invisible characters (U+00A0, U+200B)`: what hides the sign, by code point, since it cannot be seen. */
function hiddenBy(before: string): string {
  if (before === '') return ''
  const characters = [...before]
  if (/^ +$/.test(before)) return ` after ${characters.length === 1 ? 'a space' : `${characters.length} spaces`}`
  const distinct = [...new Set(characters)].map(codePoint)
  const listed = distinct.length > 4 ? `${distinct.slice(0, 4).join(', ')}, …` : distinct.join(', ')
  return ` after ${characters.length} blank or invisible character${characters.length === 1 ? '' : 's'} (${listed})`
}

/**
 * A value as the ledger's writers write it: text a spreadsheet would run
 * gets an apostrophe in front (OWASP's advice; spreadsheets show the cell
 * without it).
 */
export function inertValue(value: string): string {
  return formulaStart(value) ? `'${value}` : value
}

/** `U+200B`. */
function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
}
