#!/usr/bin/env node
import {UsageError} from '../config/errors.js'
import type {Command} from './command.js'
import {packageVersion} from './version.js'

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
  const {commands, selectCommand} = await import('./commands.js')
  const {command, args} = selectCommand(argv)
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${command.help}\n${command.words[0] === 'check' ? overview(commands) : ''}`)
    return 0
  }
  if (args.includes('--version') || args.includes('-v')) {
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
    const parseError = (error as {code?: string}).code?.startsWith('ERR_PARSE_ARGS') ?? false
    const usage = error instanceof UsageError || parseError
    const text = error instanceof Error ? error.message : String(error)
    // node:util's parse errors go on with advice about positionals; the first sentence is what matters.
    const message = parseError ? `${text.split('. ')[0]!.replace(/\.$/, '')}; see sop-lint --help` : text
    process.stderr.write(usage ? `sop-lint: ${message}\n` : `sop-lint: internal error: ${message} (please report it)\n`)
    if (process.env.SOP_LINT_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`)
    process.exitCode = 2
  }
)
