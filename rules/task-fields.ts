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
    for (const id of fieldOrder) {
      if (hasField(task, id)) continue
      const {label} = config.plan.taskFields[id]
      if (id === 'budget' && task.fields.budget) {
        // Inserting another `Budget:` line would not help (and --fix would add one per pass).
        report(`Task ${task.number} “${clip(task.title)}” has a budget with no token figure sop-lint can read: write it as \`- ${label}: 40K\``, task.fields.budget.position)
        continue
      }
      report(`Task ${task.number} “${clip(task.title)}” has no ${describe(id)}: add \`- ${label}: …\``, task.insertion.point, {
        expected: `${task.insertion.prefix}${label}: ${templatePlaceholder(config, id)}`
      })
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
