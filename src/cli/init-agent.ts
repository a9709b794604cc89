/**
 * `sop-lint init --agent claude|codex|all`: the Stop and SessionStart hooks
 * of Claude Code (`.claude/settings.json`) and Codex (`.codex/hooks.json`),
 * merged into what is there. A file is edited, never rewritten: each missing
 * entry is inserted as text after the last member of its event's list (the
 * places found by jsonc-parser's parse tree), indented as that member, so
 * every other byte — other hooks, other settings, their layout — stays as
 * it was; an entry already running sop-lint's hook is left alone, so a
 * second run changes nothing. The hooks run the repository's own binary,
 * never `npx` (a second a turn).
 */
import {findNodeAtLocation, getNodeValue, parse, parseTree, printParseErrorCode, type ParseError} from 'jsonc-parser'
import {UsageError} from '../config/errors.js'
import type {FileChange} from '../engine/fix/fix-workspace.js'
import type {FileSource} from '../workspace/source.js'
import {readDocument} from './read-document.js'
import {shellWord} from './shell-word.js'

export type AgentName = 'claude' | 'codex'

const agentNames: readonly AgentName[] = ['claude', 'codex']

/** `--agent claude|codex|all` as the agents it names. */
export function parseAgents(value: string): AgentName[] {
  if (value === 'all') return [...agentNames]
  if ((agentNames as readonly string[]).includes(value)) return [value as AgentName]
  throw new UsageError(`--agent ${value}: expected claude, codex or all`)
}

interface AgentSetup {
  /** Where the agent reads a repository's hooks, relative to the git top level. */
  file: string
  /** The repository's folder as the hook's shell command names it. */
  base: string
}

const setups: Record<AgentName, AgentSetup> = {
  // Claude Code sets the project folder in the hook's environment.
  claude: {file: '.claude/settings.json', base: '"$CLAUDE_PROJECT_DIR"'},
  // Codex runs a hook in the session's folder, which may be below the repository's top.
  codex: {file: '.codex/hooks.json', base: '"$(git rev-parse --show-toplevel)"'}
}

/** Each event, the sop-lint sub-command it runs, and how long an agent waits for it (seconds). */
const events = [
  {event: 'Stop', hook: 'stop'},
  {event: 'SessionStart', hook: 'session-start'}
] as const
const timeoutSeconds = 60

export interface AgentHookOptions {
  /** The sop-lint binary relative to the top level (`node_modules/.bin/sop-lint`, or below a subfolder package). */
  binary: string
  /** The workspace root relative to the top level, when it is not the top level itself. */
  root: string | undefined
}

/**
 * The changes that merge the hooks of each agent into its file at the git
 * top level (`source`: read as --fix reads, so a file through a link or that
 * is no regular file is refused, and init writes the changes as --fix does);
 * what they set up, and what the user must still do.
 */
export function agentHookChanges(
  agents: readonly AgentName[],
  source: FileSource,
  options: AgentHookOptions
): {changes: FileChange[]; done: string[]; notes: string[]} {
  const changes: FileChange[] = []
  const done: string[] = []
  const notes: string[] = []
  for (const agent of agents) {
    const {file, base} = setups[agent]
    const command = (hook: string) => {
      const binary = `${base}/${shellWord(options.binary)}`
      return `${binary} hook ${hook}${options.root === undefined ? '' : ` --root ${base}/${shellWord(options.root)}`}`
    }
    const before = readDocument(source, file)
    const {text, added} = mergeHooks(
      before,
      file,
      events.map(({event, hook}) => ({event, marker: `sop-lint hook ${hook}`, command: command(hook)}))
    )
    if (added.length > 0) {
      changes.push({path: file, before, after: text})
      done.push(
        `${file} (${added.join(' and ')} ${added.length === 1 ? 'hook' : 'hooks'}${before === undefined ? ', new' : ''})`
      )
    }
    if (agent === 'codex') {
      const foreign = Object.keys((parse(text) ?? {}) as object).filter(
        (key) => key !== 'hooks' && key !== 'description'
      )
      if (foreign.length > 0)
        notes.push(
          `${file} has ${foreign.map((key) => `"${key}"`).join(', ')} at its root: Codex refuses the file until only "hooks" and "description" are left there.`
        )
      notes.push(
        'Codex runs the hooks of .codex/hooks.json only once you trust them: start codex in this repository and trust them in /hooks (again after any change to them). Codex versions that gate hooks behind a feature flag also need `hooks = true` under [features] in ~/.codex/config.toml.'
      )
    }
  }
  return {changes, done, notes}
}

interface Entry {
  event: string
  /** Text whose presence in a handler's command means the hook is there already. */
  marker: string
  command: string
}

/** The file's text with each missing entry appended to its event's list, and the events added. */
function mergeHooks(
  before: string | undefined,
  file: string,
  entries: readonly Entry[]
): {text: string; added: string[]} {
  const group = (entry: Entry) => ({hooks: [{type: 'command', command: entry.command, timeout: timeoutSeconds}]})
  if (before === undefined || before.trim() === '') {
    const hooks = Object.fromEntries(entries.map((entry) => [entry.event, [group(entry)]]))
    return {text: `${JSON.stringify({hooks}, null, 2)}\n`, added: entries.map((entry) => entry.event)}
  }
  const style = styleOf(before)
  let text = before
  const added: string[] = []
  for (const entry of entries) {
    const tree = readTree(text, file)
    const hooks = findNodeAtLocation(tree, ['hooks'])
    if (hooks && hooks.type !== 'object')
      throw new UsageError(`${file}: "hooks" is not an object; fix it first (nothing was written)`)
    const list = findNodeAtLocation(tree, ['hooks', entry.event])
    if (list && list.type !== 'array')
      throw new UsageError(`${file}: "hooks.${entry.event}" is not a list; fix it first (nothing was written)`)
    if (list && hasCommand(getNodeValue(list) as unknown[], entry.marker)) continue
    text = list
      ? append(text, list, group(entry), undefined, style)
      : hooks
        ? append(text, hooks, [group(entry)], entry.event, style)
        : append(text, tree, {[entry.event]: [group(entry)]}, 'hooks', style)
    added.push(entry.event)
  }
  return {text, added}
}

/** How the file is written: its indentation unit, line end, and a space after `,` and `:` or none. */
interface Style {
  unit: string
  eol: string
  space: string
}

function styleOf(text: string): Style {
  return {
    unit: /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ',
    eol: text.includes('\r\n') ? '\r\n' : '\n',
    space: /[,:] /.test(text) ? ' ' : ''
  }
}

/**
 * `text` with a member added at the end of an array or object: on a line of
 * its own, indented as the last member, when the members stand on lines of
 * their own; else on the same line, compact. Nothing else of the text changes.
 */
function append(text: string, container: JsonNode, value: unknown, key: string | undefined, style: Style): string {
  const open = container.offset
  const close = container.offset + container.length - 1
  const members = container.children ?? []
  const last = members.at(-1)
  const member = (indent: string | undefined) => {
    const json =
      indent === undefined
        ? JSON.stringify(value)
        : JSON.stringify(value, null, style.unit)
            .split('\n')
            .join(style.eol + indent)
    return key === undefined ? json : `${JSON.stringify(key)}:${indent === undefined ? style.space : ' '}${json}`
  }
  if (last) {
    const end = last.offset + last.length
    if (!text.slice(open, members[0]!.offset).includes('\n'))
      return `${text.slice(0, end)},${style.space}${member(undefined)}${text.slice(end)}`
    const indent = lineIndent(text, last.offset)
    return `${text.slice(0, end)},${style.eol}${indent}${member(indent)}${text.slice(end)}`
  }
  // An empty list or object: filled on lines of its own in a file written on several lines.
  if (!text.includes('\n')) return `${text.slice(0, open + 1)}${member(undefined)}${text.slice(close)}`
  const outer = lineIndent(text, open)
  const inner = outer + style.unit
  return `${text.slice(0, open + 1)}${style.eol}${inner}${member(inner)}${style.eol}${outer}${text.slice(close)}`
}

/** The white space that starts the line `offset` is on. */
function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0]
}

type JsonNode = NonNullable<ReturnType<typeof parseTree>>

function readTree(text: string, file: string): JsonNode {
  const errors: ParseError[] = []
  // Strict JSON, as the agents read it: a comment or a trailing comma is an error there too.
  const tree = parseTree(text, errors, {allowTrailingComma: false, disallowComments: true})
  const error = errors[0]
  if (error) {
    const line = text.slice(0, error.offset).split('\n').length
    throw new UsageError(
      `cannot read ${file}: ${printParseErrorCode(error.error)} at line ${line}; fix it first (nothing was written)`
    )
  }
  if (!tree || tree.type !== 'object')
    throw new UsageError(`${file} does not hold a JSON object; fix it first (nothing was written)`)
  return tree
}

/** Whether a list of matcher groups has a handler whose command runs `marker`. */
function hasCommand(groups: readonly unknown[], marker: string): boolean {
  return groups.some((group) => {
    const handlers = (group as {hooks?: unknown})?.hooks
    return (
      Array.isArray(handlers) &&
      handlers.some(
        (handler) =>
          typeof (handler as {command?: unknown})?.command === 'string' &&
          (handler as {command: string}).command.includes(marker)
      )
    )
  })
}
