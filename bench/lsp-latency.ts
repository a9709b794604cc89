/**
 * Latency of sop-lint-language-server as an editor sees it, over stdio:
 * start-up (spawn → initialize answered), first diagnostics after didOpen,
 * and re-lint after a didChange, on a copy of fixtures/editor. Prints medians
 * in ms (and JSON with --json). Not a test: `npm run build`, then
 *
 *   node dist/bench/lsp-latency.js [--runs 20] [--json]
 */
import {cpSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {LspClient} from '../test/helpers/lsp-client.js'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const plan = 'plans/2026-03-10_next_session.plan.md'

const {values} = parseArgs({options: {runs: {type: 'string', default: '20'}, json: {type: 'boolean', default: false}}})
const runs = Number(values.runs)

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

const round = (ms: number) => Math.round(ms * 10) / 10

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'sop-lint-bench-'))
  try {
    cpSync(path.join(projectRoot, 'fixtures/editor'), root, {recursive: true})
    const file = path.join(root, plan)
    const text = readFileSync(file, 'utf8')
    const startup: number[] = []
    const firstOpen: number[] = []
    const open: number[] = []
    const change: number[] = []

    for (let run = 0; run < runs; run++) {
      const started = performance.now()
      const client = LspClient.start()
      await client.initialize([root])
      startup.push(performance.now() - started)

      // The first document of a fresh server also pays for loading the preset.
      let since = client.published.length
      let sent = performance.now()
      await client.open(file, text, 1)
      await client.diagnostics(file, {version: 1, since})
      firstOpen.push(performance.now() - sent)

      // didOpen on a warm server, and a change: each a full re-lint.
      await client.close(file)
      since = client.published.length
      sent = performance.now()
      await client.open(file, text, 2)
      await client.diagnostics(file, {version: 2, since})
      open.push(performance.now() - sent)

      since = client.published.length
      sent = performance.now()
      await client.change(file, `${text}\n- one more line\n`, 3)
      await client.diagnostics(file, {version: 3, since})
      change.push(performance.now() - sent)
      await client.stop()
    }

    const result = {
      runs,
      node: process.version,
      startupMs: round(median(startup)),
      firstDiagnosticsColdMs: round(median(firstOpen)),
      firstDiagnosticsWarmMs: round(median(open)),
      relintAfterChangeMs: round(median(change))
    }
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`)
    else {
      process.stdout.write(
        [
          `sop-lint-language-server, ${runs} runs, Node ${process.version}, medians:`,
          `  start-up (spawn → initialize answered)      ${result.startupMs} ms`,
          `  first diagnostics after didOpen (cold)      ${result.firstDiagnosticsColdMs} ms`,
          `  diagnostics after didOpen (warm server)     ${result.firstDiagnosticsWarmMs} ms`,
          `  re-lint after didChange                     ${result.relintAfterChangeMs} ms`,
          ''
        ].join('\n')
      )
    }
  } finally {
    rmSync(root, {recursive: true, force: true})
  }
}

await main()
