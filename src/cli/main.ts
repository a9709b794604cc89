#!/usr/bin/env node
import {UsageError} from '../config/errors.js'
import type {Command} from './command.js'
import {packageVersion} from './version.js'

/** Runs the CLI and turns every failure into a one-line message and an exit code. */
async function main(argv: string[]): Promise<number> {
  // The pre-push hook runs on every push: it loads the engine only when there is a commit to check.
  if (argv[0] === 'hook' && argv[1] === 'pre-push' && !argv.some((arg) => arg === '--help' || arg === '-h')) {
    const {runHook} = await import('./hook.js')
    return runHook(argv.slice(2))
  }
  const [{commands, selectCommand}, {asksForHelp}, {formatHelp}] = await Promise.all([import('./commands.js'), import('./options.js'), import('./help.js')])
  const {command, args} = selectCommand(argv)
  if (asksForHelp(args)) {
    process.stdout.write(`${formatHelp(command)}${command.words[0] === 'check' ? overview(commands) : ''}`)
    return 0
  }
  if (command.words[0] === 'check' && args.slice(0, args.includes('--') ? args.indexOf('--') : undefined).some((arg) => arg === '--version' || arg === '-v')) {
    process.stdout.write(`${packageVersion()}\n`)
    return 0
  }
  return command.run(args)
}

function overview(commands: readonly Command[]): string {
  const lines = commands.map((command) => `  sop-lint ${command.words.join(' ').padEnd(16)} ${command.summary}`)
  return `\nCommands (each has --help):\n${lines.join('\n')}\n`
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    const text = error instanceof Error ? error.message : String(error)
    process.stderr.write(error instanceof UsageError ? `sop-lint: ${text}\n` : `sop-lint: internal error: ${text} (please report it)\n`)
    if (process.env.SOP_LINT_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`)
    process.exitCode = 2
  }
)
