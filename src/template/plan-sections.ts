import type {SectionId, SopLintConfig} from '../config/schema.js'
import {formatTokens} from '../markdown/token-amount.js'
import type {Workspace} from '../workspace/workspace.js'
import {defaultBudget} from './budget-split.js'

/**
 * The canonical text of each plan section: what `--fix` inserts and what
 * `plan new` writes. The rules accept it without a message, apart from
 * `no-todo` warnings where a person must decide.
 */
export function sectionBody(id: SectionId, workspace: Workspace): string {
  const {config} = workspace
  const placeholder = config.plan.placeholders[0] ?? 'TODO'
  switch (id) {
    case 'budget': {
      return budgetBody(config)
    }
    case 'requiredReading': {
      const reading = readingCandidates(workspace)
      if (reading.length === 0) return `1. \`${config.paths.progress}\` — ${placeholder}: name each file to read and why`
      return reading.map((path, index) => `${index + 1}. \`${path}\` — ${placeholder}: why it must be read`).join('\n')
    }
    case 'tasks': {
      return taskBody(1, `${placeholder}: task title`, defaultBudget(config).buckets[0]?.tokens ?? 40_000, config)
    }
    case 'validation': {
      return ['| Task | Command | Checks |', '| --- | --- | --- |', `| 1 | \`${placeholder}\` | ${placeholder} |`].join('\n')
    }
    case 'handoff': {
      return handoffBody(workspace)
    }
  }
}

/** A section with its heading, at the given heading depth. */
export function sectionText(id: SectionId, workspace: Workspace, depth: number): string {
  return `${'#'.repeat(depth)} ${workspace.config.plan.sections[id].title}\n\n${sectionBody(id, workspace)}\n`
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
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => `${path}/${name}`)
  })
}
