/**
 * Many files named on the command line are checked on every core
 * (src/cli/parallel-lint.ts): the report is the one a single thread gives,
 * file for file, in the order the files were named.
 */
import {readdirSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {runCli} from './helpers/cli.js'
import {fixtureFiles, makeWorkspace} from './helpers/workspace.js'

describe('--concurrency', {timeout: 120_000}, () => {
  test('two threads report what one does, in the order named, in every format', () => {
    const notes = Object.fromEntries(
      Array.from({length: 40}, (_, index) => [
        `docs/notes/note-${String(index).padStart(2, '0')}.md`,
        `# Note ${index}\n\n${'Some text. '.repeat(index * 20)}\n\nTODO: ${index}\n`
      ])
    )
    const root = makeWorkspace({...fixtureFiles('demo'), ...notes})
    const markdown = (folder: string) =>
      readdirSync(path.join(root, folder))
        .filter((name) => name.endsWith('.md'))
        .map((name) => `${folder}/${name}`)
    // Plans with errors, notes without, interleaved and named out of order.
    const files = [...markdown('plans'), 'progress.md', ...markdown('docs/notes').reverse(), 'docs/SESSION_HANDOFF.md']
    for (const format of ['json', 'stylish', 'sarif']) {
      const one = runCli(['--root', root, '--concurrency', 'off', '--format', format, ...files], {cwd: root})
      const two = runCli(['--root', root, '--concurrency', '2', '--format', format, ...files], {
        cwd: root,
        env: {SOP_LINT_DEBUG_THREADS: '1'}
      })
      expect(two.stderr).toMatch(/^sop-lint: \d+ files on 2 threads \(\d+ \+ \d+\)\n$/)
      expect(two.stdout).toBe(one.stdout)
      expect(two.code).toBe(one.code)
    }
    const report = JSON.parse(
      runCli(['--root', root, '--concurrency', '2', '--format', 'json', ...files], {cwd: root}).stdout
    ) as Array<{filePath: string}>
    expect(report.map((file) => path.relative(root, file.filePath))).toEqual(files)
  })

  test('auto: one thread for a few small files', () => {
    const root = makeWorkspace(fixtureFiles('demo'))
    const result = runCli(['--root', root, 'progress.md', 'docs/SESSION_HANDOFF.md'], {
      cwd: root,
      env: {SOP_LINT_DEBUG_THREADS: '1'}
    })
    expect(result.stderr).toBe('')
  })

  test('a bad value is a usage error', () => {
    for (const value of ['0', 'two', '1.5']) {
      const result = runCli(['--concurrency', value, 'README.md'])
      expect(result.code).toBe(2)
      expect(result.stderr).toBe(
        `sop-lint: --concurrency ${value}: expected auto, off or a number of threads (1 or more)\n`
      )
    }
  })
})
