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

/** Control characters that start a formula as the cell's first character. */
const controlStarts = new Set(['\t', '\r', '\n', '\0'])

const signs = new Set(['=', '+', '-', '@'])

/** Blank and invisible characters a sign may hide behind. */
const hiding = /^[\p{White_Space}\p{Cf}\p{Cc}\p{Default_Ignorable_Code_Point}]+/u

const number = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

export interface FormulaStart {
  /** The character that makes the cell a formula, as written (`＝`, `=`, a tab). */
  character: string
  /** The sign it is a form of (`=`, `+`, `-`, `@`); `undefined` for a control character (a tab, a line break, a null). */
  sign: string | undefined
  /** The blank or invisible characters before it (empty when it is the first). */
  before: string
}

/** How the cell starts a formula, or `undefined` when it does not. */
export function formulaStart(value: string): FormulaStart | undefined {
  const first = value.charAt(0)
  // Most cells start with a visible ASCII character that is no sign: nothing hides before it, nothing to look up.
  if (first > ' ' && first <= '~' && !signs.has(first)) return undefined
  if (controlStarts.has(first)) return {character: first, sign: undefined, before: ''}
  const before = hiding.exec(value)?.[0] ?? ''
  const rest = value.slice(before.length)
  const code = rest.codePointAt(0)
  if (code === undefined) return undefined
  const character = String.fromCodePoint(code)
  const sign = character.normalize('NFKC')
  if (!signs.has(sign) || number.test(rest.normalize('NFKC'))) return undefined
  return {character, sign, before}
}

/**
 * A value as the ledger's writers write it: text a spreadsheet would run
 * gets an apostrophe in front (OWASP's advice; spreadsheets show the cell
 * without it).
 */
export function inertValue(value: string): string {
  return formulaStart(value) ? `'${value}` : value
}
