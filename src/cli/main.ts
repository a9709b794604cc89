#!/usr/bin/env node
import {UsageError} from '../config/errors.js'
import type {Command} from './command.js'
import {packageVersion} from '../config/package-version.js'

const hooks: Record<string, () => Promise<(argv: string[]) => Promise<number>>> = {
  'pre-push': async () => (await import('./hook.js')).runHook,
  stop: async () => (await import('./hook-stop.js')).runStopHook,
  'session-start': async () => (await import('./hook-session-start.js')).runSessionStartHook
}

/** Runs the CLI and turns every failure into a one-line message and an exit code. */
async function main(argv: string[]): Promise<number> {
  // The hooks run on every push and at every turn of an agent: each loads its own module only, and the engine only when it must check.
  const name = argv[0] === 'hook' && !argv.some((arg) => arg === '--help' || arg === '-h') ? argv[1] : undefined
  const hook = name !== undefined && Object.hasOwn(hooks, name) ? hooks[name] : undefined
  if (hook) return (await hook())(argv.slice(2))
  const {commands, selectCommand, asksForHelp, formatHelp} = await import('./commands.js')
  const {command, args} = selectCommand(argv)
  if (asksForHelp(args)) {
    process.stdout.write(`${formatHelp(command)}${command.words[0] === 'check' ? overview(commands) : ''}`)
    return 0
  }
  if (
    command.words[0] === 'check' &&
    args
      .slice(0, args.includes('--') ? args.indexOf('--') : undefined)
      .some((arg) => arg === '--version' || arg === '-v')
  ) {
    process.stdout.write(`${packageVersion()}\n`)
    return 0
  }
  return command.run(args)
}

function overview(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.words.join(' ').length))
  const lines = commands.map((command) => `  sop-lint ${command.words.join(' ').padEnd(width)}  ${command.summary}`)
  return `\nCommands (each has --help):\n${lines.join('\n')}\n`
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    const text = error instanceof Error ? error.message : String(error)
    process.stderr.write(
      error instanceof UsageError ? `sop-lint: ${text}\n` : `sop-lint: internal error: ${text} (please report it)\n`
    )
    if (process.env.SOP_LINT_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`)
    process.exitCode = 2
  }
)
