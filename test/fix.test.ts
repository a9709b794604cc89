import {execFileSync, spawn} from 'node:child_process'
import {chmodSync, cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import {describe, expect, test} from 'vitest'
import {resolveConfig} from '../src/engine/config.js'
import {formatDiff} from '../src/engine/fix/diff.js'
import {fixWorkspace} from '../src/engine/fix/fix-workspace.js'
import {writeChanges} from '../src/engine/fix/write-changes.js'
import {openMonorepo} from '../src/engine/monorepo-config.js'
import {WorkingTreeSource} from '../src/workspace/source.js'
import {onDay, projectRoot, runCli} from './helpers/cli.js'
import {makeWorkspace} from './helpers/workspace.js'

const date = '2026-03-02'
const planPath = `plans/${date}_next_session.plan.md`

/** Every file below a folder, as path → bytes. */
function snapshot(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  const walk = (folder: string) => {
    for (const entry of readdirSync(path.join(root, folder), {withFileTypes: true})) {
      const relative = folder ? `${folder}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(relative)
      else files.set(relative, readFileSync(path.join(root, relative)))
    }
  }
  walk('')
  return files
}

/** Whether every character of `original` survives, in order, in `fixed`. */
function survivesInOrder(original: string, fixed: string): boolean {
  let index = 0
  for (const character of fixed) if (index < original.length && character === original[index]) index++
  return index === original.length
}

async function fixInProcess(root: string) {
  const config = resolveConfig({})
  const source = new WorkingTreeSource(root)
  const result = await fixWorkspace(source, config, {files: [], allPlans: false, date, cwd: root})
  await writeChanges(root, result.changes)
  return result
}

const sectionTexts = {
  budget:
    '## Target Budget\n- Window target: 70–80% of 272K ≈ 200K tokens\n- Buffer: 15K tokens\n- Buckets:\n  - specs: 60K\n  - code: 125K\n',
  reading: '## Required Reading (Pre-flight)\n1. `progress.md` — where the last session stopped\n',
  tasks:
    '## Tasks\n\n1. **Export the report (60K)**\n   - Draft `features/report.feature`\n\n2. **Tidy the CLI (40K)**\n   - Start: report exported\n',
  validation: '## Validation Checklist\n- `npm test`\n',
  handoff: '## Handoff Requirements\n- Update `progress.md` with the summary\n'
}

const planArbitrary = fc.record({
  sections: fc.subarray(Object.keys(sectionTexts) as Array<keyof typeof sectionTexts>),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  trailingNewline: fc.boolean(),
  mode: fc.constantFrom(0o644, 0o600, 0o755)
})

describe('--fix properties', () => {
  test('on generated plans: idempotent, additions only, BOM / line endings / final newline / mode kept, no fixable error left', async () => {
    await fc.assert(
      fc.asyncProperty(planArbitrary, async (shape) => {
        let text = `# Plan ${date}\n\n${shape.sections.map((id) => sectionTexts[id]).join('\n')}`
        if (!shape.trailingNewline) text = text.replace(/\n+$/, '')
        if (shape.crlf) text = text.replace(/\n/g, '\r\n')
        if (shape.bom) text = `\uFEFF${text}`
        const root = makeWorkspace({[planPath]: text, 'progress.md': '# Progress\n'})
        chmodSync(path.join(root, planPath), shape.mode)

        const first = await fixInProcess(root)
        const fixed = readFileSync(path.join(root, planPath), 'utf8')
        expect(survivesInOrder(text, fixed)).toBe(true)
        expect(fixed.startsWith('\uFEFF')).toBe(shape.bom)
        if (text.includes('\r\n')) expect(/(?<!\r)\n/.test(fixed)).toBe(false)
        expect(fixed.endsWith('\n')).toBe(shape.trailingNewline)
        expect(statSync(path.join(root, planPath)).mode & 0o777).toBe(shape.mode)
        const fixableErrors = first.files.flatMap((file) =>
          file.messages.filter((message) => message.fatal && message.fix)
        )
        expect(fixableErrors.map((message) => message.reason)).toEqual([])

        const second = await fixInProcess(root)
        expect(second.changes).toEqual([])
      }),
      {numRuns: 40, seed: 20261124}
    )
  })

  const fixtureRoots = [
    'valid',
    'demo',
    ...(existsSync(path.join(projectRoot, 'fixtures/failures'))
      ? readdirSync(path.join(projectRoot, 'fixtures/failures')).map((name) => `failures/${name}`)
      : [])
  ]
    .map((name) => path.join(projectRoot, 'fixtures', name))
    .filter((folder) => existsSync(path.join(folder, 'plans')) && !existsSync(path.join(folder, '.remarkrc.json')))

  test.each(fixtureRoots.map((folder) => [path.relative(projectRoot, folder), folder]))(
    'on %s: a second --fix changes nothing and every byte survives',
    (_name, folder) => {
      const root = makeWorkspace({})
      cpSync(folder, root, {recursive: true})
      const before = snapshot(root)
      const first = runCli(['--fix', '--root', root])
      expect(first.code, first.stderr).not.toBe(2)
      const after = snapshot(root)
      for (const [file, bytes] of before) {
        expect(after.has(file), `${file} kept`).toBe(true)
        expect(
          survivesInOrder(bytes.toString('utf8'), after.get(file)!.toString('utf8')),
          `${file} keeps its bytes`
        ).toBe(true)
      }
      const second = runCli(['--fix', '--root', root])
      expect(second.stderr).not.toMatch(/sop-lint: (fixed|created)/)
      expect(snapshot(root)).toEqual(after)
    }
  )
})

/** Every fixture workspace: fixtures/<name>, and fixtures/failures/<name>. */
const everyFixture = ['', 'failures/'].flatMap((prefix) =>
  readdirSync(path.join(projectRoot, 'fixtures', prefix), {withFileTypes: true})
    .filter((entry) => entry.isDirectory() && entry.name !== 'failures')
    .map((entry) => `${prefix}${entry.name}`)
)

describe('after --fix, --format json counts nothing fixable (fixes are what --fix applies)', () => {
  test.each(everyFixture)('fixtures/%s', async (name) => {
    const root = makeWorkspace({})
    cpSync(path.join(projectRoot, 'fixtures', name), root, {recursive: true})
    // --fix writes into one workspace: a monorepo's are fixed one by one, then checked together from the root.
    const monorepo = await openMonorepo(new WorkingTreeSource(root))
    const fixes = (monorepo?.folders ?? ['']).map((folder) =>
      runCli(['--fix', '--root', root, ...(folder ? ['--workspace', folder] : []), '--format', 'json'])
    )
    if (fixes.some((fixed) => fixed.code === 2)) {
      // A fixture of a bad configuration: nothing is checked, nothing fixed.
      for (const fixed of fixes) expect(fixed.stderr).toMatch(/^sop-lint: invalid configuration/)
      return
    }
    const after = runCli(['--root', root, '--format', 'json', '--no-cache'])
    for (const run of [...fixes, after]) {
      const results = JSON.parse(run.stdout) as Array<{
        filePath: string
        fixableErrorCount: number
        fixableWarningCount: number
      }>
      expect(results.length).toBeGreaterThan(0)
      const fixable = results
        .filter((result) => result.fixableErrorCount + result.fixableWarningCount > 0)
        .map((result) => path.relative(root, result.filePath))
      expect(fixable).toEqual([])
    }
  })
})

test('--dry-run prints exactly the changes --fix then writes, and writes nothing', () => {
  const root = makeWorkspace({
    [planPath]: `# Plan\n\n## Tasks\n\n1. **One (40K)**\n   - Spec: \`features/one.feature\`\n`,
    'progress.md': '# Progress\n'
  })
  const before = snapshot(root)
  // On the plan's day: on a later one, --fix would write that day's plan too.
  const dryRun = runCli(['--fix', '--dry-run', '--root', root], {env: onDay(date)})
  expect(dryRun.code).not.toBe(2)
  expect(snapshot(root)).toEqual(before)
  expect(dryRun.stdout).toContain(`+++ b/${planPath}`)

  runCli(['--fix', '--root', root], {env: onDay(date)})
  const after = snapshot(root)
  const changes = [...after].flatMap(([file, bytes]) => {
    const old = before.get(file)?.toString('utf8')
    const now = bytes.toString('utf8')
    return old === now ? [] : [{path: file, before: old, after: now}]
  })
  expect(formatDiff(changes)).toBe(dryRun.stdout)
})

test('--fix writes a plan into an empty workspace, and only what is missing', () => {
  const root = makeWorkspace({'progress.md': '# Progress\n'})
  const result = runCli(['--fix', '--root', root])
  const planFile = readdirSync(path.join(root, 'plans'))
  expect(planFile).toHaveLength(1)
  expect(planFile[0]).toMatch(/^\d{4}-\d{2}-\d{2}_next_session\.plan\.md$/)
  expect(result.stderr).toContain(`created plans/${planFile[0]}`)
  const report = runCli(['--root', root, '--format', 'json'])
  const messages = (JSON.parse(report.stdout) as Array<{messages: Array<{ruleId: string; severity: number}>}>).flatMap(
    (file) => file.messages
  )
  expect(
    messages.filter(
      (message) => message.severity === 2 && ['plan-sections', 'task-fields', 'plan-filename'].includes(message.ruleId)
    )
  ).toEqual([])
})

test('a file changed on disk between read and write is not overwritten', async () => {
  const root = makeWorkspace({[planPath]: '# Plan\n', 'progress.md': '# Progress\n'})
  const result = await fixWorkspace(new WorkingTreeSource(root), resolveConfig({}), {
    files: [],
    allPlans: false,
    date,
    cwd: root
  })
  writeFileSync(path.join(root, planPath), '# Plan edited meanwhile\n')
  const outcome = await writeChanges(root, result.changes)
  expect(outcome.skipped.map((skip) => skip.path)).toContain(planPath)
  expect(readFileSync(path.join(root, planPath), 'utf8')).toBe('# Plan edited meanwhile\n')
})

test('SIGKILL while a fix is written leaves the old file or the new one, never half', async () => {
  const original = `# Plan\n\n${'A long line of a plan that grows over many sessions. '.repeat(20)}\n`.repeat(20_000)
  const fixed = `${original}\n- appended by the fix\n`
  const root = makeWorkspace({[planPath]: original, 'fixed.txt': fixed})
  const writer = path.join(projectRoot, 'dist/src/engine/fix/write-changes.js')
  // The same write path --fix takes, in its own process, so it can be killed mid-write (a 500 MB plan would take --fix minutes to parse first).
  const script = [
    `import {readFileSync} from 'node:fs'`,
    `const {writeChanges} = await import(${JSON.stringify(writer)})`,
    `const root = ${JSON.stringify(root)}`,
    `const before = readFileSync(root + '/${planPath}', 'utf8')`,
    `await writeChanges(root, [{path: '${planPath}', before, after: readFileSync(root + '/fixed.txt', 'utf8')}])`
  ].join('\n')
  writeFileSync(path.join(root, 'write.mjs'), script)
  let killedMidway = 0
  for (const delay of [20, 60, 120, 250, 500]) {
    writeFileSync(path.join(root, planPath), original)
    const child = spawn(process.execPath, [path.join(root, 'write.mjs')], {stdio: 'ignore'})
    // Listened to before the wait: a write that ends within the delay emits 'exit' during it.
    const exited = new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)))
    await new Promise((resolve) => setTimeout(resolve, delay))
    const killed = child.kill('SIGKILL')
    const code = await exited
    if (killed && code === null) killedMidway++
    const now = readFileSync(path.join(root, planPath), 'utf8')
    expect(now === original || now === fixed, `after a kill at ${delay} ms the plan is old or new`).toBe(true)
  }
  expect(killedMidway).toBeGreaterThan(0)
}, 60_000)

const agentos = path.resolve(projectRoot, '../shared/examples/agentos')

test.skipIf(!existsSync(agentos))(
  'on a copy of the real agentos workspace: git diff after --fix shows additions only (character by character), and no fixable error is left',
  () => {
    const root = makeWorkspace({})
    cpSync(agentos, root, {recursive: true})
    // shared/ is laid out read-only, and --fix leaves read-only files alone.
    execFileSync('chmod', ['-R', 'u+w', root])
    const git = (...args: string[]) => execFileSync('git', args, {cwd: root, encoding: 'utf8'})
    git('init', '-q')
    git('add', '-A')
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'copy')
    const fixed = runCli(['--fix', '--root', root, '--format', 'json'])
    expect(fixed.code).toBe(1)
    expect(git('diff', '--name-only').trim().split('\n').length).toBeGreaterThan(3)
    // Character by character: a fix inserts into a line (a reason after a path, an empty cell), so a line diff shows -/+ pairs.
    const wordDiff = git('diff', '--word-diff=porcelain', '--word-diff-regex=.').split('\n')
    expect(wordDiff.some((line) => line.startsWith('+') && !line.startsWith('+++'))).toBe(true)
    expect(wordDiff.filter((line) => line.startsWith('-') && !line.startsWith('---'))).toEqual([])
    const report = JSON.parse(fixed.stdout) as Array<{
      messages: Array<{severity: number; fix?: unknown; ruleId: string; message: string; suggestions?: unknown[]}>
    }>
    const fixableErrors = report.flatMap((file) =>
      file.messages.filter((message) => message.severity === 2 && message.fix)
    )
    expect(fixableErrors).toEqual([])
    // A fix that replaces text is left for a person to choose: it is offered as a suggestion, as ESLint does.
    const suggested = report.flatMap((file) =>
      file.messages.filter((message) => (message.suggestions?.length ?? 0) > 0)
    )
    expect(suggested.map((message) => message.message)).toEqual([
      '`/status` capture: say whether context 24% is used or left — 209K/272K is 77% used, 23% left, so write “24% left”'
    ])
  },
  120_000
)
