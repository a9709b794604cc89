import type {SopLintConfig} from '../config/schema.js'
import {formatTokens} from '../markdown/token-amount.js'
import type {PlanDocument} from '../plan/plan-document.js'
import {tokenBand} from './band.js'

/** What the reading is measured against: the plan's target, and what is left of it after the buffer. */
export interface ReadingBudget {
  /** The target (the upper figure of a range), if the plan names one. */
  target: number | undefined
  targetText: string
  buffer: number | undefined
  /** The buffer as the plan writes it, `0` when it names none. */
  bufferText: string
  /** Target minus buffer: what the reading and the tasks share. */
  available: number | undefined
}

/** As the budget rule computes it: the target's upper figure less the buffer's lower one. */
export function readingBudget(plan: PlanDocument, config: SopLintConfig): ReadingBudget {
  const target = plan.budget.target?.amount
  const buffer = plan.budget.buffer?.amount
  const available = target ? target.max - (buffer?.min ?? 0) : undefined
  return {
    target: target?.max,
    targetText: target ? target.text : formatTokens(tokenBand(config).max),
    buffer: buffer?.min,
    bufferText: buffer ? buffer.text : '0',
    available
  }
}

/**
 * A token count with thousands separators: `183,402`. Without Intl: the
 * first `toLocaleString` of a process loads ICU's locale data, tens of
 * milliseconds of a hook that runs at every turn of an agent.
 */
export function formatCount(tokens: number): string {
  const [whole, fraction] = String(Math.abs(tokens)).split('.')
  return `${tokens < 0 ? '-' : ''}${whole!.replace(/\B(?=(\d{3})+$)/g, ',')}${fraction === undefined ? '' : `.${fraction}`}`
}
