/**
 * Words shared by the rules' messages, the file problems and the config's
 * errors: what stands at a path that cannot be read as a file, an error code
 * as a person reads it, a ledger cell and what makes it a formula.
 */
import type {FormulaStart} from '../ledger/formula.js'
import {errnoCode, type Unusable} from '../workspace/source.js'

const unusableWords: Record<Exclude<Unusable, `unreadable:${string}`>, string> = {
  outside: 'is outside the repository, which sop-lint never reads',
  'link-folder': 'lies in a folder reached through a symbolic link, which sop-lint does not follow',
  folder: 'is a folder, not a file',
  special: 'is not a regular file (a FIFO, socket or device)',
  loop: 'is a symbolic link that loops',
  'link-outside': 'is a symbolic link to a place outside the repository, which sop-lint never reads',
  dangling: 'is a symbolic link to nothing'
}

/** Why a path cannot be read, phrased to follow the path: `is a folder, not a file`. */
export function describeUnusable(why: Unusable): string {
  if (why.startsWith('unreadable:')) return `cannot be read (${describeCode(why.slice('unreadable:'.length))})`
  return unusableWords[why as keyof typeof unusableWords]
}

const errnoWords: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EISDIR: 'is a folder',
  ENOTDIR: 'a folder on its path is a file',
  EEXIST: 'a file stands where a folder is needed',
  ELOOP: 'symbolic link loop',
  ENAMETOOLONG: 'name too long',
  EMFILE: 'too many open files',
  EIO: 'input/output error'
}

/** An error's code as words a person reads: `permission denied, EACCES`; an unknown code as it is, an error without one by its message. */
export function describeErrno(error: unknown): string {
  return describeCode(errnoCode(error))
}

function describeCode(code: string): string {
  return errnoWords[code] ? `${errnoWords[code]}, ${code}` : code
}

const escapes: Record<string, string> = {'\t': '\\t', '\r': '\\r', '\n': '\\n'}

/** Characters a message would show as nothing, or as a plain space: control, format and other invisible characters, blanks but the space. */
const unseen = /(?! )[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{White_Space}]/gu

/** A cell's text as messages show it: in curly quotes, control and invisible characters written as escapes (`\t`, `\u200B`), long text cut. */
export function quoted(value: string): string {
  const visible = value.replace(unseen, (character) => escapes[character] ?? unicodeEscape(character))
  return `“${visible.length > 40 ? `${visible.slice(0, 39)}…` : visible}”`
}

function unicodeEscape(character: string): string {
  const hex = character.codePointAt(0)!.toString(16).toUpperCase()
  return hex.length > 4 ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`
}

const controlNames: Record<string, string> = {
  '\t': 'a tab',
  '\r': 'a carriage return',
  '\n': 'a line feed',
  '\0': 'a null character'
}

/** What messages call a formula's start: `“=”`, `a tab`, `“＝” (U+FF1D, a form of “=”)`, `“=” after a space`. */
export function describeFormulaStart(start: FormulaStart): string {
  if (start.sign === undefined) return controlNames[start.character] ?? codePoint(start.character)
  const written =
    start.character === start.sign
      ? `“${start.sign}”`
      : `“${start.character}” (${codePoint(start.character)}, a form of “${start.sign}”)`
  return `${written}${hiddenBy(start.before)}`
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

/** `U+200B`. */
function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
}
