/**
 * Stock remark (remark-cli 12) with the preset reports what `sop-lint` reports
 * on the same files: same rule ids, positions, severities and messages,
 * whether the preset comes from `--use sop-lint`, a `.remarkrc.mjs`, or a
 * `.remarkrc.ts` re-exported by a `.remarkrc.mjs` (the documented set-up).
 */
import {spawnSync} from 'node:child_process'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {projectRoot, runCli} from './helpers/cli.js'
import {fixtureFiles, makeLinkedWorkspace} from './helpers/linked-workspace.js'

const remarkCli = path.join(projectRoot, 'node_modules/remark-cli/cli.js')
const jsonReporter = path.join(projectRoot, 'test/helpers/vfile-json-reporter.mjs')

interface Place {
  line: number
  column: number
}

/** `path line:col[-endLine:endCol] error|warning ruleId reason`, sorted. */
function remarkMessages(root: string, files: string[], args: string[] = []): {code: number | null; messages: string[]} {
  const result = spawnSync(
    process.execPath,
    [remarkCli, ...files, '--no-stdout', '--no-color', '--report', jsonReporter, ...args],
    {
      cwd: root,
      encoding: 'utf8'
    }
  )
  const report = JSON.parse(result.stderr) as Array<{
    path: string
    messages: Array<{
      ruleId: string
      source: string
      fatal: boolean
      reason: string
      place?: Place | {start: Place; end: Place}
    }>
  }>
  const messages = report.flatMap((file) =>
    file.messages.map((message) => {
      const place = message.place
      const start = place && 'start' in place ? place.start : place
      const end = place && 'end' in place ? `-${place.end.line}:${place.end.column}` : ''
      expect(message.source).toBe('sop-lint')
      return `${file.path} ${start?.line ?? 1}:${start?.column ?? 1}${end} ${message.fatal ? 'error' : 'warning'} ${message.ruleId} ${message.reason}`
    })
  )
  return {code: result.status, messages: messages.sort()}
}

function sopLintMessages(root: string, files: string[]): {code: number | null; messages: string[]} {
  const result = runCli(['--root', '.', '--format', 'json', ...files], {cwd: root})
  const report = JSON.parse(result.stdout) as Array<{
    filePath: string
    messages: Array<{
      ruleId: string
      severity: 1 | 2
      message: string
      line: number
      column: number
      endLine?: number
      endColumn?: number
    }>
  }>
  const messages = report.flatMap((file) =>
    file.messages.map((message) => {
      const end = message.endLine === undefined ? '' : `-${message.endLine}:${message.endColumn}`
      const name = path.relative(root, file.filePath)
      return `${name} ${message.line}:${message.column}${end} ${message.severity === 2 ? 'error' : 'warning'} ${message.ruleId} ${message.message}`
    })
  )
  return {code: result.code, messages: messages.sort()}
}

const markdown = (files: Record<string, string>) =>
  Object.keys(files)
    .filter((name) => name.endsWith('.md'))
    .sort()

describe('remark --use sop-lint agrees with sop-lint', () => {
  test.each(['editor', 'demo'])('on fixtures/%s', (fixture) => {
    const files = fixtureFiles(fixture)
    const root = makeLinkedWorkspace(files)
    const remark = remarkMessages(root, markdown(files), ['--use', 'sop-lint'])
    const sopLint = sopLintMessages(root, markdown(files))
    expect(remark.messages.length).toBeGreaterThan(0)
    expect(remark.messages).toEqual(sopLint.messages)
    expect(remark.messages.some((message) => message.includes(' error '))).toBe(true)
    // Both fail on errors.
    expect(remark.code).toBe(1)
    expect(sopLint.code).toBe(1)
    if (fixture === 'editor') {
      expect(remark.messages).toContain(
        'plans/2026-03-10_next_session.plan.md 26:1 error plan-sections Missing section “Validation matrix”: add it before “Handoff requirements”'
      )
    }
  })
})

describe('remark runs the rules on the ledger, specs and file placement too, for the files it is given', () => {
  test.each([
    ['failures/ledger-delta', 'docs/Ledgers/Token_Churn_Ledger.csv', ['ledger-delta']],
    ['failures/ledger-schema', 'docs/Ledgers/Token_Churn_Ledger.csv', ['ledger-schema']],
    ['valid', 'features/broken.feature', ['gherkin']],
    ['valid', 'docs/Archive/2025/notes/deep.md', ['flat-docs']]
  ])('fixtures/%s: %s', (fixture, file, ruleIds) => {
    const files: Record<string, string> = {...fixtureFiles(fixture)}
    if (file.endsWith('.feature'))
      files[file] = 'Feature: Broken\n  Scenario: One\n    Given a step\n  This line is no step\n'
    if (file.endsWith('deep.md')) files[file] = '# Deep notes\n'
    const root = makeLinkedWorkspace(files)
    const remark = remarkMessages(root, [file], ['--use', 'sop-lint'])
    const sopLint = sopLintMessages(root, [file])
    for (const ruleId of ruleIds)
      expect(
        remark.messages.some((message) => message.includes(` ${ruleId} `)),
        ruleId
      ).toBe(true)
    expect(remark.messages).toEqual(sopLint.messages)
  })
})

describe('config files: stock remark and sop-lint read the same options', () => {
  const options = "{budget: {contextWindow: 250_000}, rules: {'no-todo': 'error'}}"
  const plan = 'plans/2026-03-10_next_session.plan.md'

  function expectOptionsApplied(messages: string[]): void {
    // 204K is 82% of a 250K window; the TODO is an error.
    expect(messages.some((message) => message.startsWith(`${plan} `) && message.includes(' error budget '))).toBe(true)
    expect(messages.some((message) => message.startsWith(`${plan} `) && message.includes(' error no-todo '))).toBe(true)
  }

  test('.remarkrc.mjs', () => {
    const files = {...fixtureFiles('editor'), '.remarkrc.mjs': `export default {plugins: [['sop-lint', ${options}]]}\n`}
    const root = makeLinkedWorkspace(files)
    const remark = remarkMessages(root, markdown(files))
    expectOptionsApplied(remark.messages)
    expect(remark.messages).toEqual(sopLintMessages(root, markdown(files)).messages)
  })

  test('.remarkrc.ts, re-exported for remark by the documented .remarkrc.mjs', () => {
    const files = {
      ...fixtureFiles('editor'),
      '.remarkrc.ts': [
        "import type {Config, SopLintOptions} from 'sop-lint'",
        '',
        `const options: SopLintOptions = ${options}`,
        '',
        "export default {plugins: [['sop-lint', options]]} satisfies Config",
        ''
      ].join('\n'),
      '.remarkrc.mjs': [
        "import {loadTypeScriptConfig} from 'sop-lint/config'",
        '',
        "export default await loadTypeScriptConfig(new URL('.remarkrc.ts', import.meta.url))",
        ''
      ].join('\n')
    }
    const root = makeLinkedWorkspace(files)
    const remark = remarkMessages(root, markdown(files))
    expectOptionsApplied(remark.messages)
    expect(remark.messages).toEqual(sopLintMessages(root, markdown(files)).messages)
  })

  test('the preset imported as a function in .remarkrc.ts (loaded by jiti) is not run twice', () => {
    const files = {
      ...fixtureFiles('editor'),
      '.remarkrc.ts': [
        "import sopLint, {type Config} from 'sop-lint'",
        '',
        `export default {plugins: [[sopLint, ${options}]]} satisfies Config`,
        ''
      ].join('\n'),
      '.remarkrc.mjs': [
        "import {loadTypeScriptConfig} from 'sop-lint/config'",
        '',
        "export default await loadTypeScriptConfig(new URL('.remarkrc.ts', import.meta.url))",
        ''
      ].join('\n')
    }
    const root = makeLinkedWorkspace(files)
    // --use adds the package's own copy besides the one jiti loaded for the config.
    const remark = remarkMessages(root, markdown(files), ['--use', 'sop-lint'])
    expectOptionsApplied(remark.messages)
    expect(remark.messages).toEqual(sopLintMessages(root, markdown(files)).messages)
  })

  test('<!-- sop-lint disable rule --> comments work under remark', () => {
    const files = fixtureFiles('editor')
    const plan = files['plans/2026-03-10_next_session.plan.md']!
    files['plans/2026-03-10_next_session.plan.md'] = plan.replace(
      '## Handoff requirements',
      '<!-- sop-lint disable no-todo -->\n\n## Handoff requirements'
    )
    const root = makeLinkedWorkspace(files)
    const remark = remarkMessages(root, markdown(files), ['--use', 'sop-lint'])
    expect(remark.messages.some((message) => message.includes(' no-todo '))).toBe(false)
    expect(remark.messages).toEqual(sopLintMessages(root, markdown(files)).messages)
  })
})
