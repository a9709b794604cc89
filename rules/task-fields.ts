/**
 * Every task has a token budget, a spec, start criteria, end criteria and
 * expected artefacts (procedure steps 3 and 4: spec-first tasks, "each with
 * token budget, start/end criteria, and expected artefacts").
 */
import type {TaskFieldId} from '../src/config/schema.js'
import type {Task} from '../src/plan/tasks.js'
import {clip} from './_shared/clip.js'
import {templatePlaceholder} from '../src/plan/template/placeholders.js'
import {definePlanRule} from '../src/rule/define-plan-rule.js'

const fieldOrder: TaskFieldId[] = ['budget', 'spec', 'start', 'end', 'artefacts']

export default definePlanRule({
  id: 'task-fields',
  meta: {
    severity: 'error',
    description: 'every task has a token budget, a spec, start and end criteria, expected artefacts',
    messages: {
      noTasks: 'Tasks lists no tasks: add a numbered list of `**Title (40K)**` items with their fields',
      unreadableBudget:
        'Task {{number}} “{{task}}” has a budget with no token figure sop-lint can read: write it as `- {{label}}: 40K`',
      missingFields: {text: 'Task {{number}} “{{task}}” has no {{fields}}: add {{labels}}', fix: 'insert'}
    }
  },
  check(plan, {config, report}) {
    const tasksSections = plan.section('tasks')
    if (tasksSections.length > 0 && plan.tasks.length === 0) report('noTasks', tasksSections[0]!.heading.position)
    for (const task of plan.tasks) {
      const missing = fieldOrder.filter((id) => !hasField(task, id))
      if (missing.includes('budget') && task.fields.budget) {
        // Inserting another `Budget:` line would not help (and --fix would add one per pass).
        const {label} = config.plan.taskFields.budget
        report('unreadableBudget', task.fields.budget.position, {
          data: {number: task.number, task: clip(task.title), label}
        })
        missing.splice(missing.indexOf('budget'), 1)
      }
      if (missing.length === 0) continue
      // One message per task, naming every missing field: a task with none of them is one problem, not five.
      const data = {
        number: task.number,
        task: clip(task.title),
        fields: list(missing.map(describe), 'or'),
        labels: list(
          missing.map((id) => `\`- ${config.plan.taskFields[id].label}: …\``),
          'and'
        )
      }
      const {insertion} = task
      if (!insertion) {
        report('missingFields', task.node.position, {data})
        continue
      }
      const fix = missing
        .map((id) => `${insertion.prefix}${config.plan.taskFields[id].label}: ${templatePlaceholder(config, id)}`)
        .join('')
      report('missingFields', insertion.point, {data, fix})
    }
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
