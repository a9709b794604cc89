import type {SopLintConfig} from '../../config/schema.js'

/** The budget a new plan starts from: the middle of the band, the middle of the buffer, buckets sharing the rest. */
export interface DefaultBudget {
  target: number
  share: number
  buffer: number
  buckets: Array<{name: string; tokens: number}>
}

const thousand = 1000

export function defaultBudget(config: SopLintConfig): DefaultBudget {
  const {contextWindow, band, buffer: bufferRange, buckets: names} = config.budget
  const target = Math.round((contextWindow * (band.min + band.max)) / 2 / thousand) * thousand
  const buffer = Math.round((bufferRange.min + bufferRange.max) / 2 / thousand) * thousand
  const perBucket = Math.floor((target - buffer) / thousand / names.length) * thousand
  const remainder = target - buffer - perBucket * names.length
  return {
    target,
    share: Math.round((target / contextWindow) * 100),
    buffer,
    buckets: names.map((name, index) => ({name, tokens: perBucket + (index < remainder / thousand ? thousand : 0)}))
  }
}
