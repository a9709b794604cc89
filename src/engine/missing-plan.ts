import path from 'node:path'
import {VFile} from 'vfile'
import {ruleDocUrl} from '../meta.js'
import {planNameFor} from '../workspace/plan-name.js'
import type {Workspace} from '../workspace/workspace.js'

/**
 * When the plans folder holds no plan there is no document to attach a
 * message to; the message stands on the folder instead.
 */
export function missingPlanFile(workspace: Workspace, today: string, cwd = process.cwd()): VFile {
  const folder = workspace.config.paths.plans
  const file = new VFile({path: path.relative(cwd, path.join(workspace.root, folder)) || '.', cwd})
  const expectedName = planNameFor(workspace.config.plan.pattern, today)
  const message = file.message(
    `No plan in \`${folder}/\`: write \`${folder}/${expectedName}\` (\`npx sop-lint --fix\` scaffolds it)`,
    {ruleId: 'plan-filename', source: 'sop-lint'}
  )
  message.url = ruleDocUrl('plan-filename')
  message.fatal = workspace.config.rules['plan-filename'] !== 'off'
  return file
}
