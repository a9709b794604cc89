/**
 * Handoff requirements name the files to update, and those files exist; the
 * progress log and the handoff notes are among them, since procedure step 6
 * appends the plan pointer to both.
 */
import path from 'node:path'
import {findPathRefs} from '../src/markdown/path-refs.js'
import {definePlanRule} from '../src/rule.js'
import {judgePath} from '../src/workspace/judge-path.js'
import {classifyPath} from '../src/workspace/repo-path.js'

export default definePlanRule('handoff-requirements', (plan, {config, workspace, path: planPath, report}) => {
  const sections = plan.section('handoff')
  if (sections.length === 0) return
  const refs = sections.flatMap((section) => section.children.flatMap((block) => findPathRefs(block)))
  const folder = path.posix.dirname(planPath)
  for (const ref of refs) {
    const problem = judgePath(ref, workspace, folder)
    if (problem) report(`Handoff requirements: ${problem.reason}${problem.warning ? '' : ': name a file that exists'}`, ref.position, {warning: problem.warning})
  }
  const named = new Set(refs.map((ref) => classifyPath(ref.path, ref.kind === 'link' ? folder : '').path))
  const last = sections.at(-1)!
  const end = (last.children.at(-1) ?? last.heading).position?.end
  const lastIsList = last.children.at(-1)?.type === 'list'
  for (const required of [config.paths.progress, config.paths.handoff]) {
    if (named.has(required) || !workspace.exists(required)) continue
    report(`Handoff requirements do not name \`${required}\`: the plan pointer is appended there (procedure step 6)`, end, {
      expected: `${lastIsList ? '\n' : '\n\n'}- \`${required}\` — append the plan pointer`
    })
  }
})
