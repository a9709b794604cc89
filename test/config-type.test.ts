/**
 * `satisfies Config` in a `.remarkrc.ts` checks the preset's options:
 * test/types/config.ts holds accepted configs and, under `@ts-expect-error`,
 * rejected ones; tsc fails if a rejected one compiles or an accepted one does not.
 */
import {spawnSync} from 'node:child_process'
import path from 'node:path'
import {expect, test} from 'vitest'
import {projectRoot} from './helpers/cli.js'

test('Config accepts the documented forms and rejects bad options', () => {
  const tsc = path.join(projectRoot, 'node_modules/typescript/bin/tsc')
  const result = spawnSync(process.execPath, [tsc, '-p', 'test/types/tsconfig.json'], {
    cwd: projectRoot,
    encoding: 'utf8'
  })
  expect(result.stdout + result.stderr).toBe('')
  expect(result.status).toBe(0)
}, 60_000)
