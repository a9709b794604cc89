/**
 * What the token-count cache saves: `sop-lint` (the plain check) and
 * `sop-lint budget` on a copy of fixtures/valid whose plan also reads a
 * large document, with the cache emptied before each run (cold: the
 * tokenizer is loaded and every file counted) and with it kept (warm:
 * counts come from node_modules/.cache/sop-lint, the tokenizer is not
 * loaded). Prints medians in ms and the speed-up (and JSON with --json).
 * Not a test: `npm run build`, then
 *
 *   node dist/bench/token-cache.js [--runs 5] [--json]
 */
import {spawnSync} from 'node:child_process'
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const cli = path.join(projectRoot, 'dist/src/cli/main.js')
const plan = 'plans/2026-02-13_next_session.plan.md'

const {values} = parseArgs({options: {runs: {type: 'string', default: '5'}, json: {type: 'boolean', default: false}}})
const runs = Number(values.runs)

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** About 60K tokens of prose, tables and code: a document a plan might ask to read whole. */
function largeDocument(): string {
  const parts: string[] = ['# Sync pipeline, in depth', '']
  for (let section = 1; section <= 480; section++) {
    parts.push(
      `## ${section}. Stage ${section}`,
      '',
      `Stage ${section} reads the invoices the previous stage left, converts each amount to the ledger's currency with half-even rounding, and posts one journal entry per invoice; failures go to the retry queue (発票 ${section}, 🧾).`,
      '',
      '| field | type | note |',
      '| --- | --- | --- |',
      `| amount_${section} | Decimal | rounded half-even to 2 places |`,
      `| currency_${section} | str | ISO 4217 |`,
      '',
      '```python',
      `def stage_${section}(invoice):`,
      `    return post(convert(invoice, rate=${(section / 7).toFixed(4)}))`,
      '```',
      ''
    )
  }
  return parts.join('\n')
}

function run(root: string, args: string[]): {ms: number; stderr: string} {
  const started = performance.now()
  const result = spawnSync(process.execPath, [cli, ...args, '--root', root], {encoding: 'utf8', env: {...process.env, SOP_LINT_DEBUG_TOKENS: '1', NO_COLOR: '1'}})
  const ms = performance.now() - started
  if (result.status !== 0 && result.status !== 1) throw new Error(`sop-lint ${args.join(' ')} exited ${result.status}: ${result.stderr}`)
  return {ms, stderr: result.stderr}
}

function main(): void {
  const root = mkdtempSync(path.join(tmpdir(), 'sop-lint-bench-tokens-'))
  try {
    cpSync(path.join(projectRoot, 'fixtures/valid'), root, {recursive: true})
    mkdirSync(path.join(root, 'node_modules'), {recursive: true})
    writeFileSync(path.join(root, 'docs/System/pipeline_in_depth.md'), largeDocument())
    const planFile = path.join(root, plan)
    writeFileSync(
      planFile,
      readFileSync(planFile, 'utf8').replace(
        '4. `docs/Tasks/tracker_cli_todo.md`',
        '4. `docs/System/pipeline_in_depth.md` — every stage, read whole\n5. `docs/Tasks/tracker_cli_todo.md`'
      )
    )
    const cache = path.join(root, 'node_modules/.cache/sop-lint')
    const figures: Record<string, {cold: number; warm: number; speedUp: number}> = {}
    let counted = ''
    for (const [name, args] of [
      ['check', [] as string[]],
      ['budget', ['budget', '--format', 'json']]
    ] as const) {
      const cold: number[] = []
      const warm: number[] = []
      for (let index = 0; index < runs; index++) {
        rmSync(cache, {recursive: true, force: true})
        const first = run(root, [...args])
        cold.push(first.ms)
        counted = first.stderr.trim()
        const second = run(root, [...args])
        if (!second.stderr.includes('0 counted (tokenizer not loaded)')) throw new Error(`the second run missed the cache: ${second.stderr}`)
        warm.push(second.ms)
      }
      figures[name] = {cold: Math.round(median(cold)), warm: Math.round(median(warm)), speedUp: Number((median(cold) / median(warm)).toFixed(2))}
    }
    const tokens = (JSON.parse(spawnSync(process.execPath, [cli, 'budget', '--format', 'json', '--root', root], {encoding: 'utf8'}).stdout) as {reading: {total: number}}).reading.total
    const result = {runs, readingTokens: tokens, coldRun: counted, ...figures}
    if (values.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
      return
    }
    process.stdout.write(`token-count cache, ${runs} runs each, required reading ${tokens.toLocaleString('en-US')} tokens (o200k_base)\n`)
    process.stdout.write(`cold run: ${counted}\n`)
    for (const [name, figure] of Object.entries(figures)) {
      process.stdout.write(`${name.padEnd(7)} cold ${String(figure.cold).padStart(5)} ms   warm ${String(figure.warm).padStart(5)} ms   ×${figure.speedUp}\n`)
    }
  } finally {
    rmSync(root, {recursive: true, force: true})
  }
}

main()
