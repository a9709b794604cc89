#!/usr/bin/env node
import {UsageError} from '../config/errors.js'
import {checkHelp, runCheck} from './check.js'
import {packageVersion} from './version.js'

/** Runs the CLI and turns every failure into a one-line message and an exit code. */
async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${checkHelp}\n`)
    return 0
  }
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`${packageVersion()}\n`)
    return 0
  }
  const args = argv[0] === 'check' ? argv.slice(1) : argv
  return runCheck(args)
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    const usage = error instanceof UsageError || (error as {code?: string}).code?.startsWith('ERR_PARSE_ARGS')
    const message = error instanceof Error ? error.message : String(error)
    process.stderr.write(usage ? `sop-lint: ${message}\n` : `sop-lint: internal error: ${message} (please report it)\n`)
    if (process.env.SOP_LINT_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`)
    process.exitCode = 2
  }
)
