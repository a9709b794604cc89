/** Every sub-command, looked up by its leading words; anything else is a check. */
import {existsSync} from 'node:fs'
import path from 'node:path'
import {UsageError} from '../config/errors.js'
import {budgetCommand} from './commands/budget.js'
import {checkCommand} from './commands/check.js'
import type {Command} from './command.js'
import {hookCommand} from './commands/hook.js'
import {hookPreCommitCommand} from './commands/hook-pre-commit.js'
import {sessionStartHookCommand} from './commands/hook-session-start.js'
import {stopHookCommand} from './commands/hook-stop.js'
import {initCommand} from './commands/init.js'
import {ledgerCloseCommand} from './commands/ledger-close.js'
import {optionLength, type OptionSpecs} from './options.js'
import {planNewCommand} from './commands/plan-new.js'
import {reportCommand} from './commands/report.js'
import {statusCommand} from './commands/status.js'
import {nearest} from '../config/suggest.js'

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

/** Every option of every command: what tells, before a command's words, an option's value from the command. */
const everyOption: OptionSpecs = Object.assign({}, ...commands.map((command) => command.options))

/**
 * The command the arguments select, and the arguments left for it. Options
 * may come before the command's words, as with git (`sop-lint --root ws
 * budget`): they are passed to the command as if written after them. The
 * first word that is not an option or an option's value picks the command;
 * a word that is neither a command nor a file, but near a command, is taken
 * for a slip.
 */
export function selectCommand(argv: string[], cwd = process.cwd()): {command: Command; args: string[]} {
  let index = 0
  while (index < argv.length && argv[index] !== '--') {
    const length = optionLength(argv, index, everyOption)
    if (length === 0) break
    // An optional value before a command word is the command, not the value (`--print-config budget` is not a file).
    index += length === 2 && isCommandWord(argv[index + 1]!) ? 1 : length
  }
  const leading = argv.slice(0, index)
  const rest = argv.slice(index)
  const command = commands
    .filter((candidate) => candidate.words.every((word, position) => rest[position] === word))
    .sort((a, b) => b.words.length - a.words.length)[0]
  if (command) return {command, args: [...leading, ...rest.slice(command.words.length)]}
  const first = rest[0]
  if (first !== undefined && first !== '--') {
    const partial = commands.filter((candidate) => candidate.words.length > 1 && candidate.words[0] === first)
    if (partial.length > 0) {
      const choices = partial.map((candidate) => `sop-lint ${candidate.words.join(' ')}`)
      const typed = rest.slice(0, 2).join(' ')
      const near = nearest(
        typed,
        choices.map((choice) => choice.slice('sop-lint '.length))
      )
      throw new UsageError(
        `\`sop-lint ${typed}\` is not a command; did you mean ${(near.length > 0 ? near.map((words) => `sop-lint ${words}`) : choices).join(', ')}?`
      )
    }
    if (!existsSync(path.resolve(cwd, first)) && /^[a-z][a-z-]*$/.test(first)) {
      const near = nearest(
        first,
        commands.map((candidate) => candidate.words[0]!)
      )
      if (near.length > 0) {
        const choices = commands
          .filter((candidate) => near.includes(candidate.words[0]!))
          .map((candidate) => `sop-lint ${candidate.words.join(' ')}`)
        throw new UsageError(`${first}: not a command, and no such file; did you mean ${choices.join(', ')}?`)
      }
    }
  }
  return {command: checkCommand, args: argv}
}

function isCommandWord(word: string): boolean {
  return commands.some((command) => command.words[0] === word)
}

// What main.ts needs beside the commands, from the one module it loads for them.
export {formatHelp} from './help.js'
export {asksForHelp} from './options.js'
