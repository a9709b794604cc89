/**
 * What a check reads without named files: the specs of the newest plan and of
 * the open rows of the Task ↔ Spec table, not those of done rows (history).
 */
import {describe, expect, it} from 'vitest'
import {loadConfig} from '../src/engine/load-config.js'
import {defaultTargets} from '../src/engine/default-targets.js'
import {WorkingTreeSource} from '../src/workspace/source.js'
import {Workspace} from '../src/workspace/workspace.js'
import {makeWorkspace} from './helpers/workspace.js'

const feature = (name: string) => `Feature: ${name}\n\n  Scenario: it works\n    Given a thing\n`

describe('default targets', () => {
  it('reads the specs of the newest plan and of the open rows, not those of done rows', async () => {
    const root = makeWorkspace({
      'plans/2026-01-05_next_session.plan.md':
        '# Plan\n\n## Tasks\n\n1. **A (40K)**\n   - Spec: `features/planned.feature`\n',
      'docs/Tasks/tracker_cli_todo.md': [
        '# Tracker',
        '',
        '| Task | Status | Spec |',
        '| --- | --- | --- |',
        '| Complete the export | open | `features/open.feature` |',
        '| Old work | Done (2025-12-01) | `features/done.feature` |',
        '| Shipped work | ✅ shipped | `features/shipped.feature` |',
        '| Planned | open | `features/planned.feature` |',
        '',
        'Also see `features/prose.feature`.',
        '',
        '| Spec | Notes |',
        '| --- | --- |',
        '| `features/no_status.feature` | a table without a status column |',
        ''
      ].join('\n'),
      ...Object.fromEntries(
        ['planned', 'open', 'done', 'shipped', 'prose', 'no_status'].map((name) => [
          `features/${name}.feature`,
          feature(name)
        ])
      )
    })
    const {config} = await loadConfig(root)
    const targets = defaultTargets(new Workspace(new WorkingTreeSource(root), config), false).filter((file) =>
      file.endsWith('.feature')
    )
    expect(targets.sort()).toEqual([
      'features/no_status.feature',
      'features/open.feature',
      'features/planned.feature',
      'features/prose.feature'
    ])
  })
})
