/**
 * Command-line options as ESLint, git and markdownlint-cli2 users write them:
 * `--name value`, `--name=value`, short forms (`-f json`, `-fjson`, `-o FILE`),
 * `--no-<name>` for the options that have it, `--` before file names that
 * start with a dash. Every command declares its options here once; its
 * `--help`, the parsing and the "did you mean" advice all read that table.
 */
import {UsageError} from '../config/errors.js'
import {didYouMean} from '../config/suggest.js'

export interface OptionSpec {
  /** `string` takes a value, `boolean` does not. */
  type: 'string' | 'boolean'
  /** A one-letter form, `f` for `-f`. */
  short?: string
  /** What the value stands for, in help and messages: `DIR`, `FILE`, `N`. */
  value?: string
  /** The value may be left out (`--from-codex [DIR]`): a following word that is not an option is taken as it. */
  optional?: true
  /** The option may be given more than once; its values are collected in order. */
  multiple?: true
  /** A boolean that also has `--no-<name>`, which sets it to false. */
  negatable?: true
  /** What it does, in one or more sentences (wrapped when printed). */
  help: string
}

/** A command's options by long name (without the dashes), in the order `--help` lists them. */
export type OptionSpecs = Record<string, OptionSpec>

type ValueOf<Spec extends OptionSpec> = Spec extends {multiple: true}
  ? string[]
  : Spec extends {optional: true}
    ? string | true | undefined
    : Spec extends {type: 'string'}
      ? string | undefined
      : Spec extends {negatable: true}
        ? boolean | undefined
        : boolean

/**
 * What was given: a string option's value (`undefined` when not given), a
 * repeated option's values, `true` for an optional-value option given alone,
 * and for a boolean `true`/`false` (`undefined` for a negatable one given
 * neither way).
 */
export type OptionValues<Specs extends OptionSpecs> = {[Name in keyof Specs]: ValueOf<Specs[Name]>}

export interface Parsed<Specs extends OptionSpecs> {
  values: OptionValues<Specs>
  positionals: string[]
}

/** The options every command takes. */
export const rootOption = {
  type: 'string',
  value: 'DIR',
  help: 'repository root (default: git top level of the current folder, else the folder)'
} as const satisfies OptionSpec
/** The option of the commands that act on one workspace of a monorepo. */
export const workspaceOption = {
  type: 'string',
  value: 'NAME',
  help: 'in a monorepo, the workspace to act on: its folder, or the end of it (default: the one the current folder is in)'
} as const satisfies OptionSpec
export const configOption = {
  type: 'string',
  short: 'c',
  value: 'FILE',
  help: 'use this remark config file (.remarkrc.json, .yaml, .mjs, .ts or a package.json) instead of the one found in the root'
} as const satisfies OptionSpec
export const colorOption = {
  type: 'boolean',
  negatable: true,
  help: 'colour on or off (default: on a terminal; FORCE_COLOR and NO_COLOR are honoured)'
} as const satisfies OptionSpec
export const helpOption = {type: 'boolean', short: 'h', help: 'show this help'} as const satisfies OptionSpec

/** `--dry-run` of a command that writes one document (`ledger close`, `status`). */
export const dryRunOption = {
  type: 'boolean',
  help: 'print the change as a unified diff and write nothing'
} as const satisfies OptionSpec

/** `--name VALUE`, `-n, --name VALUE` or `--[no-]name`, as help and the README write an option. */
export function optionSignature(name: string, spec: OptionSpec): string {
  const long = spec.negatable ? `--[no-]${name}` : `--${name}`
  const value = spec.value === undefined ? '' : spec.optional ? ` [${spec.value}]` : ` ${spec.value}`
  return `${spec.short === undefined ? '' : `-${spec.short}, `}${long}${value}`
}

/**
 * Parses `argv` against a command's options. `command` names it in messages
 * (`sop-lint budget`). Throws a one-line {@link UsageError} for an unknown
 * option (with the nearest known ones), a missing value, or a value given to
 * an option that takes none.
 */
export function parseOptions<Specs extends OptionSpecs>(
  specs: Specs,
  argv: readonly string[],
  command: string
): Parsed<Specs> {
  const values: Record<string, string | boolean | string[] | undefined> = {}
  for (const [name, spec] of Object.entries(specs))
    values[name] = spec.multiple ? [] : spec.type === 'boolean' && !spec.negatable ? false : undefined
  const positionals: string[] = []
  const shorts = new Map(
    Object.entries(specs).flatMap(([name, spec]) => (spec.short === undefined ? [] : [[spec.short, name] as const]))
  )
  const set = (name: string, value: string | boolean) => {
    const spec = specs[name]!
    if (spec.multiple) (values[name] as string[]).push(String(value))
    else values[name] = value
  }
  /** The value of a string option given as `written`, taken from `inline` or the next argument. */
  const valueFor = (
    name: string,
    written: string,
    inline: string | undefined,
    index: number
  ): {value: string | true; used: number} => {
    const spec = specs[name]!
    if (inline !== undefined) return {value: inline, used: 0}
    const next = argv[index + 1]
    if (spec.optional)
      return next !== undefined && !next.startsWith('-') ? {value: next, used: 1} : {value: true, used: 0}
    if (next === undefined || next === '--' || (looksLikeOption(next) && isOptionOf(specs, next))) {
      throw new UsageError(`${written} needs a value (${spec.value ?? 'a value'}); see ${command} --help`)
    }
    return {value: next, used: 1}
  }

  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!
    if (arg === '--') {
      positionals.push(...argv.slice(index + 1))
      break
    }
    if (arg.startsWith('--')) {
      const equals = arg.indexOf('=')
      const written = equals === -1 ? arg : arg.slice(0, equals)
      const inline = equals === -1 ? undefined : arg.slice(equals + 1)
      const name = written.slice(2)
      const spec = specs[name]
      const negated =
        spec === undefined && name.startsWith('no-') && specs[name.slice(3)]?.negatable ? name.slice(3) : undefined
      if (spec === undefined && negated === undefined) throw unknownOption(written, specs, command)
      if (negated !== undefined || spec!.type === 'boolean') {
        if (inline !== undefined) throw new UsageError(`${written} takes no value (got ${arg}); see ${command} --help`)
        set(negated ?? name, negated === undefined)
        continue
      }
      const {value, used} = valueFor(name, written, inline, index)
      set(name, value)
      index += used
      continue
    }
    if (arg.startsWith('-') && arg !== '-') {
      // -h, -f json, -fjson, -o FILE: a cluster of one-letter options, the last may take the rest as its value.
      for (let position = 1; position < arg.length; position++) {
        const letter = arg[position]!
        const name = shorts.get(letter)
        if (name === undefined) throw unknownOption(`-${letter}`, specs, command)
        if (specs[name]!.type === 'boolean') {
          set(name, true)
          continue
        }
        const rest = arg.slice(position + 1)
        const {value, used} = valueFor(name, `-${letter}`, rest === '' ? undefined : rest.replace(/^=/, ''), index)
        set(name, value)
        index += used
        break
      }
      continue
    }
    positionals.push(arg)
  }
  return {values: values as OptionValues<Specs>, positionals}
}

/** Whether the arguments ask for help (`-h`, `--help`) before a `--`. */
export function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--')
  return (end === -1 ? argv : argv.slice(0, end)).some((arg) => arg === '--help' || arg === '-h')
}

/** How many arguments an option at `argv[index]` takes with it (itself included), by the union of every command's options; 0 if it is not one. */
export function optionLength(argv: readonly string[], index: number, specs: OptionSpecs): number {
  const arg = argv[index]!
  if (!looksLikeOption(arg)) return 0
  if (arg.includes('=')) return 1
  const spec = arg.startsWith('--')
    ? specs[arg.slice(2)]
    : Object.values(specs).find((candidate) => candidate.short !== undefined && arg === `-${candidate.short}`)
  if (spec?.type !== 'string' || spec.optional) return 1
  return argv[index + 1] === undefined ? 1 : 2
}

function looksLikeOption(arg: string): boolean {
  return arg.startsWith('-') && arg !== '-' && arg !== '--'
}

function isOptionOf(specs: OptionSpecs, arg: string): boolean {
  if (/^-\d/.test(arg)) return false
  const name = arg.replace(/^--?/, '').split('=')[0]!
  if (arg.startsWith('--')) return name in specs || (name.startsWith('no-') && name.slice(3) in specs)
  return Object.values(specs).some((spec) => spec.short === name[0])
}

function unknownOption(written: string, specs: OptionSpecs, command: string): UsageError {
  const known = Object.entries(specs).flatMap(([name, spec]) => [
    `--${name}`,
    ...(spec.negatable ? [`--no-${name}`] : []),
    ...(spec.short === undefined ? [] : [`-${spec.short}`])
  ])
  const advice = didYouMean(
    written,
    known.filter((option) => option.startsWith('--') === written.startsWith('--'))
  )
  return new UsageError(`unknown option ${written}${advice || `; see ${command} --help`}`)
}
