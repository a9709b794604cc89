import {availableParallelism} from 'node:os'
import {configDefaults, defineConfig} from 'vitest/config'

/**
 * Tests that compare timings (growth ratios) or run the bench. They run after
 * the others, one file at a time, so that no other test shares their cores.
 */
const timing = [
  'test/regex-growth.test.ts',
  'test/markdown-shape.test.ts',
  'test/parse-limits.test.ts',
  'test/bad-input.test.ts',
  'test/bench.test.ts'
]

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Most tests wait on a spawned CLI or git: a worker per core keeps the cores busy (Vitest's default leaves one idle).
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        extends: true,
        test: {name: 'suite', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...timing]}
      },
      {extends: true, test: {name: 'timing', include: timing, fileParallelism: false, sequence: {groupOrder: 1}}}
    ]
  }
})
