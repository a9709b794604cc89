import type {SectionId, SopLintConfig} from '../config/schema.js'
import {tableRow} from '../cross-file/spec-table.js'
import {formatTokens} from '../markdown/token-amount.js'
import {codeSpan, hasControlCharacter} from '../markdown/written-text.js'
import type {Workspace} from '../workspace/workspace.js'
import {defaultBudget} from './budget-split.js'
import type {DraftTask} from './open-tasks.js'

/**
 * The canonical text of each plan section: what `--fix` inserts and what
 * `plan new` writes. The rules accept it without a message, apart from
 * `no-todo` warnings where a person must decide.
 */
export function sectionBody(id: SectionId, workspace: Workspace, tasks: readonly DraftTask[] = []): string {
  const {config} = workspace
  const placeholder = config.plan.placeholders[0] ?? 'TODO'
  const drafted = tasks.length > 0 ? tasks : [{title: `${placeholder}: task title`, spec: undefined}]
  switch (id) {
    case 'budget': {
      return budgetBody(config)
    }
    case 'requiredReading': {
      const specs = drafted.flatMap((task, index) =>
        task.spec && workspace.source.isFile(task.spec) ? [`${codeSpan(task.spec)} — the spec of task ${index + 1}, written before the code`] : []
      )
      const reading = [...readingCandidates(workspace).map((path) => `${codeSpan(path)} — ${placeholder}: why it must be read`), ...specs]
      if (reading.length === 0) return `1. \`${config.paths.progress}\` — ${placeholder}: name each file to read and why`
      return reading.map((line, index) => `${index + 1}. ${line}`).join('\n')
    }
    case 'tasks': {
      const budget = defaultBudget(config)
      const tokens = Math.floor((budget.target - budget.buffer) / drafted.length / 1000) * 1000
      return drafted
        .map((task, index) => taskBody(index + 1, task.title, tokens, config, task.spec ? {spec: codeSpan(task.spec)} : {}))
        .join('\n')
    }
    case 'validation': {
      const rows = drafted.map((task, index) => tableRow([String(index + 1), `\`${placeholder}\``, task.spec ? `${codeSpan(task.spec)} passes` : placeholder]))
      return [tableRow(['Task', 'Command', 'Checks']), tableRow(['---', '---', '---']), ...rows].join('\n')
    }
    case 'handoff': {
      return handoffBody(workspace)
    }
  }
}

/** A section with its heading, at the given heading depth. */
export function sectionText(id: SectionId, workspace: Workspace, depth: number, tasks: readonly DraftTask[] = []): string {
  return `${'#'.repeat(depth)} ${workspace.config.plan.sections[id].title}\n\n${sectionBody(id, workspace, tasks)}\n`
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
export function taskBody(number: number, title: string, tokens: number, config: SopLintConfig, values: Partial<Record<'spec' | 'start' | 'end' | 'artefacts', string>> = {}): string {
  const placeholder = config.plan.placeholders[0] ?? 'TODO'
  const {taskFields} = config.plan
  const indent = ' '.repeat(`${number}. `.length)
  const fields = (['spec', 'start', 'end', 'artefacts'] as const).map(
    (id) => `${indent}- ${taskFields[id].label}: ${values[id] ?? placeholder}`
  )
  return [`${number}. **${title} (${formatTokens(tokens)})**`, ...fields].join('\n')
}

/** The files a plan's handoff updates: those of the procedure's last step that exist. */
export function handoffBody(workspace: Workspace): string {
  const {paths, plan} = workspace.config
  const lines = [
    [paths.progress, 'append the plan pointer and the `/status` capture'],
    [paths.handoff, 'append the plan pointer'],
    [paths.taskSpecTable, 'update the Task ↔ Spec rows'],
    [paths.ledger, 'close this session’s row and append the next planning row']
  ]
    .filter(([path]) => workspace.exists(path!))
    .map(([path, what]) => `- \`${path}\` — ${what}`)
  const placeholder = plan.placeholders[0] ?? 'TODO'
  return lines.length > 0 ? lines.join('\n') : `- \`${paths.progress}\` — ${placeholder}: files to update`
}

/** Required reading a new plan starts from: the procedure's references that exist. */
export function readingCandidates(workspace: Workspace): string[] {
  const {paths} = workspace.config
  const candidates = [...paths.references, paths.taskSpecTable, paths.handoff]
  return candidates.flatMap((path) => {
    if (workspace.source.isFile(path)) return [path]
    return workspace.source
      .list(path)
      .filter((name) => name.endsWith('.md') && !hasControlCharacter(name))
      .sort()
      .map((name) => `${path}/${name}`)
  })
}
