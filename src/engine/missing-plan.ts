import path from 'node:path'
import {VFile} from 'vfile'
import {isWritable} from '../markdown/written-text.js'
import {ruleDocUrl} from '../meta.js'
import {planText} from '../template/plan.js'
import {planNameFor} from '../workspace/plan-name.js'
import type {Workspace} from '../workspace/workspace.js'

/**
 * When the plans folder holds no plan there is no document to attach a
 * message to: the message stands on the plan that should exist, and carries
 * that plan's text, so `--fix` writes it.
 */
export function missingPlanFile(workspace: Workspace, today: string, cwd = process.cwd()): VFile {
  const folder = workspace.config.paths.plans
  const planPath = `${folder}/${planNameFor(workspace.config.plan.pattern, today)}`
  const file = new VFile({path: path.relative(cwd, path.join(workspace.root, planPath)), cwd})
  const message = file.message(`No plan in \`${folder}/\`: write \`${planPath}\` (\`npx sop-lint --fix\` scaffolds it)`, {
    place: {line: 1, column: 1},
    ruleId: 'plan-filename',
    source: 'sop-lint'
  })
  message.url = ruleDocUrl('plan-filename')
  const text = planText(workspace, today)
  if (isWritable(text)) message.expected = [text]
  message.fatal = workspace.config.rules['plan-filename'] !== 'off'
  return file
}
