/** Every sub-command, looked up by its leading words; anything else is a check. */
import {checkCommand} from './check.js'
import type {Command} from './command.js'

export const commands: Command[] = [checkCommand]

/** The command the arguments select, and the arguments left for it. */
export function selectCommand(argv: string[]): {command: Command; args: string[]} {
  const matches = commands
    .filter((command) => command.words.every((word, index) => argv[index] === word))
    .sort((a, b) => b.words.length - a.words.length)
  const command = matches[0]
  return command ? {command, args: argv.slice(command.words.length)} : {command: checkCommand, args: argv}
}
