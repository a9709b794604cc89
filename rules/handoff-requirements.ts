/**
 * Handoff requirements name the files to update, and those files exist —
 * unless the session makes them (a task's files, a file marked new or
 * optional) or they lie outside the repository, where the session delivers;
 * the progress log and the handoff notes are among them, since procedure
 * step 6 appends the plan pointer to both.
 */
import path from 'node:path'
import {findPathRefs} from '../src/markdown/path-refs.js'
import {definePlanRule} from '../src/rule/define-plan-rule.js'
import {classifyPath} from '../src/workspace/repo-path.js'
import {judgePath} from './_shared/paths.js'

export default definePlanRule({
  id: 'handoff-requirements',
  meta: {
    severity: 'error',
    description: 'named files exist; `progress.md` and the handoff are among them',
    messages: {
      elsewhere: {text: 'Handoff requirements: `{{path}}` {{why}}', warning: true},
      pattern: {
        text: 'Handoff requirements: `{{path}}` is a pattern, not a file: name the files it stands for',
        warning: true
      },
      tooManyAlternatives: {
        text: 'Handoff requirements: `{{path}}` stands for more than {{max}} files: name fewer alternatives, or the files themselves',
        warning: true
      },
      unusable: 'Handoff requirements: {{what}}: name a file that exists',
      missing: 'Handoff requirements: {{what}}: name a file that exists',
      notNamed: {
        text: 'Handoff requirements do not name `{{file}}`: the plan pointer is appended there (procedure step 6)',
        fix: 'insert'
      }
    }
  },
  check(plan, {config, workspace, path: planPath, report}) {
    const sections = plan.section('handoff')
    if (sections.length === 0) return
    const refs = sections.flatMap((section) => section.children.flatMap((block) => findPathRefs(block)))
    const folder = path.posix.dirname(planPath)
    // Files the session makes need not exist yet: a task's artefacts, and files marked new or optional.
    const made = new Set(plan.tasks.flatMap((task) => task.paths.map((ref) => classifyPath(ref.path).path)))
    const said = new Set<string>()
    for (const ref of refs) {
      if (ref.marked || made.has(classifyPath(ref.path).path)) continue
      const problem = judgePath(ref, workspace, folder)
      // A place outside the repository is where the session delivers (a review bundle), not a file to check.
      if (!problem || problem.kind === 'notPortable') continue
      if (problem.group !== undefined && said.has(problem.group)) continue
      if (problem.group !== undefined) said.add(problem.group)
      report(problem.kind, ref.position, {data: problem.data})
    }
    const named = new Set(refs.map((ref) => classifyPath(ref.path, ref.kind === 'link' ? folder : '').path))
    const last = sections.at(-1)!
    const end = (last.children.at(-1) ?? last.heading).position?.end
    const lastIsList = last.children.at(-1)?.type === 'list'
    for (const required of [config.paths.progress, config.paths.handoff]) {
      if (named.has(required) || !workspace.exists(required)) continue
      report('notNamed', end, {
        data: {file: required},
        fix: `${lastIsList ? '\n' : '\n\n'}- \`${required}\` — append the plan pointer`
      })
    }
  }
})
