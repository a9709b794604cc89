/**
 * The rule contract, in ESLint's shape: `defineRule({id, meta, check})`.
 *
 * `meta` holds everything a rule says to a person — its default severity, a
 * one-line description (the README's table and SARIF read it), and every
 * message it can report, by message id, with `{{name}}` placeholders and the
 * kind of fix the message carries: `insert` (`--fix` applies it) or `replace`
 * (a suggestion only a person applies, in the editor). A rule reports a
 * message id with its data; it never writes text of its own elsewhere.
 *
 * A Markdown rule (`reads: 'markdown'`, the default) receives the file's
 * mdast tree; a text rule (`reads: 'text'`: the ledger CSV, a `.feature`
 * spec, a file's place) receives the file's text on demand. Both receive the
 * same context otherwise, and both run wherever sop-lint runs: the CLI, the
 * pre-push hook, remark and the editor.
 */
import type {Root} from 'mdast'
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import type {SopLintConfig} from '../config/schema.js'
import type {Workspace} from '../workspace/workspace.js'
import {ruleDocUrl} from './docs-url.js'

/** `insert`: text added at a point, which `--fix` applies; `replace`: a range rewritten, offered to a person only. */
export type FixKind = 'insert' | 'replace'

export interface MessageSpec {
  /** The message, `{{name}}` standing for `data.name` of the report. */
  text: string
  /** The kind of fix the message may carry (its text is the report's `fix`, when the rule can make one). */
  fix?: FixKind
  /** Reported as a warning even when the rule is an error (a path that is not portable, a hint). */
  warning?: true
  /** Reported as an error even when the rule is a warning, when it is on (placeholder text sop-lint wrote, left unfilled). */
  error?: true
}

export interface RuleMeta<MessageId extends string = string> {
  /** The severity when the config does not set one. */
  severity: 'error' | 'warn'
  /** What the rule checks, in one line (the README's rule table, SARIF's short description). */
  description: string
  messages: Record<MessageId, string | MessageSpec>
}

export interface ReportOptions {
  /** Values of the message's `{{name}}` placeholders. */
  data?: Record<string, string | number>
  /** The text the message's fix inserts at, or puts in place of, the reported place. */
  fix?: string
}

/** What every rule receives. */
export interface RuleContext<MessageId extends string = string> {
  file: VFile
  /** Repository-relative POSIX path of the file. */
  path: string
  config: SopLintConfig
  workspace: Workspace
  /** Today's date (YYYY-MM-DD) on the user's clock, as the run sees it. */
  today(): string
  /** The file's text, read on first use. */
  text(): string
  report(messageId: MessageId, place: Point | Position | undefined, options?: ReportOptions): VFileMessage
}

/** What a Markdown rule receives besides: the file's tree. */
export interface MarkdownContext<MessageId extends string = string> extends RuleContext<MessageId> {
  tree: Root
}

interface RuleBase<Id extends string, MessageId extends string> {
  id: Id
  meta: RuleMeta<MessageId> & {
    /** The rule's page. */
    url: string
  }
  /** Whether the rule checks the file at a repository-relative path. */
  appliesTo(path: string, workspace: Workspace): boolean
}

export type Rule<Id extends string = string, MessageId extends string = string> =
  | (RuleBase<Id, MessageId> & {reads: 'markdown'; check(context: MarkdownContext<MessageId>): void})
  | (RuleBase<Id, MessageId> & {reads: 'text'; check(context: RuleContext<MessageId>): void})

interface MarkdownRuleSpec<Id extends string, MessageId extends string> {
  id: Id
  meta: RuleMeta<MessageId>
  reads?: 'markdown'
  /** Every Markdown file when left out. */
  appliesTo?(path: string, workspace: Workspace): boolean
  check(context: MarkdownContext<MessageId>): void
}

interface TextRuleSpec<Id extends string, MessageId extends string> {
  id: Id
  meta: RuleMeta<MessageId>
  reads: 'text'
  appliesTo(path: string, workspace: Workspace): boolean
  check(context: RuleContext<MessageId>): void
}

export function defineRule<const Id extends string, MessageId extends string>(
  spec: MarkdownRuleSpec<Id, MessageId>
): Rule<Id, MessageId>
export function defineRule<const Id extends string, MessageId extends string>(
  spec: TextRuleSpec<Id, MessageId>
): Rule<Id, MessageId>
export function defineRule(spec: MarkdownRuleSpec<string, string> | TextRuleSpec<string, string>): Rule {
  const meta = {...spec.meta, url: ruleDocUrl(spec.id)}
  if (spec.reads === 'text') return {id: spec.id, meta, reads: 'text', appliesTo: spec.appliesTo, check: spec.check}
  return {id: spec.id, meta, reads: 'markdown', appliesTo: spec.appliesTo ?? (() => true), check: spec.check}
}
