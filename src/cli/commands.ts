/** Every sub-command, looked up by its leading words; anything else is a check. */
import {UsageError} from '../config/errors.js'
import {budgetCommand} from './budget.js'
import {checkCommand} from './check.js'
import type {Command} from './command.js'
import {hookCommand} from './hook.js'
import {hookPreCommitCommand} from './hook-pre-commit.js'
import {sessionStartHookCommand} from './hook-session-start.js'
import {stopHookCommand} from './hook-stop.js'
import {initCommand} from './init.js'
import {ledgerCloseCommand} from './ledger-close.js'
import {planNewCommand} from './plan-new.js'
import {reportCommand} from './report.js'
import {statusCommand} from './status.js'

export const commands: Command[] = [
  checkCommand,
  planNewCommand,
  hookCommand,
  hookPreCommitCommand,
  stopHookCommand,
  sessionStartHookCommand,
  initCommand,
  budgetCommand,
  ledgerCloseCommand,
  statusCommand,
  reportCommand
]

/** The command the arguments select, and the arguments left for it. */
export function selectCommand(argv: string[]): {command: Command; args: string[]} {
  const matches = commands
    .filter((command) => command.words.every((word, index) => argv[index] === word))
    .sort((a, b) => b.words.length - a.words.length)
  const command = matches[0]
  if (command) return {command, args: argv.slice(command.words.length)}
  const partial = commands.filter((candidate) => candidate.words.length > 1 && candidate.words[0] === argv[0])
  if (partial.length > 0) {
    const choices = partial.map((candidate) => `sop-lint ${candidate.words.join(' ')}`).join(', ')
    throw new UsageError(`\`sop-lint ${argv.slice(0, 2).join(' ')}\` is not a command; did you mean ${choices}?`)
  }
  return {command: checkCommand, args: argv}
}
