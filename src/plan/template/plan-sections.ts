import type {SectionId, SopLintConfig} from '../../config/schema.js'
import {tableRow} from '../spec-table.js'
import {formatTokens} from '../../markdown/token-amount.js'
import {codeSpan, hasControlCharacter} from '../../markdown/written-text.js'
import {newestEntry} from '../../markdown/entries.js'
import {neededPart, parseSegments} from '../../markdown/growing-part.js'
import {parsable, parseMarkdown} from '../../markdown/parse.js'
import {piecesOf} from '../../markdown/parse-limits.js'
import type {PlanFile, Workspace} from '../../workspace/workspace.js'
import {defaultBudget} from './budget-split.js'
import type {DraftTask} from './open-tasks.js'
import {templatePlaceholder} from './placeholders.js'

/**
 * The canonical text of each plan section: what `--fix` inserts and what
 * `plan new` writes. The rules accept it without a message, apart from
 * `no-todo` warnings where a person must decide.
 */
export function sectionBody(
  id: SectionId,
  workspace: Workspace,
  tasks: readonly DraftTask[] = [],
  previous?: PlanFile
): string {
  const {config} = workspace
  const drafted =
    tasks.length > 0 ? tasks : [{title: templatePlaceholder(config, 'taskTitle'), spec: undefined, specs: []}]
  switch (id) {
    case 'budget': {
      return budgetBody(config)
    }
    case 'requiredReading': {
      const specs = drafted.flatMap((task, index) =>
        task.specs
          .filter((spec) => workspace.source.isFile(spec))
          .map((spec) => `${codeSpan(spec)} — the spec of task ${index + 1}, written before the code`)
      )
      const reading = [
        ...readingCandidates(workspace, previous).map((item) => `${codeSpan(item.path)} — ${item.why}`),
        ...new Set(specs)
      ]
      if (reading.length === 0) return `1. \`${config.paths.progress}\` — ${templatePlaceholder(config, 'readingItem')}`
      return reading.map((line, index) => `${index + 1}. ${line}`).join('\n')
    }
    case 'tasks': {
      const budget = defaultBudget(config)
      const tokens = Math.floor((budget.target - budget.buffer) / drafted.length / 1000) * 1000
      return drafted
        .map((task, index) =>
          taskBody(index + 1, task.title, tokens, config, task.spec ? {spec: `\`${task.spec}\``} : {})
        )
        .join('\n')
    }
    case 'validation': {
      const command = codeSpan(templatePlaceholder(config, 'command'))
      const rows = drafted.map((task, index) =>
        tableRow([
          String(index + 1),
          command,
          task.spec ? `${codeSpan(task.spec)} passes` : templatePlaceholder(config, 'checks')
        ])
      )
      return [tableRow(['Task', 'Command', 'Checks']), tableRow(['---', '---', '---']), ...rows].join('\n')
    }
    case 'handoff': {
      return handoffBody(workspace)
    }
  }
}

/** A section with its heading, at the given heading depth. */
export function sectionText(
  id: SectionId,
  workspace: Workspace,
  depth: number,
  tasks: readonly DraftTask[] = [],
  previous?: PlanFile
): string {
  return `${'#'.repeat(depth)} ${workspace.config.plan.sections[id].title}\n\n${sectionBody(id, workspace, tasks, previous)}\n`
}

export function budgetBody(config: SopLintConfig): string {
  const budget = defaultBudget(config)
  return [
    `- Target: ${formatTokens(budget.target)} (${budget.share}% of ${formatTokens(config.budget.contextWindow)})`,
    `- Buffer: ${formatTokens(budget.buffer)}`,
    '- Buckets:',
    ...budget.buckets.map((bucket) => `  - ${bucket.name}: ${formatTokens(bucket.tokens)}`)
  ].join('\n')
}

/** A task in the canonical form: bold title with its budget, then one line per field. */
export function taskBody(
  number: number,
  title: string,
  tokens: number,
  config: SopLintConfig,
  values: Partial<Record<'spec' | 'start' | 'end' | 'artefacts', string>> = {}
): string {
  const {taskFields} = config.plan
  const indent = ' '.repeat(`${number}. `.length)
  const fields = (['spec', 'start', 'end', 'artefacts'] as const).map(
    (id) => `${indent}- ${taskFields[id].label}: ${values[id] ?? templatePlaceholder(config, id)}`
  )
  return [`${number}. **${title} (${formatTokens(tokens)})**`, ...fields].join('\n')
}

/** The files a plan's handoff updates: those of the procedure's last step that exist. */
export function handoffBody(workspace: Workspace): string {
  const {paths} = workspace.config
  const lines = [
    [paths.progress, 'append the plan pointer and the `/status` capture'],
    [paths.handoff, 'append the plan pointer'],
    [paths.taskSpecTable, 'update the Task ↔ Spec rows'],
    [paths.ledger, 'close this session’s row and append the next planning row']
  ]
    .filter(([path]) => workspace.exists(path!))
    .map(([path, what]) => `- \`${path}\` — ${what}`)
  return lines.length > 0
    ? lines.join('\n')
    : `- \`${paths.progress}\` — ${templatePlaceholder(workspace.config, 'handoffFiles')}`
}

/** A file a new plan asks to read, and why. */
export interface ReadingCandidate {
  /** Repository-relative path, with a line range when only part is to be read (`docs/x.md:40-52`). */
  path: string
  why: string
}

/**
 * Required reading a new plan starts from, each with its reason: the
 * procedure, the previous plan, the newest entry of the handoff notes (its
 * lines only: the notes grow every session). The chosen tasks' specs follow
 * in the section itself. Only files that exist.
 */
export function readingCandidates(workspace: Workspace, previous: PlanFile | undefined): ReadingCandidate[] {
  const {paths} = workspace.config
  const candidates: ReadingCandidate[] = []
  if (workspace.source.isFile(paths.procedure))
    candidates.push({path: paths.procedure, why: 'the procedure this plan follows'})
  if (previous && !hasControlCharacter(previous.path))
    candidates.push({path: previous.path, why: 'the previous plan: what it set out to do'})
  const handoff = newestHandoffEntry(workspace)
  if (handoff) candidates.push({path: handoff, why: 'the newest handoff entry: what was done and what is open'})
  return candidates
}

/**
 * `path:start-end` of the newest dated entry of the handoff notes, the whole
 * file when it has none; `undefined` when there is no handoff. The notes grow
 * every session: only the part that holds the newest entry is parsed, as the
 * checks parse it.
 */
function newestHandoffEntry(workspace: Workspace): string | undefined {
  const file = workspace.config.paths.handoff
  const text = workspace.source.read(file)
  if (text === undefined) return undefined
  const segments = neededPart(text, {names: [], since: undefined})
  if (!parsable(text, workspace.config, piecesOf(text, segments))) return undefined
  const entry = newestEntry(segments ? parseSegments(parseMarkdown, text, segments) : parseMarkdown(text))
  const start = entry?.heading.position?.start.line
  const lines = text.replace(/\n$/, '').split('\n').length
  if (start === undefined || (start === 1 && lines > 0)) return file
  return `${file}:${start}-${lines}`
}
