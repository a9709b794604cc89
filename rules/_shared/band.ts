import type {SopLintConfig} from '../../src/config/schema.js'

/**
 * The budget band in whole thousands: plans write thousands ("190–218K" for
 * 190,400–217,600), so the band is widened to whole thousands (rules budget
 * and ledger-planning-row).
 */
export function bandOf(config: SopLintConfig): {min: number; max: number} {
  const {contextWindow, band} = config.budget
  return {min: Math.floor((contextWindow * band.min) / 1000) * 1000, max: Math.ceil((contextWindow * band.max) / 1000) * 1000}
}

/** A share as a whole percentage: `0.7` → `70%`. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`
}
