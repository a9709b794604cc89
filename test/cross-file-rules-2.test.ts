/**
 * The cross-file rules glossary, citation, gherkin and flat-docs (their
 * pages' examples run in rule-docs.test.ts): targeted cases with exact ids, lines and columns.
 */
import {existsSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import type {VFileMessage} from 'vfile-message'
import {loadConfig} from '../src/engine/load-config.js'
import {lintFiles, lintPlacement} from '../src/engine/lint.js'
import {WorkingTreeSource, type FileSource, type Unusable} from '../src/workspace/source.js'
import {Workspace} from '../src/workspace/workspace.js'
import {projectRoot, runCli} from './helpers/cli.js'
import {describeMessage, lintWorkspace, lintOptions} from './helpers/lint.js'
import {gitOk, writeFiles} from './helpers/git.js'
import {makeWorkspace, validWorkspace} from './helpers/workspace.js'

const ruleIds = ['glossary', 'citation', 'gherkin', 'flat-docs'] as const
const plan = 'plans/2026-03-02_next_session.plan.md'

/** A working tree that records every path asked of it and refuses, loudly, to read one outside the repository. */
class RecordingSource implements FileSource {
  readonly asked: string[] = []
  readonly read_: string[] = []
  private readonly inner: WorkingTreeSource

  constructor(readonly root: string) {
    this.inner = new WorkingTreeSource(root)
  }

  private guard(relativePath: string): void {
    this.asked.push(relativePath)
    if (relativePath.startsWith('/') || relativePath.startsWith('~') || relativePath.split('/').includes('..')) {
      throw new Error(`asked for a path outside the repository: ${relativePath}`)
    }
  }

  exists(relativePath: string): boolean {
    this.guard(relativePath)
    return this.inner.exists(relativePath)
  }

  isFile(relativePath: string): boolean {
    this.guard(relativePath)
    return this.inner.isFile(relativePath)
  }

  read(relativePath: string): string | undefined {
    this.guard(relativePath)
    this.read_.push(relativePath)
    return this.inner.read(relativePath)
  }

  list(relativePath: string): string[] {
    this.guard(relativePath)
    return this.inner.list(relativePath)
  }

  unusable(relativePath: string): Unusable | undefined {
    this.guard(relativePath)
    return this.inner.unusable(relativePath)
  }
}

/** Lints files in-process and returns the messages themselves, for `expected` and for a custom source. */
async function lintMessages(
  root: string,
  files: string[],
  ruleId: string,
  source?: FileSource
): Promise<VFileMessage[]> {
  const {config} = await loadConfig(root)
  const workspace = new Workspace(source ?? new WorkingTreeSource(root), config)
  const vfiles = await lintFiles(workspace, files, lintOptions(root))
  return vfiles.flatMap((file) => file.messages.filter((message) => message.ruleId === ruleId))
}

describe('glossary', () => {
  test('a missing section comes with the section text, listing the plan’s folders', async () => {
    const root = makeWorkspace({
      [plan]:
        '# Plan\n\n## Tasks\n1. **Export (20K)**\n   - Artefacts: `src/export.py`, `tests/test_export.py`\n   - Spec: `features/export.feature`\n',
      'AGENTS.md': '# Guide\n\nRead the plan.\n'
    })
    const [message, ...rest] = await lintMessages(root, ['AGENTS.md'], 'glossary')
    expect(rest).toEqual([])
    expect(describeMessage(message!)).toBe(
      '3:15 error glossary `AGENTS.md` has no “Glossary” section: add one naming the folders the plan uses — `src/`, `tests/`, `features/` (procedure step 6: the Glossary aligns with planned folders)'
    )
    expect(message!.expected).toEqual([
      '\n\n## Glossary\n\n- `src/` — TODO: what this folder holds\n- `tests/` — TODO: what this folder holds\n- `features/` — TODO: what this folder holds'
    ])
  })

  test('a missing section is reported even with no plan, with a placeholder entry', async () => {
    const root = makeWorkspace({'AGENTS.md': '# Guide\n'})
    const [message] = await lintMessages(root, ['AGENTS.md'], 'glossary')
    expect(describeMessage(message!)).toBe(
      '1:8 error glossary `AGENTS.md` has no “Glossary” section: add one naming the folders the plan uses (procedure step 6: the Glossary aligns with planned folders)'
    )
    expect(message!.expected).toEqual(['\n\n## Glossary\n\n- TODO: each folder the plan names, and what it holds'])
  })

  test('an entry appended to a numbered, loose list takes the next number, the blank line and the separator', async () => {
    const root = makeWorkspace({
      [plan]: '# Plan\n\n## Validation matrix\n\n```bash\nnpm test\nbash scripts/automation/snapshot.sh\n```\n',
      'AGENTS.md':
        '# Guide\n\n## glossary (short)\n\n1. Docs: procedures (`docs/`)\n\n2. Plans: one per session\n\n## Other\n\nText.\n'
    })
    const [message, ...rest] = await lintMessages(root, ['AGENTS.md'], 'glossary')
    expect(rest).toEqual([])
    expect(describeMessage(message!)).toBe(
      '7:26 error glossary “Glossary” does not name `scripts/`, which `plans/2026-03-02_next_session.plan.md:7` names: add an entry saying what the folder holds (procedure step 6)'
    )
    expect(message!.expected).toEqual(['\n\n3. `scripts/`: TODO: what this folder holds'])
  })

  test('an entry appended to a `*` list keeps the marker; a section without a list gets one', async () => {
    const files = {[plan]: '# Plan\n\n## Tasks\n1. **Export (20K)**: `tests/test_export.py`\n'}
    const listed = makeWorkspace({...files, 'AGENTS.md': '## Glossary\n* Docs — notes\n* Plans — plans\n'})
    const [inList] = await lintMessages(listed, ['AGENTS.md'], 'glossary')
    expect(describeMessage(inList!)).toMatch(/^3:16 error glossary “Glossary” does not name `tests\/`/)
    expect(inList!.expected).toEqual(['\n* `tests/` — TODO: what this folder holds'])

    const prose = makeWorkspace({...files, 'AGENTS.md': '## Glossary\n\nDocs hold notes.\n'})
    const [inProse] = await lintMessages(prose, ['AGENTS.md'], 'glossary')
    expect(describeMessage(inProse!)).toMatch(/^3:17 error glossary /)
    expect(inProse!.expected).toEqual(['\n\n- `tests/` — TODO: what this folder holds'])
  })

  test('aliases, hidden folders, paths outside the repository and unplanned words are not folders', async () => {
    const root = makeWorkspace({
      [plan]: [
        '# Plan',
        '',
        '- Run `os/oe/ox` then `as/ae/ax` (aliases).',
        '- CI: `.github/workflows/ci.yml`.',
        '- Notes: `~/notes/today.md`, `../shared/sop.md`, `/etc/hosts.txt`.',
        '- Links: [SOP](../docs/SOP/planning.md).',
        ''
      ].join('\n'),
      'docs/SOP/planning.md': '# SOP\n',
      'AGENTS.md': '# Guide\n\n## Glossary\n- Docs — procedures.\n'
    })
    expect(await lintWorkspace(root, ['AGENTS.md'], 'glossary')).toEqual([])
  })

  test('only the newest plan counts, and only the configured glossary file is checked', async () => {
    const root = makeWorkspace({
      'plans/2026-03-01_next_session.plan.md': '# Old\n\n- `scripts/old.sh`\n',
      [plan]: '# Plan\n\n- `docs/notes.md`\n',
      'AGENTS.md': '# Guide\n\n## Glossary\n- `docs/` — notes\n',
      'docs/AGENTS.md': '# Nested guide\n'
    })
    expect(await lintWorkspace(root, ['AGENTS.md', 'docs/AGENTS.md'], 'glossary')).toEqual([])
  })

  test('a table glossary gets a row with as many cells as the header', async () => {
    const root = makeWorkspace({
      [plan]: '# Plan\n\n- `tests/test_export.py`\n',
      'AGENTS.md': '## Glossary\n\n| Term | Meaning | Owner |\n| --- | --- | --- |\n| Docs | notes | ops |\n'
    })
    const [message] = await lintMessages(root, ['AGENTS.md'], 'glossary')
    expect(describeMessage(message!)).toMatch(/^5:23 error glossary /)
    expect(message!.expected).toEqual(['\n| `tests/` | TODO: what this folder holds | |'])
  })
})

describe('citation', () => {
  test('a citation climbing out or absolute is a not-portable warning and is never read', async () => {
    // A real file beside the repository: reading it would find 1 line and report line 3 as out of range.
    const parent = makeWorkspace({
      'repo/docs/SOP/planning.md':
        '# Planning\n\n- See `../outside.md:3` and `/etc/passwd:1`.\n- And [up](../../../outside.md:2).\n',
      'outside.md': 'one line\n'
    })
    const root = path.join(parent, 'repo')
    const source = new RecordingSource(root)
    const messages = await lintMessages(root, ['docs/SOP/planning.md'], 'citation', source)
    expect(messages.map((message) => describeMessage(message))).toEqual([
      '3:7-3:24 warning citation Citation `../outside.md:3` climbs out of the repository with `..`: sop-lint reads nothing outside the repository; name a file inside it',
      '3:29-3:44 warning citation Citation `/etc/passwd:1` is an absolute path: not portable, and sop-lint reads nothing outside the repository; name it relative to the repository root',
      '4:7-4:34 warning citation Citation `../../../outside.md:2` climbs out of the repository with `..`: sop-lint reads nothing outside the repository; name a file inside it'
    ])
    expect(source.read_).toEqual(['docs/SOP/planning.md'])
    expect(source.asked.filter((asked) => asked.includes('outside') || asked.includes('passwd'))).toEqual([])
  })

  test('lines are counted with CRLF and without a final newline; an empty file has none', async () => {
    const root = makeWorkspace({
      'docs/System/crlf.md': 'a\r\nb\r\nc\r\n',
      'docs/System/open.md': 'a\nb',
      'docs/System/empty.md': '',
      'docs/System/token_tracking.md': [
        '# Tracking',
        '',
        '- `docs/System/crlf.md:3` `docs/System/crlf.md:4`',
        '- `docs/System/open.md:1-2` `docs/System/open.md:3`',
        '- `docs/System/empty.md:1`',
        ''
      ].join('\n')
    })
    expect(await lintWorkspace(root, ['docs/System/token_tracking.md'], 'citation')).toEqual([
      '3:27-3:50 error citation Citation `docs/System/crlf.md:4` cites line 4, but `docs/System/crlf.md` has 3 lines: point it at the lines meant (the file may have changed since)',
      '4:29-4:52 error citation Citation `docs/System/open.md:3` cites line 3, but `docs/System/open.md` has 2 lines: point it at the lines meant (the file may have changed since)',
      '5:3-5:27 error citation Citation `docs/System/empty.md:1` cites line 1, but `docs/System/empty.md` has 0 lines: point it at the lines meant (the file may have changed since)'
    ])
  })

  test('a folder or a pattern is not a citable file; documents outside the references are not checked', async () => {
    const root = makeWorkspace({
      'docs/System/notes.md': '# Notes\n',
      'docs/SOP/planning.md': '# Planning\n\n- `docs/System:2`, `docs/System/*.md:1`\n',
      'progress.md': '# Progress\n\n- `docs/System/notes.md:40`\n',
      'docs/Tasks/todo.md': '# Todo\n\n- `docs/System/notes.md:40`\n'
    })
    expect(
      await lintWorkspace(root, ['docs/SOP/planning.md', 'progress.md', 'docs/Tasks/todo.md'], 'citation')
    ).toEqual([
      '3:3-3:18 error citation Citation `docs/System:2`: `docs/System` is a folder, not a file: cite a file of the repository, or remove the citation',
      '3:20-3:40 warning citation Citation `docs/System/*.md:1` cites a pattern, not a file: name the one file the lines are in'
    ])
  })

  test('configured references: a file and a folder with a trailing slash', async () => {
    const root = makeWorkspace({
      '.remarkrc.json': JSON.stringify({plugins: [['sop-lint', {paths: {references: ['progress.md', 'notes/']}}]]}),
      'notes/a.md': '- `progress.md:9`\n',
      'progress.md': '# Progress\n\n- `notes/a.md:2`\n',
      'docs/SOP/planning.md': '- `progress.md:9`\n'
    })
    expect(await lintWorkspace(root, ['progress.md', 'notes/a.md', 'docs/SOP/planning.md'], 'citation')).toEqual([
      '3:3-3:17 error citation Citation `notes/a.md:2` cites line 2, but `notes/a.md` has 1 line: point it at the lines meant (the file may have changed since)',
      '1:3-1:18 error citation Citation `progress.md:9` cites line 9, but `progress.md` has 3 lines: point it at the lines meant (the file may have changed since)'
    ])
  })
})

describe('gherkin', () => {
  test('an unclosed doc string is reported at Gherkin’s end of file, clamped when there is no final newline', async () => {
    const text = 'Feature: Export\n\n  Scenario: header\n    Given the template\n      """\n      id,name'
    const root = makeWorkspace({'features/open.feature': text, 'features/closed.feature': `${text}\n`})
    expect(await lintWorkspace(root, ['features/open.feature', 'features/closed.feature'], 'gherkin')).toEqual([
      '6:14 error gherkin Gherkin parse error “unexpected end of file, expected: #DocStringSeparator, #Other”: close the doc string with the `"""` (or ```) that opened it',
      '7:1 error gherkin Gherkin parse error “unexpected end of file, expected: #DocStringSeparator, #Other”: close the doc string with the `"""` (or ```) that opened it'
    ])
  })

  test('columns count UTF-16 units after characters outside the BMP', async () => {
    const root = makeWorkspace({
      'features/emoji.feature':
        'Feature: 📦 export\n\n  Scenario: rows\n    Given rows\n      | 📦 | b |\n      | 📦 |\n'
    })
    // Gherkin says column 7 (code points); the row starts after six spaces either way.
    expect(await lintWorkspace(root, ['features/emoji.feature'], 'gherkin')).toEqual([
      '6:7 error gherkin Gherkin parse error “inconsistent cell count within the table”: give every row of the table the same number of `|` cells'
    ])
    const tagged = makeWorkspace({'features/tags.feature': 'Feature: x\n  Scenario: y\n    Given z\n  @wip 📦 stray\n'})
    const [message] = await lintMessages(tagged, ['features/tags.feature'], 'gherkin')
    expect(message?.line).toBe(4)
  })

  test('an empty spec gets a stub as its fix; a comment-only spec is reported without one', async () => {
    const root = makeWorkspace({'features/csv_export.feature': '\n', 'features/later.feature': '# to be written\n'})
    const [empty] = await lintMessages(root, ['features/csv_export.feature'], 'gherkin')
    expect(describeMessage(empty!)).toBe(
      '1:1 error gherkin This spec has no `Feature:`: write `Feature: <name>` and a Scenario (procedure step 3: a `.feature` stub before implementation)'
    )
    expect(empty!.expected).toEqual(['Feature: Csv export\n\n  Scenario: TODO\n    Given TODO\n'])
    const [comment] = await lintMessages(root, ['features/later.feature'], 'gherkin')
    expect(comment!.expected).toBeUndefined()
  })

  test('an unknown language and dangling tags', async () => {
    const root = makeWorkspace({
      'features/lang.feature': '# language: xx\nFeature: x\n',
      'features/tags.feature': 'Feature: x\n\n  Scenario: y\n    Given z\n\n  @later\n'
    })
    expect(await lintWorkspace(root, ['features/lang.feature', 'features/tags.feature'], 'gherkin')).toEqual([
      '1:1 error gherkin Gherkin parse error “Language not supported: xx”: write a language Gherkin knows (`# language: en`) or remove the line',
      '7:1 error gherkin Gherkin parse error “unexpected end of file, expected: #TagLine, #RuleLine, #Comment, #Empty”: the file ends where Gherkin expects more: a tag line needs the Feature, Rule, Scenario or Examples it tags below it'
    ])
  })

  test('a check with no files named reads the specs the plan names, and only those', async () => {
    const root = makeWorkspace({
      [plan]: '# Plan\n\n## Tasks\n1. **Export (20K)**\n   - Spec: `features/export.feature`\n',
      'features/export.feature': 'Feature: Export\n  Stray line\n',
      'features/unnamed.feature': 'Scenario: no feature\n'
    })
    const {config} = await loadConfig(root)
    const {defaultTargets} = await import('../src/engine/default-targets.js')
    const targets = defaultTargets(new Workspace(new WorkingTreeSource(root), config), false)
    expect(targets).toContain('features/export.feature')
    expect(targets).not.toContain('features/unnamed.feature')
  })
})

describe('flat-docs', () => {
  const validPlan = '# Plan\n'

  test('a deep file is reported at 1:1 without being read', async () => {
    const root = makeWorkspace({
      'docs/a/b/c/d.csv': 'x\n',
      'docs/a/b/ok.md': '# ok\n',
      'notes/a/b/c/d.md': '# not docs\n'
    })
    const source = new RecordingSource(root)
    const messages = await lintMessages(
      root,
      ['docs/a/b/c/d.csv', 'docs/a/b/ok.md', 'notes/a/b/c/d.md'],
      'flat-docs',
      source
    )
    expect(messages.map((message) => describeMessage(message))).toEqual([
      '1:1 warning flat-docs `docs/a/b/c/` holds a file 3 folders below `docs/`, more than 2: keep docs flat (procedure, Notes) — move it up into `docs/a/b/` (e.g. as `c_d.csv`) or merge it into a file there, or allow the folder in `crossFile.docsAllow`'
    ])
    expect(source.read_).not.toContain('docs/a/b/c/d.csv')
  })

  test('a file that is not nested too deep is judged without a look into the docs folder (an editor checks each document on its own)', async () => {
    const root = makeWorkspace({
      [plan]: validPlan,
      'docs/a/b/c/d.csv': 'x\n',
      'docs/a/b/ok.md': '# ok\n',
      'notes/a/b/c/d.md': '# not docs\n'
    })
    const source = new RecordingSource(root)
    expect(await lintMessages(root, [plan, 'docs/a/b/ok.md', 'notes/a/b/c/d.md'], 'flat-docs', source)).toEqual([])
    expect(source.asked.filter((asked) => asked.startsWith('docs/a/b/c'))).toEqual([])
  })

  test('one message per folder, on its first file; the default check reads none of them, Markdown or not', async () => {
    const root = makeWorkspace({
      [plan]: validPlan,
      'docs/guide/methods/bdd/overview.md': '# BDD\n',
      'docs/guide/methods/bdd/metrics.md': '# Metrics\n',
      'docs/guide/methods/bdd/runs/001.md': '# Run 1\n',
      'docs/guide/maps/app/capabilities.csv': 'id\n'
    })
    const {config} = await loadConfig(root)
    const source = new RecordingSource(root)
    const {checkWorkspace} = await import('../src/engine/check-workspace.js')
    const files = await checkWorkspace(new Workspace(source, config), {
      files: [],
      allPlans: false,
      date: '2026-03-04',
      cwd: root
    })
    const flat = files.flatMap((file) =>
      file.messages
        .filter((message) => message.ruleId === 'flat-docs')
        .map((message) => `${file.path} ${describeMessage(message)}`)
    )
    expect(flat).toEqual([
      'docs/guide/maps/app/capabilities.csv 1:1 warning flat-docs `docs/guide/maps/app/` holds a file 3 folders below `docs/`, more than 2: keep docs flat (procedure, Notes) — move it up into `docs/guide/maps/` (e.g. as `app_capabilities.csv`) or merge it into a file there, or allow the folder in `crossFile.docsAllow`',
      // Files sort by name: `metrics.md` before `overview.md` and `runs/`; the deepest (`runs/001.md`) sets the depth.
      'docs/guide/methods/bdd/metrics.md 1:1 warning flat-docs `docs/guide/methods/bdd/` holds 3 files 4 folders below `docs/`, more than 2: keep docs flat (procedure, Notes) — move them up into `docs/guide/methods/` (e.g. as `bdd_metrics.md`) or merge them into files there, or allow the folder in `crossFile.docsAllow`'
    ])
    expect(source.read_.filter((file) => file.startsWith('docs/guide/'))).toEqual([])
  })

  test('globs of `crossFile.docsAllow` leave their files alone', async () => {
    const root = makeWorkspace({
      '.remarkrc.json': JSON.stringify({
        plugins: [
          ['sop-lint', {crossFile: {docsAllow: ['docs/guide/methods/**', 'docs/guide/maps/*/capabilities.csv']}}]
        ]
      }),
      'docs/guide/methods/bdd/overview.md': '# BDD\n',
      'docs/guide/maps/app/capabilities.csv': 'id\n',
      'docs/guide/maps/app/notes.md': '# Notes\n'
    })
    expect(
      await lintWorkspace(
        root,
        ['docs/guide/methods/bdd/overview.md', 'docs/guide/maps/app/capabilities.csv', 'docs/guide/maps/app/notes.md'],
        'flat-docs'
      )
    ).toEqual([
      '1:1 warning flat-docs `docs/guide/maps/app/` holds a file 3 folders below `docs/`, more than 2: keep docs flat (procedure, Notes) — move it up into `docs/guide/maps/` (e.g. as `app_notes.md`) or merge it into a file there, or allow the folder in `crossFile.docsAllow`'
    ])
  })

  test("a deep file an ignore rule leaves out (.gitignore, the config's ignores) is not counted: the CLI reports only the folder left", () => {
    const root = validWorkspace({
      '.remarkrc.json': JSON.stringify({plugins: [['sop-lint', {ignores: ['docs/guide/drafts/']}]]}),
      '.gitignore': 'docs/guide/build/\n',
      'docs/guide/build/html/page.md': '# Generated\n',
      'docs/guide/drafts/june/idea.md': '# Draft\n',
      'docs/guide/maps/app/notes.md': '# Notes\n'
    })
    const results = JSON.parse(runCli(['--root', root, '-f', 'json']).stdout) as Array<{
      filePath: string
      messages: Array<{ruleId: string; line: number; column: number; message: string}>
    }>
    const flat = results.flatMap((result) =>
      result.messages
        .filter((message) => message.ruleId === 'flat-docs')
        .map(
          (message) =>
            `${path.relative(root, result.filePath)} ${message.line}:${message.column} ${message.message.split(':')[0]}`
        )
    )
    expect(flat).toEqual([
      'docs/guide/maps/app/notes.md 1:1 `docs/guide/maps/app/` holds a file 3 folders below `docs/`, more than 2'
    ])
  })

  test('in a git repository only what was added since the previous plan was committed counts: committed after it, or not committed yet', async () => {
    const root = makeWorkspace({
      'plans/2026-03-01_next_session.plan.md': validPlan,
      'docs/guide/methods/old/overview.md': '# Old\n'
    })
    gitOk(root, ['init', '-q'])
    gitOk(root, ['add', '-A'])
    gitOk(root, ['commit', '-q', '-m', 'the previous session'])
    writeFiles(root, {
      'plans/2026-03-04_next_session.plan.md': validPlan,
      'docs/guide/methods/new/committed.md': '# Committed\n'
    })
    gitOk(root, ['add', '-A'])
    gitOk(root, ['commit', '-q', '-m', 'this session'])
    writeFiles(root, {'docs/guide/methods/old/draft.md': '# Not committed yet\n'})
    const {checkWorkspace} = await import('../src/engine/check-workspace.js')
    const {config} = await loadConfig(root)
    const files = await checkWorkspace(new Workspace(new WorkingTreeSource(root), config), {
      files: [],
      allPlans: false,
      date: '2026-03-04',
      cwd: root
    })
    const flat = files.flatMap((file) =>
      file.messages
        .filter((message) => message.ruleId === 'flat-docs')
        .map((message) => `${file.path} ${message.reason.split(':')[0]}`)
    )
    // `old/overview.md` was there when the previous plan came: history, not this session's nesting.
    expect(flat).toEqual([
      'docs/guide/methods/new/committed.md `docs/guide/methods/new/` holds a file 3 folders below `docs/`, more than 2',
      'docs/guide/methods/old/draft.md `docs/guide/methods/old/` holds a file 3 folders below `docs/`, more than 2'
    ])
  })

  test('the docs folder and the depth are configurable, and the severity can be raised', async () => {
    const root = makeWorkspace({
      '.remarkrc.json': JSON.stringify({
        plugins: [['sop-lint', {crossFile: {docsFolder: 'handbook/', docsMaxDepth: 1}, rules: {'flat-docs': 'error'}}]]
      }),
      'handbook/ops/runbooks/restart.md': '# Restart\n',
      'docs/a/b/c/d.md': '# not the docs folder here\n'
    })
    expect(await lintWorkspace(root, ['handbook/ops/runbooks/restart.md', 'docs/a/b/c/d.md'], 'flat-docs')).toEqual([
      '1:1 error flat-docs `handbook/ops/runbooks/` holds a file 2 folders below `handbook/`, more than 1: keep docs flat (procedure, Notes) — move it up into `handbook/ops/` (e.g. as `runbooks_restart.md`) or merge it into a file there, or allow the folder in `crossFile.docsAllow`'
    ])
  })
})

describe('agentos, the real workspace', () => {
  const agentos = path.resolve(projectRoot, '../shared/examples/agentos')

  test.skipIf(!existsSync(agentos))(
    'outside git, flat-docs reports the six folders below docs/System that hold its 13 deep files; the others find nothing in the default check',
    async () => {
      const {config} = await loadConfig(agentos)
      const {defaultTargets, placementTargets} = await import('../src/engine/default-targets.js')
      const workspace = new Workspace(new WorkingTreeSource(agentos), config)
      // The default targets my rules read: specs, reference documents, the glossary and deep docs folders (not the plans or the ledger).
      const {paths} = workspace.config
      const others = new Set([paths.progress, paths.handoff, paths.taskSpecTable, paths.featureLog, paths.ledger])
      const targets = defaultTargets(workspace, false).filter((file) => !file.startsWith('plans/') && !others.has(file))
      expect(targets).toContain('AGENTS.md')
      const vfiles = [
        ...(await lintFiles(workspace, targets, lintOptions(agentos))),
        ...lintPlacement(workspace, placementTargets(workspace), lintOptions(agentos))
      ]
      const mine = vfiles.flatMap((file) =>
        file.messages
          .filter((message) => (ruleIds as readonly string[]).includes(message.ruleId ?? ''))
          .map((message) => `${path.relative(agentos, path.resolve(agentos, file.path))} ${describeMessage(message)}`)
      )
      expect(mine).toHaveLength(6)
      expect(mine.every((line) => line.includes(' warning flat-docs '))).toBe(true)
      expect(mine).toContain(
        'docs/System/methodologies/tracker_alias_cycle/experiments/001_provider_windows.md 1:1 warning flat-docs `docs/System/methodologies/tracker_alias_cycle/` holds 4 files 4 folders below `docs/`, more than 2: keep docs flat (procedure, Notes) — move them up into `docs/System/methodologies/` (e.g. as `tracker_alias_cycle_experiments_001_provider_windows.md`) or merge them into files there, or allow the folder in `crossFile.docsAllow`'
      )
    }
  )

  test.skipIf(!existsSync(agentos))(
    'citations to the code left out of the copy are missing files; a spec cited within its length is not reported',
    async () => {
      // The real citations live in the handoff: check it as a reference, in place, without copying it.
      const {config} = await loadConfig(agentos)
      const workspace = new Workspace(new WorkingTreeSource(agentos), {
        ...config,
        paths: {...config.paths, references: ['docs/SESSION_HANDOFF.md']}
      })
      const [handoff] = await lintFiles(workspace, ['docs/SESSION_HANDOFF.md'], lintOptions(agentos))
      const lines = handoff!.messages
        .filter((message) => message.ruleId === 'citation')
        .map((message) => describeMessage(message))
      expect(lines).toContain(
        '55:101-55:132 error citation Citation `tracker/src/tracker/cli.py:17`: `tracker/src/tracker/cli.py` does not exist: cite a file of the repository, or remove the citation'
      )
      expect(lines.some((line) => line.includes('features/tracker_aliases.feature:78'))).toBe(false)
    }
  )
})
