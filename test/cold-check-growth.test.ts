/**
 * A check without a cached result (CI, a push of commits no check saw) must
 * not grow with the history (issue 17, item 6). What the Markdown parser
 * reads of the documents that only grow — the Task ↔ Spec table, progress.md,
 * the handoff, the feature log — is compared on one year and on five years of
 * generated sessions: a count, not a time. The Task ↔ Spec table was parsed
 * whole, every row of the history: five years gave the parser 70,676
 * characters of them, one year 17,538 (4.0×); now 4,136 and 4,241.
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {Root} from 'mdast'
import remarkParse from 'remark-parse'
import {unified, type Processor} from 'unified'
import {VFile} from 'vfile'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {writePlanningWorkspace, type PlanningWorkspace} from '../bench/generate.js'
import {growingDocumentsInPart} from '../src/engine/growing-documents.js'
import {loadConfig} from '../src/engine/load-config.js'
import {plainTableRows} from '../src/engine/plain-table-rows.js'
import {useSopLint} from '../src/preset.js'
import {WorkingTreeSource} from '../src/workspace/source.js'
import {Workspace} from '../src/workspace/workspace.js'

let scratch: string
const workspaces = {} as Record<'year' | 'fiveYears', {root: string; generated: PlanningWorkspace}>

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'sop-lint-cold-growth-'))
  for (const [name, days, specs] of [
    ['year', 365, 200],
    ['fiveYears', 1825, 1000]
  ] as const) {
    const root = path.join(scratch, name)
    workspaces[name] = {root, generated: writePlanningWorkspace(root, {days, specs, seed: days})}
  }
}, 120_000)

afterAll(() => rmSync(scratch, {recursive: true, force: true}))

/** A plugin put right after remark-parse: counts the characters the parser is given. */
function counting(count: {characters: number}) {
  return function (this: Processor): undefined {
    const processor = this as unknown as Processor<Root, Root, Root, Root, string>
    const parser = processor.parser!
    processor.parser = (document, file) => {
      count.characters += document.length
      return parser(document, file)
    }
  }
}

/** The engine's processor as src/engine/lint.ts builds it; `plain` false leaves the plain rows to the parser. */
async function processorOf(root: string, count: {characters: number}, plain = true) {
  const {config} = await loadConfig(root)
  const workspace = new Workspace(new WorkingTreeSource(root), config)
  const host = {config, workspaceFor: () => workspace, today: () => '2026-07-01'}
  const processor = unified().use(remarkParse).use(counting(count))
  if (plain) processor.use(plainTableRows)
  useSopLint(processor, host)
  processor.use(growingDocumentsInPart, host)
  return {processor: processor.freeze(), config}
}

/** What the parser reads of the growing documents and the newest plan, in characters. */
async function parsed(name: keyof typeof workspaces, plain = true): Promise<number> {
  const {root, generated} = workspaces[name]
  const count = {characters: 0}
  const {processor, config} = await processorOf(root, count, plain)
  const {paths} = config
  for (const file of [generated.newestPlan, paths.taskSpecTable, paths.progress, paths.handoff, paths.featureLog]) {
    processor.parse(new VFile({path: file, cwd: root, value: readFileSync(path.join(root, file), 'utf8')}))
  }
  return count.characters
}

describe('a check without a cached result on five years of sessions', () => {
  it('parses at most a quarter more of the growing documents than on one year', async () => {
    const year = await parsed('year')
    const fiveYears = await parsed('fiveYears')
    expect(fiveYears / year).toBeLessThanOrEqual(1.25)
    // Without the plain rows built aside, the Task ↔ Spec table's history is parsed: the test measures what it should.
    expect((await parsed('fiveYears', false)) / (await parsed('year', false))).toBeGreaterThan(2)
  })

  it('gives the Task ↔ Spec table the messages of a whole parse', async () => {
    const {root} = workspaces.fiveYears
    const {config} = await loadConfig(root)
    const file = config.paths.taskSpecTable
    const original = readFileSync(path.join(root, file), 'utf8')
    const rows = original.split('\n')
    const done = rows.flatMap((row, index) => (row.startsWith('| ') && row.includes('| done |') ? [index] : []))
    // A done row whose spec is gone, one reopened without a spec, one naming a pattern, and one a link to a missing file.
    rows[done[3]!] = rows[done[3]!]!.replace(/`features\/[^`]+`/, '`features/gone.feature`')
    rows[done[10]!] = rows[done[10]!]!.replace('| done |', '| open |').replace(/`features\/[^`]+`/, 'n/a')
    rows[done[20]!] = rows[done[20]!]!.replace(/`features\/[^`]+`/, '`features/*.feature`')
    rows[done[40]!] = rows[done[40]!]!.replace(/`features\/[^`]+`/, '[spec](../../features/nope.feature)')
    writeFileSync(path.join(root, file), rows.join('\n'))
    try {
      const messages = async (plain: boolean) => {
        const {processor} = await processorOf(root, {characters: 0}, plain)
        const vfile = new VFile({path: file, cwd: root, value: rows.join('\n')})
        await processor.run(processor.parse(vfile), vfile)
        return JSON.parse(
          JSON.stringify(vfile.messages.map(({ruleId, reason, place}) => ({ruleId, reason, place})))
        ) as unknown[]
      }
      const whole = await messages(false)
      expect(whole.length).toBeGreaterThanOrEqual(4)
      expect(await messages(true)).toEqual(whole)
    } finally {
      writeFileSync(path.join(root, file), original)
    }
  })
})
