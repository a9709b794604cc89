/**
 * progress.md, the handoff and the feature log are parsed only in the part
 * the checks need: the trees and the messages must be those of a whole parse.
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {Root} from 'mdast'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {writePlanningWorkspace, type PlanningWorkspace} from '../bench/generate.js'
import {loadConfig} from '../src/engine/load-config.js'
import {newestEntry} from '../src/markdown/entries.js'
import {growingDocumentsInPart, needsOf} from '../src/engine/growing-documents.js'
import {neededPart, parseSegments, partialParseMinBytes} from '../src/markdown/growing-part.js'
import {parseMarkdown} from '../src/markdown/parse.js'
import sopLint, {useSopLint} from '../src/preset.js'
import {WorkingTreeSource} from '../src/workspace/source.js'
import {Workspace} from '../src/workspace/workspace.js'

let root: string
let generated: PlanningWorkspace

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'sop-lint-growing-'))
  generated = writePlanningWorkspace(root, {days: 120, specs: 40, seed: 11})
})

afterAll(() => rmSync(root, {recursive: true, force: true}))

const read = (file: string) => readFileSync(path.join(root, file), 'utf8')

/** Drops positions' identity (objects) but keeps their values, for deep equality. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown

async function messages(files: Record<string, string>, inPart: boolean) {
  const originals = Object.fromEntries(Object.keys(files).map((file) => [file, read(file)]))
  try {
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(root, file), text)
    const {config} = await loadConfig(root)
    const workspace = new Workspace(new WorkingTreeSource(root), config)
    const processor = unified().use(remarkParse)
    useSopLint(processor, {config, workspaceFor: () => workspace, today: () => '2026-07-01'})
    if (inPart) processor.use(growingDocumentsInPart, {workspaceFor: () => workspace})
    processor.freeze()
    const out: unknown[] = []
    for (const [file, text] of Object.entries(files)) {
      const vfile = new VFile({path: file, cwd: root, value: text})
      const tree = processor.parse(vfile)
      expect(Boolean(vfile.data.sopLintPartial)).toBe(inPart && text.length >= partialParseMinBytes)
      await processor.run(tree, vfile)
      out.push(
        ...vfile.messages.map((message) => ({
          file,
          ruleId: message.ruleId,
          reason: message.reason,
          place: plain(message.place),
          expected: message.expected
        }))
      )
    }
    return out
  } finally {
    for (const [file, text] of Object.entries(originals)) writeFileSync(path.join(root, file), text)
  }
}

describe('the part of a growing document that is parsed', () => {
  it.each(['progress.md', 'docs/SESSION_HANDOFF.md'])(
    '%s: the last entries, with the positions of the whole document',
    (file) => {
      const text = read(file)
      const segments = neededPart(text, needs())
      expect(segments).toHaveLength(1)
      expect(segments![0]!.start).toBeGreaterThan(text.length / 2)
      const part = parseSegments(parseMarkdown, text, segments!)
      const whole = parseMarkdown(text)
      expect(part.children.length).toBeGreaterThan(0)
      expect(plain(part.children)).toEqual(plain(whole.children.slice(-part.children.length)))
      expect(plain(part.position)).toEqual(plain(whole.position))
    }
  )

  it('a log written newest-first: the part starts at its top entry, the newest, and gives the newest entry a whole parse gives', () => {
    // The generated log reversed: entries newest first, as some teams keep progress.md.
    const text = read('progress.md')
    const [head, ...entries] = text.split(/^(?=## )/m)
    const reversed = `${head}${entries.reverse().join('')}`
    const segments = neededPart(reversed, needs())
    const top = reversed.indexOf('\n## ') + 1
    // Everything from the top entry on is needed (or the whole, which is the same parse).
    expect(segments === undefined || segments[0]!.start <= top).toBe(true)
    const part = segments ? parseSegments(parseMarkdown, reversed, segments) : parseMarkdown(reversed)
    const whole = parseMarkdown(reversed)
    expect(plain(newestEntry(part)?.heading)).toEqual(plain(newestEntry(whole)?.heading))
    expect(newestEntry(whole)?.heading.position?.start.offset).toBe(top)
  })

  it('a table of entries: its header and delimiter rows, and the rows from the first needed one on', () => {
    const text = read('docs/Tasks/tracker_feature_log.md')
    const segments = neededPart(text, needs())
    expect(segments).toHaveLength(2)
    const part = parseSegments(parseMarkdown, text, segments!)
    const whole = parseMarkdown(text)
    const table = part.children.at(-1)!
    const wholeTable = whole.children.at(-1)!
    expect(table.type).toBe('table')
    if (table.type !== 'table' || wholeTable.type !== 'table') return
    expect(plain(table.children[0])).toEqual(plain(wholeTable.children[0]))
    expect(plain(table.children.slice(1))).toEqual(plain(wholeTable.children.slice(-(table.children.length - 1))))
    expect(plain(table.position)).toEqual(plain(wholeTable.position))
  })

  it('parses whole what is small, has no dated heading, or leaves out a comment, raw HTML or a definition', () => {
    const text = read('progress.md')
    expect(neededPart(text.slice(0, partialParseMinBytes - 1), needs())).toBeUndefined()
    expect(
      neededPart(text.replace(/^## /gm, '### No date here ').replace(/\d{4}-\d{2}-\d{2}/g, 'someday'), needs())
    ).toBeUndefined()
    const second = text.indexOf('\n## ', text.indexOf('\n## ') + 1)
    for (const head of [
      '<!-- sop-lint disable status-capture -->\n',
      '<pre>\nkept\n\nas is\n</pre>\n',
      '[plan]: plans/x.plan.md\n'
    ]) {
      expect(neededPart(`${text.slice(0, second + 1)}\n${head}${text.slice(second + 1)}`, needs())).toBeUndefined()
    }
    // A fence that is never closed swallows the rest: the part starts with it.
    const unclosed = text.replace('\n## ', '\n```\n## ')
    const segments = neededPart(unclosed, needs())
    expect(unclosed.slice(segments![0]!.start).startsWith('```')).toBe(true)
    expect(plain(parseSegments(parseMarkdown, unclosed, segments!).children)).toEqual(
      plain(parseMarkdown(unclosed).children.slice(-1))
    )
  })

  it('parses whole a growing document that is also a reference (every citation in it is checked)', async () => {
    const {config} = await loadConfig(root)
    const file = new VFile({path: 'progress.md', cwd: root})
    expect(needsOf(new Workspace(new WorkingTreeSource(root), config), file)).toBeDefined()
    const referenced = {...config, paths: {...config.paths, references: [...config.paths.references, 'progress.md']}}
    expect(needsOf(new Workspace(new WorkingTreeSource(root), referenced), file)).toBeUndefined()
  })

  it('keeps the first mention of the newest plan, wherever it is', () => {
    const text = read('progress.md')
    const early = text.indexOf('\n## ', 2000)
    const mention = `\n## 2020-01-01 — old\n\n- See \`${generated.newestPlan}\`\n`
    const segments = neededPart(text.slice(0, early) + mention + text.slice(early), needs())
    expect(segments![0]!.start).toBeLessThanOrEqual(early + 1)
  })
})

describe('messages are those of a whole parse', () => {
  const cases: Array<[string, (files: {progress: string; handoff: string; log: string}) => Record<string, string>]> = [
    [
      'valid',
      ({progress, handoff, log}) => ({
        'progress.md': progress,
        'docs/SESSION_HANDOFF.md': handoff,
        'docs/Tasks/tracker_feature_log.md': log
      })
    ],
    [
      'no pointer to the newest plan',
      ({progress, handoff}) => ({
        'progress.md': progress.split(generated.newestPlan).join('plans/elsewhere.plan.md'),
        'docs/SESSION_HANDOFF.md': handoff.split(generated.newestPlan).join('plans/elsewhere.plan.md')
      })
    ],
    [
      'a /status capture out of range and one without a direction',
      ({progress}) => ({
        'progress.md': progress
          .replace(/context \d+% used(?![\s\S]*context \d+% used)/, 'context 140% used')
          .replace(/weekly limit \d+% used\.(?![\s\S]*weekly limit)/, 'weekly limit 24% (209K/272K).')
      })
    ],
    [
      'no /status capture in the newest entry',
      ({progress}) => ({'progress.md': progress.replace(/- `\/status`[^\n]*\n(?![\s\S]*`\/status`)/, '')})
    ],
    [
      'no feature log entry for the session',
      ({log}) => ({'docs/Tasks/tracker_feature_log.md': log.replace(/\n\| 2026-06-(29|30) [^\n]*/g, '')})
    ],
    [
      'a pointer only in an old entry',
      ({progress}) => {
        const pointer = `- Next plan: \`${generated.newestPlan}\``
        const early = progress.indexOf('\n- Next plan:')
        return {
          'progress.md':
            progress.split(pointer).join('- Next plan: none yet').slice(0, early) +
            `\n${pointer}` +
            progress.split(pointer).join('- Next plan: none yet').slice(early)
        }
      }
    ]
  ]

  it.each(cases)('%s', async (name, change) => {
    const files = change({
      progress: read('progress.md'),
      handoff: read('docs/SESSION_HANDOFF.md'),
      log: read('docs/Tasks/tracker_feature_log.md')
    })
    const whole = await messages(files, false)
    if (name !== 'valid' && name !== 'a pointer only in an old entry') expect(whole.length).toBeGreaterThan(0)
    const part = await messages(files, true)
    expect(part).toEqual(whole)
  })

  it('after the preset (as the language server adds it), the workspaces are the preset’s', () => {
    const processor = unified().use(remarkParse).use(sopLint).use(growingDocumentsInPart).freeze()
    const file = new VFile({path: 'progress.md', cwd: root, value: read('progress.md')})
    processor.parse(file)
    expect(file.data.sopLintPartial).toBe(true)
    const alone = unified().use(remarkParse).use(growingDocumentsInPart).freeze()
    const again = new VFile({path: 'progress.md', cwd: root, value: read('progress.md')})
    alone.parse(again)
    expect(again.data.sopLintPartial).toBeUndefined()
  })

  it('a partial tree is never written back', () => {
    const processor = unified()
      .use(remarkParse)
      .use(function (this: unknown) {
        ;(this as {compiler: (tree: Root) => string}).compiler = () => 'all of it'
      })
      .use(sopLint)
      .use(growingDocumentsInPart)
      .freeze()
    const file = new VFile({path: 'progress.md', cwd: root, value: read('progress.md')})
    const tree = processor.parse(file)
    expect(file.data.sopLintPartial).toBe(true)
    expect(() => processor.stringify(tree, file)).toThrow(/cannot be written back/)
  })
})

function needs() {
  return {names: [path.posix.basename(generated.newestPlan)], since: '2026-06-29'}
}
