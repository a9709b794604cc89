/**
 * `sop-lint budget`: the newest plan's figures as a table (bars on a
 * terminal) and as JSON, with the required-reading tokens per item.
 */
import {createRequire} from 'node:module'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {formatBudget, type BudgetReport} from '../src/cli/accounting/budget-table.js'
import {runCli} from './helpers/cli.js'
import {fixtureFiles} from './helpers/linked-workspace.js'
import {makeWorkspace} from './helpers/workspace.js'

const reference = createRequire(import.meta.url)('gpt-tokenizer/encoding/o200k_base') as {
  countTokens(text: string, options: {disallowedSpecial: Set<string>}): number
}

const readingFiles = [
  'docs/SOP/next_session_planning.md',
  'docs/System/sync_pipeline.md',
  'docs/System/token_tracking.md',
  'docs/Tasks/tracker_cli_todo.md'
]

describe('sop-lint budget', () => {
  test('the table of the valid fixture’s newest plan, with each reading file’s o200k count', () => {
    const root = makeWorkspace(fixtureFiles('valid'))
    const counts = readingFiles.map((file) =>
      reference.countTokens(readFileSync(path.join(root, file), 'utf8'), {disallowedSpecial: new Set()})
    )
    const total = counts.reduce((sum, count) => sum + count, 0)
    const result = runCli(['budget', '--root', root], {env: {XDG_CACHE_HOME: path.join(root, '.user-cache')}})
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const number = (value: number) => value.toLocaleString('en-US')
    const lines = result.stdout.split('\n')
    expect(lines[0]).toBe('Budget of plans/2026-02-13_next_session.plan.md (tokens)')
    expect(lines).toContain('Target                               204,000  band 190,400–217,600 (70%–80% of 272,000)')
    expect(lines).toContain('Left after the buffer                186,000')
    expect(lines).toContain('  1. Partial refunds (70K)            70,000')
    readingFiles.forEach((file, index) =>
      expect(result.stdout).toMatch(new RegExp(`\\n  ${file} +${number(counts[index]!)}\\n`))
    )
    expect(result.stdout).toMatch(
      new RegExp(`\\nReading \\(o200k_base\\) +${number(total)}  distinct files and ranges\\n`)
    )
    expect(result.stdout).toMatch(new RegExp(`\\nHeadroom \\(left − reading\\) +${number(186_000 - total)}\\n`))
    expect(result.stdout).not.toContain('█')

    const json = JSON.parse(
      runCli(['budget', '--format', 'json', '--root', root], {env: {XDG_CACHE_HOME: path.join(root, '.user-cache')}})
        .stdout
    ) as BudgetReport
    expect(json).toMatchObject({
      plan: 'plans/2026-02-13_next_session.plan.md',
      contextWindow: 272_000,
      band: {min: 190_400, max: 217_600},
      target: {tokens: 204_000, text: '204K'},
      buffer: {tokens: 18_000, text: '18K'},
      available: 186_000,
      bucketsTotal: 186_000,
      tasksTotal: 186_000,
      headroom: 186_000 - total,
      reading: {encoding: 'o200k_base', total, required: total}
    })
    expect(json.reading.items.map((item) => [item.path, item.tokens])).toEqual(
      readingFiles.map((file, index) => [file, counts[index]])
    )
  })

  test('bars on a terminal, scaled to the target; what does not fit is marked', () => {
    const report: BudgetReport = {
      plan: 'plans/p.plan.md',
      contextWindow: 272_000,
      band: {min: 190_400, max: 217_600, minShare: 0.7, maxShare: 0.8},
      target: {tokens: 200_000, text: '200K'},
      buffer: {tokens: 20_000, text: '20K'},
      available: 180_000,
      buckets: [],
      bucketsTotal: 0,
      tasks: [{number: 1, title: 'Export', tokens: 100_000, text: '100K', readingTokens: undefined}],
      tasksTotal: 100_000,
      reading: {
        encoding: 'o200k_base',
        total: 190_000,
        required: 190_000,
        items: [
          {
            label: 'docs/huge.md',
            path: 'docs/huge.md',
            from: 'required reading',
            tokens: 190_000,
            cached: true,
            counted: true,
            note: undefined
          }
        ]
      },
      headroom: -10_000,
      cache: {hits: 1, misses: 0, tokenizerLoadMs: undefined, cacheFile: undefined}
    }
    const text = formatBudget(report, {bars: true, color: false})
    expect(text).toContain(
      'Target                     200,000  ████████████████████████  band 190,400–217,600 (70%–80% of 272,000)'
    )
    expect(text).toContain('  1. Export                100,000  ████████████············')
    expect(text).toContain(
      'Reading (o200k_base)       190,000  ███████████████████████·  distinct files and ranges  over what the buffer leaves'
    )
    expect(text).toContain('Headroom (left − reading)  -10,000  ························  over what the buffer leaves')
  })

  test('no plan', () => {
    const root = makeWorkspace({'README.md': '# x\n'})
    const result = runCli(['budget', '--root', root])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('sop-lint: no plan in plans/: run sop-lint plan new\n')
  })
})
