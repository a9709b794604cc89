import {loadPlan} from '../plan/load-plan.js'
import type {Scaffolded} from '../plan/scaffold/scaffold.js'
import {formatCount} from '../tokens/reading-budget.js'
import {TokenCounter} from '../tokens/cache.js'
import {countReading, readingItems} from '../tokens/reading.js'
import type {Workspace} from '../workspace/workspace.js'

/**
 * What `--fix` and `plan new` tell after writing a plan (on stderr, so the
 * report stays what it was): its tasks and the open rows left out with why,
 * its required reading and token total, and how many placeholders a person
 * (or agent) must fill before the push goes through.
 */
export function scaffoldSummary(workspace: Workspace, scaffolded: Scaffolded & {placeholders: number}): string {
  const planPath = scaffolded.plan!
  const plan = workspace.planAt(planPath)
  const document = plan ? loadPlan(workspace, plan) : undefined
  const lines = [
    `sop-lint: wrote ${planPath}${scaffolded.roleFiles.length > 0 ? `, and the role files it needs: ${scaffolded.roleFiles.join(', ')}` : ''}`
  ]
  if (document) {
    const {leftOut, tasksFromRows} = scaffolded
    const table = workspace.config.paths.taskSpecTable
    const left =
      leftOut.length === 0
        ? ''
        : `; ${leftOut.length} open row${leftOut.length === 1 ? '' : 's'} left out: ${leftOut.map((row) => `“${row.title}” (${row.why})`).join(', ')}`
    lines.push(
      tasksFromRows > 0
        ? `  tasks: ${tasksFromRows} from the open rows of \`${table}\`${left}`
        : `  tasks: one to name (\`${table}\` has no open row to draft from${left})`
    )
    const counter = TokenCounter.forRepository(workspace.root, workspace.config)
    const reading = countReading(readingItems(document, workspace.config, planPath), workspace, counter)
    counter.save()
    const counted = reading.items.filter((item) => item.tokens !== undefined && !item.duplicate)
    lines.push(
      `  required reading: ${counted.length} item${counted.length === 1 ? '' : 's'}, ${formatCount(reading.total)} tokens`
    )
  }
  const todos = scaffolded.placeholders
  if (scaffolded.seeds.length > 0) lines.push(`  seeded: ${scaffolded.seeds.join(', ')}`)
  lines.push(
    `  to fill: ${todos} TODO${todos === 1 ? '' : 's'} (listed below); the push is blocked until they are filled`
  )
  return `${lines.join('\n')}\n`
}
