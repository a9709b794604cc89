/**
 * Every task has a token budget, a spec, start criteria, end criteria and
 * expected artefacts (procedure steps 3 and 4: spec-first tasks, "each with
 * token budget, start/end criteria, and expected artefacts").
 */
import type {TaskFieldId} from '../src/config/schema.js'
import type {Task} from '../src/plan/tasks.js'
import {clip} from '../src/markdown/clip.js'
import {templatePlaceholder} from '../src/template/placeholders.js'
import {definePlanRule} from '../src/rule.js'

const fieldOrder: TaskFieldId[] = ['budget', 'spec', 'start', 'end', 'artefacts']

export default definePlanRule('task-fields', (plan, {config, report}) => {
  const tasksSections = plan.section('tasks')
  if (tasksSections.length > 0 && plan.tasks.length === 0) {
    report('Tasks lists no tasks: add a numbered list of `**Title (40K)**` items with their fields', tasksSections[0]!.heading.position)
  }
  for (const task of plan.tasks) {
    const missing = fieldOrder.filter((id) => !hasField(task, id))
    if (missing.includes('budget') && task.fields.budget) {
      // Inserting another `Budget:` line would not help (and --fix would add one per pass).
      const {label} = config.plan.taskFields.budget
      report(`Task ${task.number} “${clip(task.title)}” has a budget with no token figure sop-lint can read: write it as \`- ${label}: 40K\``, task.fields.budget.position)
      missing.splice(missing.indexOf('budget'), 1)
    }
    if (missing.length === 0) continue
    // One message per task, naming every missing field: a task with none of them is one problem, not five.
    const labels = missing.map((id) => config.plan.taskFields[id].label)
    const place = task.insertion?.point ?? task.node.position
    const expected = task.insertion && missing.map((id) => `${task.insertion!.prefix}${config.plan.taskFields[id].label}: ${templatePlaceholder(config, id)}`).join('')
    report(
      `Task ${task.number} “${clip(task.title)}” has no ${list(missing.map(describe), 'or')}: add ${list(labels.map((label) => `\`- ${label}: …\``), 'and')}`,
      place,
      expected === undefined ? {} : {expected}
    )
  }
})

function hasField(task: Task, id: TaskFieldId): boolean {
  if (id === 'budget') return task.budget !== undefined
  if (task.fields[id] || task.implied[id]) return true
  // Spec-first is for behaviour: documentation and procedure work needs no `.feature` file.
  if (id === 'spec') return !task.changesBehaviour || task.paths.some((ref) => ref.path.endsWith('.feature'))
  return false
}

/** `a`, `a or b`, `a, b or c`. */
function list(items: string[], conjunction: 'or' | 'and'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`
}

function describe(id: TaskFieldId): string {
  switch (id) {
    case 'budget': {
      return 'token budget'
    }
    case 'spec': {
      return 'spec (a `.feature` file, written before the code)'
    }
    case 'start': {
      return 'start criteria'
    }
    case 'end': {
      return 'end criteria'
    }
    case 'artefacts': {
      return 'expected artefacts'
    }
  }
}
