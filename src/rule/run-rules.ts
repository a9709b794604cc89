import nodePath from 'node:path'
import type {Root} from 'mdast'
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import type {Severity, SopLintConfig} from '../config/schema.js'
import type {Workspace} from '../workspace/workspace.js'
import type {ReportOptions, Rule, RuleContext} from './define-rule.js'
import {describeEdit, wordMessage, type FixData} from './message.js'

declare module 'vfile' {
  interface DataMap {
    /** Offsets of the file's text (without a byte order mark) by line and column, for fix ranges; made on the first fix. */
    sopLintToOffset: (point: Point) => number | undefined
    /** The parse gate kept the file from the parser (src/engine/parse-gate.ts): it has its one message, and an empty tree no rule reads. */
    sopLintNotParsed: boolean
  }
}

/** One file to check, as the engine or a remark processor has it. */
export interface RuleInput {
  file: VFile
  /** The Markdown tree; `undefined` for a file that is not Markdown (only text rules run). */
  tree: Root | undefined
  /** Repository-relative POSIX path. */
  path: string
  workspace: Workspace
  today(): string
}

/** Runs every rule that is on and applies to the file; their messages go to the file, stamped as their meta says. */
export function runRules(rules: readonly Rule[], input: RuleInput): void {
  const {file, tree, path, workspace} = input
  const {config} = workspace
  const text = () => {
    if (file.value === undefined) file.value = workspace.source.read(path) ?? ''
    return String(file.value)
  }
  for (const rule of rules) {
    const severity: Severity = config.rules[rule.id] ?? rule.meta.severity
    if (severity === 'off' || (rule.reads === 'markdown' && !tree) || !rule.appliesTo(path, workspace)) continue
    const context: RuleContext = {
      file,
      path,
      config,
      workspace,
      today: input.today,
      text,
      report: reporter(rule, severity, file, text)
    }
    if (rule.reads === 'markdown') rule.check({...context, tree: tree!})
    else rule.check(context)
  }
}

/** A rule's `report`: the message its meta words, with the rule's id, page, severity and fix. */
function reporter(rule: Rule, severity: Severity, file: VFile, text: () => string): RuleContext['report'] {
  return (messageId: string, place: Point | Position | undefined, options: ReportOptions = {}) => {
    const {reason, fix, warning, error} = wordMessage(rule.id, rule.meta.messages, messageId, options.data)
    if (fix === undefined && options.fix !== undefined)
      throw new Error(`rule ${rule.id}, message ${messageId}: its meta declares no fix`)
    const message = file.message(reason, {place, ruleId: rule.id, source: 'sop-lint'})
    message.url = rule.meta.url
    message.fatal = warning ? false : error || severity === 'error'
    message.messageId = messageId
    if (fix !== undefined && options.fix !== undefined) {
      message.expected = [options.fix]
      const range = rangeOf(file, text, place)
      if (range) {
        const edit: FixData = {range, text: options.fix}
        const insertion = range[0] === range[1]
        if (fix === 'insert' && !insertion)
          throw new Error(`rule ${rule.id}, message ${messageId}: an insertion is reported at a point`)
        if (fix === 'insert') message.fix = edit
        else message.suggestions = [{desc: describeEdit(edit.text, insertion), fix: edit}]
      }
    }
    return message
  }
}

/** Offsets of a place in the file's text without a byte order mark, as `--fix` edits it. */
function rangeOf(file: VFile, text: () => string, place: Point | Position | undefined): [number, number] | undefined {
  if (!place) return undefined
  let toOffset = file.data.sopLintToOffset
  if (!toOffset) {
    const body = text().replace(/^\uFEFF/, '')
    const lines = location(body)
    const lineCount = body.split('\n').length
    // A point past the last line (the end of a file without a final newline) is the end of the text.
    toOffset = (point) => lines.toOffset(point) ?? (point.line >= lineCount ? body.length : undefined)
    file.data.sopLintToOffset = toOffset
  }
  const start = toOffset('start' in place ? place.start : place)
  const end = 'start' in place ? toOffset(place.end) : start
  return start === undefined || end === undefined ? undefined : [start, end]
}

/** What runs the rules for a remark processor: the config, and the workspace and date of each file. */
export interface LintHost {
  config: SopLintConfig
  workspaceFor(file: VFile): Workspace
  /** Today's date (YYYY-MM-DD) on the user's clock. */
  today(): string
}

/** A unified plugin that runs `rules` on every file the processor checks, with the host's workspaces. */
export function lintRules(rules: readonly Rule[], host: LintHost) {
  return (tree: Root, file: VFile): undefined => {
    if (file.data.sopLintNotParsed) return
    const workspace = host.workspaceFor(file)
    const path = file.path ? workspace.relative(nodePath.resolve(file.cwd, file.path)) : undefined
    if (path === undefined) return
    runRules(rules, {file, tree, path, workspace, today: host.today})
  }
}
