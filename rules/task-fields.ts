/**
 * Every task has a token budget, a spec, start criteria, end criteria and
 * expected artefacts (procedure steps 3 and 4: spec-first tasks, "each with
 * token budget, start/end criteria, and expected artefacts").
 */
import type {TaskFieldId} from '../src/config/schema.js'
import type {Task} from '../src/plan/tasks.js'
import {clip} from './_shared/clip.js'
import {templatePlaceholder} from '../src/plan/template/placeholders.js'
import {definePlanRule} from '../src/rule/define-rule.js'

const fieldOrder: TaskFieldId[] = ['budget', 'spec', 'start', 'end', 'artefacts']

export default definePlanRule({
  id: 'task-fields',
  meta: {
    severity: 'error',
    description: 'every task has a token budget, a spec, start and end criteria, expected artefacts',
    messages: {
      noTasks: 'Tasks lists no tasks: add a numbered list of `**Title (40K)**` items with their fields',
      unreadableBudget: 'Task {{number}} “{{task}}” has a budget with no token figure sop-lint can read: write it as `- {{label}}: 40K`',
      missingField: {text: 'Task {{number}} “{{task}}” has no {{field}}: add `- {{label}}: …`', fix: 'insert'}
    }
  },
  check(plan, {config, report}) {
    const tasksSections = plan.section('tasks')
    if (tasksSections.length > 0 && plan.tasks.length === 0) report('noTasks', tasksSections[0]!.heading.position)
    for (const task of plan.tasks) {
      for (const id of fieldOrder) {
        if (hasField(task, id)) continue
        const {label} = config.plan.taskFields[id]
        const data = {number: task.number, task: clip(task.title), label}
        if (id === 'budget' && task.fields.budget) {
          // Inserting another `Budget:` line would not help (and --fix would add one per pass).
          report('unreadableBudget', task.fields.budget.position, {data})
          continue
        }
        report('missingField', task.insertion.point, {data: {...data, field: describe(id)}, fix: `${task.insertion.prefix}${label}: ${templatePlaceholder(config, id)}`})
      }
    }
  }
})

function hasField(task: Task, id: TaskFieldId): boolean {
  if (id === 'budget') return task.budget !== undefined
  if (id === 'spec') return task.fields.spec !== undefined || task.paths.some((ref) => ref.path.endsWith('.feature'))
  return task.fields[id] !== undefined
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
