/**
 * sop-lint-language-server over stdio, spawned as an editor spawns it, with
 * vscode-jsonrpc as the client.
 */
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterEach, describe, expect, test} from 'vitest'
import {fixtureFiles, makeLinkedWorkspace} from './helpers/linked-workspace.js'
import {applyEdits, LspClient, uriOf, type Diagnostic} from './helpers/lsp-client.js'
import {makeWorkspace} from './helpers/workspace.js'

const plan = 'plans/2026-03-10_next_session.plan.md'
const clients: LspClient[] = []

function start(): LspClient {
  const client = LspClient.start()
  clients.push(client)
  return client
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.stop()))
})

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((diagnostic) => diagnostic.code)

describe('a workspace without a config', () => {
  test('didOpen → diagnostics with rule id, severity, range and doc URL; the quick fix inserts the section; didChange → gone', async () => {
    const files = fixtureFiles('editor')
    const root = makeWorkspace(files)
    const client = start()
    const {capabilities} = await client.initialize([root])
    expect(capabilities).toMatchObject({textDocumentSync: 1, codeActionProvider: {codeActionKinds: ['quickfix']}})
    // No formatting: remark-stringify would rewrite what a person wrote.
    expect(capabilities).not.toHaveProperty('documentFormattingProvider')

    const file = path.join(root, plan)
    const text = files[plan]!
    await client.open(file, text)
    const first = await client.diagnostics(file, {version: 1})
    const missing = first.diagnostics.find((diagnostic) => diagnostic.code === 'plan-sections')
    expect(missing).toMatchObject({
      severity: 1,
      source: 'sop-lint',
      message: 'Missing section “Validation matrix”: add it before “Handoff requirements”',
      range: {start: {line: 25, character: 0}, end: {line: 25, character: 0}},
      codeDescription: {href: expect.stringMatching(/rules\/plan-sections\.md$/)}
    })
    expect(first.diagnostics.find((diagnostic) => diagnostic.code === 'no-todo')).toMatchObject({
      severity: 2,
      range: {start: {line: 29, character: 57}, end: {line: 29, character: 61}}
    })

    const actions = await client.codeActions(file, [missing!])
    expect(actions).toHaveLength(1)
    const [action] = actions
    // A short title of one line, not the section it inserts.
    expect(action).toMatchObject({
      kind: 'quickfix',
      isPreferred: true,
      title: expect.stringMatching(/^Insert “## Validation matrix” \(\d+ lines\)$/)
    })
    const edits = action!.edit!.changes![uriOf(file)]!
    const fixed = applyEdits(text, edits)
    expect(fixed).toContain(
      '- Artefacts: `src/report.py`, `tests/test_report.py`\n\n## Validation matrix\n\n| Task | Command | Checks |'
    )
    expect(fixed.indexOf('## Validation matrix')).toBeLessThan(fixed.indexOf('## Handoff requirements'))
    // Every byte of the original survives, in order.
    expect(fixed.replace(edits[0]!.newText, '')).toBe(text)

    await client.change(file, fixed, 2)
    const second = await client.diagnostics(file, {version: 2})
    expect(codes(second.diagnostics)).not.toContain('plan-sections')
    // What the scaffold leaves for a person to decide is still pointed out.
    expect(codes(second.diagnostics)).toContain('no-todo')
  })

  test('cross-file rules read the other documents from disk, relative to the workspace folder', async () => {
    const files = fixtureFiles('editor')
    const root = makeWorkspace(files)
    // A newer plan on disk: progress.md, open in the editor, no longer points at the newest plan.
    writeFileSync(
      path.join(root, 'plans/2026-03-12_next_session.plan.md'),
      files[plan]!.replace('2026-03-10', '2026-03-12')
    )
    const client = start()
    await client.initialize([root])
    const progress = path.join(root, 'progress.md')
    await client.open(progress, files['progress.md']!)
    const first = await client.diagnostics(progress, {version: 1})
    expect(first.diagnostics.find((diagnostic) => diagnostic.code === 'plan-pointer')).toMatchObject({
      severity: 1,
      message: expect.stringContaining('plans/2026-03-12_next_session.plan.md')
    })

    // The open document's unsaved text is what is checked.
    const updated = `${files['progress.md']!}\n## 2026-03-12 Next\n\n- Plan: \`plans/2026-03-12_next_session.plan.md\`\n`
    await client.change(progress, updated, 2)
    const second = await client.diagnostics(progress, {version: 2})
    expect(codes(second.diagnostics)).not.toContain('plan-pointer')
  })
})

describe('config files', () => {
  const options = "{budget: {contextWindow: 250_000}, rules: {'no-todo': 'error', 'plan-sections': 'off'}}"
  const mjs = {'.remarkrc.mjs': `export default {plugins: [['sop-lint', ${options}]]}\n`}
  const ts = {
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

  test('a workspace configured by .remarkrc.mjs and one by .remarkrc.ts (re-exported by .remarkrc.mjs)', async () => {
    const files = fixtureFiles('editor')
    const roots = [
      makeLinkedWorkspace({...files, ...mjs}),
      makeLinkedWorkspace({...files, ...ts}),
      makeWorkspace(files)
    ]
    const client = start()
    await client.initialize(roots)
    for (const root of roots) await client.open(path.join(root, plan), files[plan]!)
    const [fromMjs, fromTs, unconfigured] = await Promise.all(
      roots.map((root) => client.diagnostics(path.join(root, plan)))
    )

    for (const configured of [fromMjs!, fromTs!]) {
      // 204K is 82% of a 250K window; the TODO is an error; plan-sections is off.
      expect(configured.diagnostics.find((diagnostic) => diagnostic.code === 'budget')).toMatchObject({severity: 1})
      expect(configured.diagnostics.find((diagnostic) => diagnostic.code === 'no-todo')).toMatchObject({severity: 1})
      expect(codes(configured.diagnostics)).not.toContain('plan-sections')
      // The preset runs once, though the server adds it too.
      expect(new Set(configured.diagnostics.map((diagnostic) => diagnostic.message)).size).toBe(
        configured.diagnostics.length
      )
    }
    expect(codes(unconfigured!.diagnostics).sort()).toEqual(['no-todo', 'plan-sections'])
    expect(unconfigured!.diagnostics.find((diagnostic) => diagnostic.code === 'no-todo')).toMatchObject({severity: 2})
  })

  test('a .remarkrc.json is read again on every check; a JavaScript config is cached for the server’s life', async () => {
    const files = fixtureFiles('editor')
    const json = makeLinkedWorkspace({
      ...files,
      '.remarkrc.json': '{"plugins": [["sop-lint", {"rules": {"no-todo": "off"}}]]}\n'
    })
    const js = makeLinkedWorkspace({
      ...files,
      '.remarkrc.mjs': "export default {plugins: [['sop-lint', {rules: {'no-todo': 'off'}}]]}\n"
    })
    const client = start()
    await client.initialize([json, js])
    for (const root of [json, js]) await client.open(path.join(root, plan), files[plan]!)
    for (const root of [json, js])
      expect(codes((await client.diagnostics(path.join(root, plan), {version: 1})).diagnostics)).toEqual([
        'plan-sections'
      ])

    writeFileSync(path.join(json, '.remarkrc.json'), '{"plugins": [["sop-lint", {"rules": {"no-todo": "error"}}]]}\n')
    writeFileSync(
      path.join(js, '.remarkrc.mjs'),
      "export default {plugins: [['sop-lint', {rules: {'no-todo': 'error'}}]]}\n"
    )
    for (const root of [json, js]) await client.change(path.join(root, plan), `${files[plan]!}\n`, 2)
    const [fromJson, fromJs] = await Promise.all(
      [json, js].map((root) => client.diagnostics(path.join(root, plan), {version: 2}))
    )
    expect(fromJson!.diagnostics.find((diagnostic) => diagnostic.code === 'no-todo')).toMatchObject({severity: 1})
    expect(codes(fromJs!.diagnostics)).toEqual(['plan-sections'])
  })
})

describe('documents and workspace folders', () => {
  test('a document outside every workspace folder gets no diagnostics', async () => {
    const files = fixtureFiles('editor')
    const inside = makeWorkspace(files)
    const outside = makeWorkspace(files)
    const client = start()
    await client.initialize([inside])
    const stray = path.join(outside, plan)
    await client.open(stray, files[plan]!)
    await client.open(path.join(inside, plan), files[plan]!)
    await client.diagnostics(path.join(inside, plan))
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(client.published.filter((entry) => entry.uri === uriOf(stray))).toEqual([])
  })

  test('with no workspace folder, the nearest folder with a .git or package.json is the workspace', async () => {
    const files = fixtureFiles('editor')
    const root = makeWorkspace(files)
    mkdirSync(path.join(root, '.git'))
    const client = start()
    await client.initialize([])
    await client.open(path.join(root, plan), files[plan]!)
    const published = await client.diagnostics(path.join(root, plan))
    expect(codes(published.diagnostics).sort()).toEqual(['no-todo', 'plan-sections'])
  })
})

describe('editor settings (workspace/configuration)', () => {
  test('a client with no settings for the section (null, as Neovim and Helix answer) still gets diagnostics', async () => {
    const files = fixtureFiles('editor')
    const root = makeWorkspace(files)
    const client = start()
    await client.initialize([root], {settings: () => null})
    await client.connection.sendNotification('workspace/didChangeConfiguration', {settings: null})
    await client.open(path.join(root, plan), files[plan]!)
    const published = await client.diagnostics(path.join(root, plan))
    expect(codes(published.diagnostics).sort()).toEqual(['no-todo', 'plan-sections'])
  })

  test('remark.requireConfig: true checks only workspaces with a remark config', async () => {
    const files = fixtureFiles('editor')
    const configured = makeLinkedWorkspace({...files, '.remarkrc.json': '{"plugins": ["sop-lint"]}\n'})
    const unconfigured = makeWorkspace(files)
    const client = start()
    await client.initialize([configured, unconfigured], {
      settings: (section) => (section === 'remark' ? {requireConfig: true} : null)
    })
    await client.open(path.join(configured, plan), files[plan]!)
    await client.open(path.join(unconfigured, plan), files[plan]!)
    const [withConfig, without] = await Promise.all([
      client.diagnostics(path.join(configured, plan)),
      client.diagnostics(path.join(unconfigured, plan))
    ])
    expect(codes(withConfig.diagnostics).sort()).toEqual(['no-todo', 'plan-sections'])
    expect(without.diagnostics).toEqual([])
  })
})

describe('a client that sends frames the server cannot read, or edits in a burst', () => {
  test('a frame with a bad header is dropped with a line on stderr, and the server answers the requests after it', async () => {
    const files = fixtureFiles('editor')
    const root = makeWorkspace(files)
    const file = path.join(root, plan)
    const client = start()
    const body = '{"jsonrpc":"2.0","method":"$/x"}'
    await client.writeRaw(`Content-Length: abc\r\n\r\n${body}`)
    const {capabilities} = await client.initialize([root])
    expect(capabilities).toMatchObject({textDocumentSync: 1})

    // Every kind of header vscode-jsonrpc cannot use, and junk between frames: each dropped, the server reads on.
    await client.writeRaw(`Content-Type: application/json\r\n\r\n${body}`)
    await client.writeRaw('not a header\r\n\r\n')
    await client.writeRaw(`Content-Length: 99999999999\r\n\r\n${body}`)
    await client.writeRaw(`Content-Length: -5\r\n\r\n${body}`)
    await client.writeRaw('stray bytes between frames')
    await client.open(file, files[plan]!)
    const published = await client.diagnostics(file, {version: 1})
    expect(codes(published.diagnostics).sort()).toEqual(['no-todo', 'plan-sections'])
    expect(
      await client.codeActions(
        file,
        published.diagnostics.filter((diagnostic) => diagnostic.code === 'plan-sections')
      )
    ).toHaveLength(1)

    const said = client.stderr.split('\n').filter((line) => line.startsWith('sop-lint-language-server:'))
    const reading = 'reading on at the next Content-Length header'
    expect(said).toEqual([
      `sop-lint-language-server: dropped a frame: Content-Length "abc" is not a number of bytes; ${reading}`,
      `sop-lint-language-server: dropped a frame: the header has no Content-Length; ${reading}`,
      `sop-lint-language-server: dropped a frame: Content-Length 99999999999 is above the limit of 67108864 bytes; ${reading}`,
      `sop-lint-language-server: dropped a frame: Content-Length "-5" is not a number of bytes; ${reading}`
    ])
  })

  test('800 edits in a burst: a code action at once is computed on the newest text, and the diagnostics are of the final version, from one lint or a few', async () => {
    const files = fixtureFiles('editor')
    const root = makeWorkspace(files)
    const file = path.join(root, plan)
    const text = files[plan]!
    const client = start()
    await client.initialize([root])
    await client.open(file, text)
    await client.diagnostics(file, {version: 1})

    const since = client.published.length
    const edits = 800
    const final = text.replace('close the row: TODO', 'close the row with ledger close')
    const sent: Array<Promise<void>> = []
    for (let version = 2; version <= edits; version++)
      sent.push(client.change(file, `${text}\n- edit ${version}\n`, version))
    sent.push(client.change(file, final, edits + 1))
    await Promise.all(sent)

    // Asked before the edits pause: the server has every edit, so the replacement is of the newest text.
    const line = final.split('\n').findIndex((candidate) => candidate.includes('close the row with ledger close'))
    const character = final.split('\n')[line]!.indexOf('close the row with ledger close')
    const range = {start: {line, character}, end: {line, character: final.split('\n')[line]!.length}}
    const [action] = await client.codeActions(file, [{range, message: 'stand-in', data: {expected: ['x']}}])
    expect(action?.title).toBe('Replace “close the row with ledger close” with “x”')

    const last = await client.diagnostics(file, {version: edits + 1, since, timeout: 60_000})
    expect(codes(last.diagnostics)).toEqual(['plan-sections'])
    // Every version linted would publish 800 times; a lint after each pause in the edits publishes once, or a few times on a busy machine.
    const publishes = client.published.slice(since).filter((entry) => entry.uri === uriOf(file))
    expect(publishes.length).toBeLessThanOrEqual(edits / 20)
    expect(publishes.at(-1)!.version).toBe(edits + 1)
  })
})
