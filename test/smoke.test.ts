import {expect, test} from 'vitest'
import {makeWorkspace} from './helpers/workspace.js'
import {lintWorkspace} from './helpers/lint.js'

test('a plan missing its Tasks section is reported at the insertion point', async () => {
  const root = makeWorkspace({
    'plans/2026-01-05_next_session.plan.md': '# Plan\n\n## Validation matrix\n\n- `npm test`\n'
  })
  const messages = await lintWorkspace(root, ['plans/2026-01-05_next_session.plan.md'], 'plan-sections')
  expect(messages).toContain('3:1 error plan-sections Missing section “Tasks”: add it before “Validation matrix”')
})
