import type {SopLintConfig} from '../config/schema.js'
import {formatTokens} from '../markdown/token-amount.js'

/**
 * The band a session's target lies in, in tokens: the configured shares of
 * the context window, exactly (70–80 % of 272K is 190,400–217,600). Every
 * message, report and check takes the band from here.
 */
export function tokenBand(config: SopLintConfig): {min: number; max: number} {
  const {contextWindow, band} = config.budget
  return {min: Math.round(contextWindow * band.min), max: Math.round(contextWindow * band.max)}
}

/** `190,400–217,600 (70%–80% of 272K)`. */
export function describeBand(config: SopLintConfig): string {
  const {min, max} = tokenBand(config)
  const percent = (share: number) => `${Math.round(share * 100)}%`
  return `${thousands(min)}–${thousands(max)} (${percent(config.budget.band.min)}–${percent(config.budget.band.max)} of ${formatTokens(config.budget.contextWindow)})`
}

/** `190400` → `190,400`, without Intl (whose first use loads the locale data: tens of milliseconds of a check). */
function thousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/**
 * Whether a figure lies in the band at the precision it is written to: `190K`
 * (190,000, to the thousand) and `218K` do, as the procedure writes the band
 * "190–218K"; `189K` does not. A figure in thousands (`200000` in the
 * ledger) is taken to the thousand too.
 */
export function withinBand(figure: {min: number; max: number; text?: string}, config: SopLintConfig): boolean {
  const band = tokenBand(config)
  const slack = precisionOf(figure) / 2
  return figure.min >= band.min - slack && figure.max <= band.max + slack
}

function precisionOf(figure: {min: number; max: number; text?: string}): number {
  const kilo = figure.text === undefined ? undefined : /(\d+(?:\.(\d+))?)\s*k\b/i.exec(figure.text)
  if (kilo) return 1000 / 10 ** (kilo[2]?.length ?? 0)
  return figure.min % 1000 === 0 && figure.max % 1000 === 0 ? 1000 : 1
}
