import {wrap} from './formats/wrap.js'
import type {Command} from './command.js'
import {optionSignature} from './options.js'

/** Help is written for an 80-column terminal, as git's and ESLint's are. */
const helpWidth = 80

/** `sop-lint <words> --help`: usage, what it does, its options, examples, and the footer. */
export function formatHelp(command: Command): string {
  const options = Object.entries(command.options).map(
    ([name, spec]) => [optionSignature(name, spec), spec.help] as const
  )
  const column = Math.min(26, Math.max(...options.map(([signature]) => signature.length)) + 4)
  const optionLines = options.flatMap(([signature, help]) => {
    const lines = wrap(help, helpWidth - column)
    if (signature.length + 2 > column - 2)
      return [`  ${signature}`, ...lines.map((line) => `${' '.repeat(column)}${line}`)]
    return lines.map((line, index) => `${index === 0 ? `  ${signature}`.padEnd(column) : ' '.repeat(column)}${line}`)
  })
  const exampleLines = command.examples.flatMap(([line, what]) => [
    `  ${line}`,
    ...wrap(what, helpWidth - 6).map((text) => `      ${text}`)
  ])
  const sections = [
    `Usage: ${command.usage}`,
    command.description,
    `Options:\n${optionLines.join('\n')}`,
    ...(exampleLines.length > 0 ? [`Examples:\n${exampleLines.join('\n')}`] : []),
    ...(command.footer === undefined ? [] : [command.footer])
  ]
  return `${sections.join('\n\n')}\n`
}
