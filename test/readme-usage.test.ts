/**
 * The README's Usage table and each command's `--help` (the built binary's)
 * name the same options for the same commands, so neither can drift.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {expect, test} from 'vitest'
import {projectRoot, runCli} from './helpers/cli.js'

/** Every command's words, from the overview `sop-lint --help` ends with. */
function commandsOfHelp(): string[] {
  const help = runCli(['--help'])
  expect(help.code).toBe(0)
  const overview = help.stdout.slice(help.stdout.indexOf('Commands (each has --help):'))
  return [...overview.matchAll(/^ {2}sop-lint (\S+(?: \S+)?) {2,}/gm)].map((match) => match[1]!)
}

/** The option signatures a command's `--help` lists (`--root DIR`, `-f, --format NAME`, …). */
function optionsOfHelp(words: string): string[] {
  const result = runCli([...words.split(' '), '--help'])
  expect(result.code, result.stderr).toBe(0)
  const section = result.stdout.split('\n\nOptions:\n')[1]!.split('\n\n')[0]!
  return section
    .split('\n')
    .filter((line) => /^ {2}-/.test(line))
    .map((line) => line.trim().split(/ {2,}/)[0]!)
}

/** Rows of the README's option table: the signature and the commands that take it. */
function readmeRows(): Array<{signature: string; commands: string[]}> {
  const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8')
  const table = readme.slice(readme.indexOf('| option | commands | meaning |'))
  const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2)
  return rows.map((row) => {
    const cells = row.split(/(?<!\\)\|/).map((cell) => cell.trim())
    return {signature: cells[1]!.replace(/^`|`$/g, '').replace(/\\\|/g, '|'), commands: cells[2]!.split(', ')}
  })
}

test('the README Usage table lists every option of every command, as its --help does, and no other', () => {
  const commands = commandsOfHelp()
  expect(commands).toEqual(
    expect.arrayContaining(['check', 'plan new', 'hook pre-push', 'init', 'budget', 'ledger close', 'status', 'report'])
  )
  const rows = readmeRows()
  expect(rows.length).toBeGreaterThan(20)
  for (const row of rows)
    for (const command of row.commands) expect(commands, `README row ${row.signature}`).toContain(command)
  for (const command of commands) {
    const inReadme = rows.filter((row) => row.commands.includes(command)).map((row) => row.signature)
    expect(inReadme.sort(), `sop-lint ${command}`).toEqual(optionsOfHelp(command).sort())
  }
})

test('every command has a help with an Examples section, and the README names it', () => {
  const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8')
  for (const command of commandsOfHelp()) {
    const help = runCli([...command.split(' '), '--help'])
    expect(help.stdout, command).toMatch(/^Usage: sop-lint /)
    expect(help.stdout, command).toMatch(/\n\nExamples:\n {2}sop-lint\b/)
    if (command !== 'check') expect(readme, command).toContain(`\`sop-lint ${command}`)
  }
})
