/**
 * What keeps text from the Markdown parser (issue 13, items 10 and 11):
 * micromark takes time, stack or memory out of proportion to some inputs —
 * containers nested thousands deep overflow its stack, thousands of marks of
 * emphasis in one paragraph or lazy lines of one block quote take time that
 * grows with their square, and a dense list holds about 4 KB of memory per
 * byte. Text past `limits.maxParsedBytes` or a limit of the linear pre-scan
 * (./shape.ts) is not parsed. The engine's parse gate
 * (src/engine/parse-gate.ts) asks this for every file it checks, and
 * {@link parsable} (./parse.ts) for every document read for a cross-file check.
 */
import type {SopLintConfig} from '../config/schema.js'
import {firstExcess, type ShapeExcess} from './shape.js'

export type ParseLimits = SopLintConfig['limits']

/** A run of a document that is parsed, and the line of the document it starts on. */
export interface ParsedPiece {
  text: string
  line: number
}

/** Why text is not parsed: past the byte limit (for the part parsed, which may start after line 1), or past a limit of the pre-scan at a line. */
export type Refusal = {limit: 'maxParsedBytes'; bytes: number; fromLine: number} | (ShapeExcess & {line: number})

/** What stops pieces of a document from being parsed, first found first; nothing when they may be. */
export function parseRefusal(pieces: readonly ParsedPiece[], limits: ParseLimits): Refusal | undefined {
  const bytes = pieces.reduce((sum, piece) => sum + Buffer.byteLength(piece.text), 0)
  if (bytes > limits.maxParsedBytes) return {limit: 'maxParsedBytes', bytes, fromLine: pieces[0]?.line ?? 1}
  for (const piece of pieces) {
    const excess = firstExcess(piece.text, limits)
    if (excess) return {...excess, line: piece.line + excess.line - 1}
  }
  return undefined
}

/** The pieces of a document parsed: the runs `[start, end)` of a partial parse (each with the line it starts on), or all of it. */
export function piecesOf(
  text: string,
  runs: ReadonlyArray<{start: number; end: number; line: number}> | undefined
): ParsedPiece[] {
  return runs ? runs.map((run) => ({text: text.slice(run.start, run.end), line: run.line})) : [{text, line: 1}]
}

/** The line a refusal is reported at: where the part parsed starts, or the line past the pre-scan's limit. */
export function refusalLine(refusal: Refusal): number {
  return refusal.limit === 'maxParsedBytes' ? refusal.fromLine : refusal.line
}
