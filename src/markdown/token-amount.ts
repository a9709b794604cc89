/** A token figure read from prose: `58K`, `(58K)`, `58k tokens`, `58,000`, `190–218K`. */
export interface TokenAmount {
  min: number
  max: number
  /** Offset of the figure in the text it was read from. */
  start: number
  end: number
  /** The figure as written. */
  text: string
}

const number = String.raw`\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?`
// Blanks are taken only inside a group that a word or figure must end, never by two
// quantifiers in a row: `1\s*(k)?\s*` before a long run of blanks tries every split of it.
const amountPattern = new RegExp(
  String.raw`(?<![\w.,/-])(${number})(?:\s*(k)\b)?(?:\s*(?:[–—-]|to)\s*(${number})(?:\s*(k)\b)?)?(\s*tokens?\b)?(?![\w%.,/-]*\d)(?!\s*%)`,
  'gi'
)

/**
 * Reads every token figure in a text. A bare number counts only when it is
 * large enough to be a token count (10,000 and up) or says `tokens`, so task
 * numbers, years and percentages are not mistaken for budgets.
 */
export function findTokenAmounts(text: string): TokenAmount[] {
  const amounts: TokenAmount[] = []
  for (const match of text.matchAll(amountPattern)) {
    const [written, first, firstK, second, secondK, tokensWord] = match
    const kilo = Boolean(firstK ?? secondK)
    const scale = (value: string) => Number(value.replace(/,/g, '')) * (kilo ? 1000 : 1)
    const min = scale(first!)
    const max = second === undefined ? min : scale(second)
    const saysTokens = kilo || tokensWord !== undefined
    if (!saysTokens && (min < 10_000 || first!.includes('.'))) continue
    if (max < min) continue
    const start = match.index
    amounts.push({
      min: Math.round(min),
      max: Math.round(max),
      start,
      end: start + written.trimEnd().length,
      text: written.trim()
    })
  }
  return amounts
}

/** Formats tokens the way plans write them: `58K`, `190–218K`. */
export function formatTokens(min: number, max = min): string {
  const k = (value: number) => `${Number((value / 1000).toFixed(1))}K`
  return min === max ? k(min) : `${Number((min / 1000).toFixed(1))}–${k(max)}`
}
