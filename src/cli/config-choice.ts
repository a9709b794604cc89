import {statSync} from 'node:fs'
import path from 'node:path'
import {UsageError} from '../config/errors.js'
import type {ConfigChoice} from '../engine/load-config.js'
import {didYouMean} from '../config/suggest.js'

const severities = ['error', 'warn', 'off'] as const
/** ESLint's numbers for the severities, which its users may type. */
const numbered: Record<string, (typeof severities)[number]> = {'2': 'error', '1': 'warn', '0': 'off'}

/**
 * `-c/--config FILE` and `--rule id:severity` as the config loader takes them;
 * each mistake is one line. The list of rules, which loads every rule, is read
 * only to judge a `--rule`.
 */
export async function configChoice(
  values: {config?: string | undefined; rule?: readonly string[] | undefined},
  cwd = process.cwd()
): Promise<ConfigChoice> {
  const choice: ConfigChoice = {}
  if (values.config !== undefined) choice.file = configFile(values.config, cwd)
  if (values.rule !== undefined && values.rule.length > 0) {
    const {ruleIds} = await import('../engine/on-demand.js')
    choice.rules = Object.fromEntries(values.rule.map((given) => parseRule(given, ruleIds)))
  }
  return choice
}

/** Whether the command line chose anything about the config (then a check's result is neither taken from nor kept in the cache). */
export function choosesConfig(choice: ConfigChoice): boolean {
  return choice.file !== undefined || choice.rules !== undefined
}

function configFile(given: string, cwd: string): string {
  const file = path.resolve(cwd, given)
  let isFile: boolean
  try {
    isFile = statSync(file).isFile()
  } catch {
    throw new UsageError(`--config ${given}: no such file`)
  }
  if (!isFile)
    throw new UsageError(
      `--config ${given}: not a file; name a remark config file (.remarkrc.json, .remarkrc.yaml, .remarkrc.mjs, …)`
    )
  return file
}

function parseRule(given: string, ruleIds: readonly string[]): [string, string] {
  const colon = given.lastIndexOf(':')
  if (colon === -1) throw new UsageError(`--rule ${given}: expected RULE:SEVERITY, e.g. --rule no-todo:off`)
  const id = given.slice(0, colon).trim()
  const written = given.slice(colon + 1).trim()
  if (!ruleIds.includes(id)) {
    throw new UsageError(
      `--rule ${given}: no rule ${id || '(empty)'}${didYouMean(id, ruleIds) || '; the rules are listed in the README'}`
    )
  }
  const severity = numbered[written] ?? written
  if (!(severities as readonly string[]).includes(severity)) {
    throw new UsageError(
      `--rule ${given}: expected error, warn or off after the colon${didYouMean(written, severities)}`
    )
  }
  return [id, severity]
}
