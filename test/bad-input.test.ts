/**
 * The bad-input catalogue (issue 9): each input a real repository can hold
 * that is not what sop-lint expects, run through the built CLI as a user
 * runs it. Each case asserts the exit code, a message on one line that
 * names the file, says what is wrong and how to make it right, and no stack
 * trace. `npm test` builds first; run `npm run build` before running this
 * file on its own.
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {cliPath, onPlanDay, projectRoot, runCli, type CliResult} from './helpers/cli.js'
import {makeWorkspace, tempFolder, validWorkspace} from './helpers/workspace.js'

const plan = 'plans/2026-02-13_next_session.plan.md'

interface JsonResult {
  filePath: string
  messages: Array<{ruleId: string | null; severity: 1 | 2; message: string; line: number; column: number}>
}

/** No stack trace and no internal error anywhere in what the CLI printed. */
function expectNoCrash(result: CliResult): void {
  expect(result.stdout + result.stderr).not.toMatch(/^\s+at /m)
  expect(result.stderr).not.toContain('internal error')
}

/** Runs with `--format json`: the exit code and every message as `file line:col severity text`. */
function check(
  root: string,
  args: string[] = [],
  options: {timeout?: number} = {}
): {code: number | null; messages: string[]; stderr: string} {
  const result = spawnSync(process.execPath, [cliPath, '--root', root, '--format', 'json', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: options.timeout ?? 60_000,
    env: {...process.env, NO_COLOR: '1'}
  })
  expect(result.error, 'the check finishes').toBeUndefined()
  expectNoCrash({code: result.status, stdout: result.stdout, stderr: result.stderr})
  const results = JSON.parse(result.stdout) as JsonResult[]
  const messages = results.flatMap((file) =>
    file.messages.map(
      (message) =>
        `${path.relative(root, file.filePath)} ${message.line}:${message.column} ${message.severity === 2 ? 'error' : 'warning'} ${message.message}`
    )
  )
  for (const message of messages) expect(message).not.toContain('\n')
  return {code: result.status, messages, stderr: result.stderr}
}

/** `--fix`, spawned; what it says on stderr and its exit code. */
function fix(root: string, options: {timeout?: number} = {}): CliResult {
  const result = spawnSync(process.execPath, [cliPath, '--fix', '--root', root, '--format', 'json'], {
    cwd: root,
    encoding: 'utf8',
    timeout: options.timeout ?? 60_000,
    env: {...process.env, NO_COLOR: '1', ...onPlanDay(root)}
  })
  expect(result.error, '--fix finishes').toBeUndefined()
  const outcome = {code: result.status, stdout: result.stdout, stderr: result.stderr}
  expectNoCrash(outcome)
  return outcome
}

/** A usage or configuration error: exit 2, nothing on stdout, one line on stderr. */
function expectUsageError(result: CliResult, pattern: RegExp): void {
  expectNoCrash(result)
  expect(result.code).toBe(2)
  expect(result.stdout).toBe('')
  expect(result.stderr).toMatch(/^sop-lint: [^\n]+\n$/)
  expect(result.stderr).toMatch(pattern)
}

describe('files that are not Markdown text', () => {
  test('a binary file named as a plan: one error, not parsed, and --fix leaves its bytes alone', () => {
    const binary = Buffer.concat([
      Buffer.from('\x7fELF\x02\x01\x01\0\0\0'),
      Buffer.alloc(2000, 0x90),
      Buffer.from('\n## Tasks\n')
    ])
    const root = validWorkspace({[plan]: binary})
    const {code, messages} = check(root)
    expect(code).toBe(1)
    expect(messages).toContain(
      `${plan} 1:1 error \`${plan}\` is a binary file (it holds NUL bytes), not Markdown: not checked; remove it or give it another name`
    )
    fix(root)
    expect(readFileSync(path.join(root, plan)).equals(binary)).toBe(true)
  })

  test('bytes that are not UTF-8 in a plan: reported where they stand; --fix refuses to write the file and exits 1', () => {
    const original = readFileSync(path.join(projectRoot, 'fixtures/valid', plan))
    // Latin-1 “é” and two bytes no UTF-8 text has, in the title; and the Handoff section dropped, so there is something to fix.
    const text = original
      .toString('utf8')
      .replace('# Next session plan', '# Caf\u00e9 \u00ff\u00fe plan')
      .replace(/## Handoff requirements[\s\S]*$/, '')
    const bytes = Buffer.from(text, 'latin1')
    const root = validWorkspace({[plan]: bytes})
    const {code, messages} = check(root)
    expect(code).toBe(1)
    expect(messages).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^${plan.replace(/\./g, '\\.')} 6:6 error \`${plan.replace(/\./g, '\\.')}\` has bytes that are not UTF-8 \\(read as “\uFFFD”\\): save it as UTF-8; --fix will not write it until then$`
        )
      )
    )
    const fixed = fix(root)
    expect(fixed.code).toBe(1)
    expect(fixed.stderr).toContain(
      `sop-lint: not written: ${plan} is not UTF-8 text: writing it would replace the bytes sop-lint cannot read; save it as UTF-8 and run --fix again`
    )
    expect(readFileSync(path.join(root, plan)).equals(bytes), 'every byte kept').toBe(true)
  })

  test('a valid UTF-8 plan that holds the character U+FFFD is UTF-8 (issue 15, item 10): nothing said, and --fix writes it', () => {
    const original = readFileSync(path.join(projectRoot, 'fixtures/valid', plan), 'utf8')
    // The replacement character written on purpose (a note on what a broken decode shows), and the Handoff section dropped.
    const text = original
      .replace('# Next session plan', '# Next session plan — logs show “\uFFFD” for bad bytes')
      .replace(/## Handoff requirements[\s\S]*$/, '')
    const root = validWorkspace({[plan]: text})
    const {messages} = check(root)
    expect(messages.filter((message) => message.includes('not UTF-8'))).toEqual([])
    const fixed = fix(root)
    expect(fixed.stderr).not.toContain('not UTF-8')
    expect(readFileSync(path.join(root, plan), 'utf8')).toContain('## Handoff requirements')
  })

  test('a Markdown file of 50 MB is refused at once, in bounded time and memory', () => {
    const paragraph = 'Some prose with *emphasis*, a `code span`, a [link](docs/x.md) and words that go on. '.repeat(8)
    const chunk = `## Notes\n\n${paragraph}\n\n- an item naming \`src/file.ts\`\n\n`
    const big = chunk.repeat(Math.ceil((50 * 1024 * 1024) / chunk.length))
    const root = validWorkspace({
      'docs/SOP/big_reference.md': big,
      'progress.md': readFileSync(path.join(projectRoot, 'fixtures/valid/progress.md'), 'utf8') + big
    })
    const rssFile = path.join(root, '.rss')
    // Peak RSS of the CLI process itself, written as it exits (process.resourceUsage().maxRSS, in KB).
    const preload = `data:text/javascript,import{writeFileSync}from'node:fs';process.on('exit',()=>writeFileSync(${JSON.stringify(rssFile)},String(process.resourceUsage().maxRSS)))`
    const started = performance.now()
    const result = spawnSync(process.execPath, [`--import=${preload}`, cliPath, '--root', root, '--format', 'json'], {
      encoding: 'utf8',
      timeout: 60_000,
      maxBuffer: 1 << 26
    })
    const seconds = (performance.now() - started) / 1000
    expect(result.error).toBeUndefined()
    expectNoCrash({code: result.status, stdout: result.stdout, stderr: result.stderr})
    expect(result.status).toBe(1)
    const messages = (JSON.parse(result.stdout) as JsonResult[]).flatMap((file) =>
      file.messages.map((message) => message.message)
    )
    expect(messages).toContain(
      '`docs/SOP/big_reference.md` is 50 MB, more than the 1 MB sop-lint parses (limits.maxMarkdownBytes): not checked; split it, or raise the limit in the config'
    )
    expect(messages).toContainEqual(
      expect.stringMatching(/^`progress\.md` is 50 MB, more than the 1 MB sop-lint parses/)
    )
    const peakMegabytes = Number(readFileSync(rssFile, 'utf8')) / 1024
    console.log(`50 MB Markdown: ${seconds.toFixed(1)} s, peak RSS ${peakMegabytes.toFixed(0)} MB`)
    expect(seconds).toBeLessThan(30)
    expect(peakMegabytes).toBeLessThan(2048)
  }, 90_000)

  test('the size limit is an option: a file within a raised limit is checked', () => {
    const root = validWorkspace({
      '.remarkrc.json': JSON.stringify({plugins: [['sop-lint', {limits: {maxMarkdownBytes: 100}}]]})
    })
    const {code, messages} = check(root)
    expect(code).toBe(1)
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^plans\/2026-02-13_next_session\.plan\.md 1:1 error `plans\/2026-02-13_next_session\.plan\.md` is \d+(\.\d)? KB, more than the 100 bytes sop-lint parses/
      )
    )
    writeFileSync(
      path.join(root, '.remarkrc.json'),
      JSON.stringify({plugins: [['sop-lint', {limits: {maxMarkdownBytes: 1_000_000}}]]})
    )
    expect(check(root)).toMatchObject({code: 0, messages: []})
  })
})

describe('frontmatter and configuration', () => {
  test('malformed YAML frontmatter: says why and where, exit 1', () => {
    const text = readFileSync(path.join(projectRoot, 'fixtures/valid', plan), 'utf8').replace(
      'date: 2026-02-13\n',
      'date: [2026-02-13\nowner: : codex\n'
    )
    const root = validWorkspace({[plan]: text})
    const {code, messages} = check(root)
    expect(code).toBe(1)
    expect(messages).toEqual([
      `${plan} 3:1 error Frontmatter is not valid YAML (Flow sequence in block collection must be sufficiently indented and end with a ]): fix it, so that its \`date\` can be read`
    ])
  })

  test('a first line `---` that nothing closes: reported, and --fix leaves the file alone', () => {
    // micromark's frontmatter construct, having failed, reads every list below as a paragraph.
    const root = validWorkspace({'docs/Tasks/tracker_feature_log.md': '---\n\n- 2026-02-13 — shipped the refunds\n'})
    const {code, messages} = check(root)
    expect(code).toBe(1)
    expect(messages).toContain(
      'docs/Tasks/tracker_feature_log.md 1:1 error `docs/Tasks/tracker_feature_log.md` starts with a `---` line that no closing one ends: its lists are not read as lists; close the frontmatter or remove that line (--fix leaves the file alone until then)'
    )
    fix(root)
    fix(root)
    expect(readFileSync(path.join(root, 'docs/Tasks/tracker_feature_log.md'), 'utf8')).toBe(
      '---\n\n- 2026-02-13 — shipped the refunds\n'
    )
  })

  test('a comment or fence left open at the end: what --fix appends goes before it, once, or not at all', () => {
    const progress = readFileSync(path.join(projectRoot, 'fixtures/valid/progress.md'), 'utf8').replace(
      /- Next plan: `plans\/2026-02-13[^\n]*\n/,
      ''
    )
    for (const tail of ['<!-- notes for later\nstill a comment', '```sh\nnpm test']) {
      const root = validWorkspace({'progress.md': `${progress}\n${tail}`})
      const first = fix(root)
      expect(first.stderr).toContain('sop-lint: fixed progress.md')
      const fixed = readFileSync(path.join(root, 'progress.md'), 'utf8')
      expect(fixed).toBe(`${progress}\n- Plan: \`${plan}\`\n\n${tail}`)
      expect(fix(root).stderr).not.toContain('progress.md')
      expect(readFileSync(path.join(root, 'progress.md'), 'utf8')).toBe(fixed)
    }
    // A section the plan lacks at its end is not put into a fence left open there: the check still asks for it.
    const planText = readFileSync(path.join(projectRoot, 'fixtures/valid', plan), 'utf8').replace(
      /## Handoff requirements[\s\S]*$/,
      '```sh\npytest\n'
    )
    const root = validWorkspace({[plan]: planText})
    const fixed = fix(root)
    expect(fixed.stderr).not.toContain(`fixed ${plan}`)
    expect(fixed.code).toBe(1)
    expect(fixed.stdout).toContain('Missing section “Handoff requirements”')
    expect(readFileSync(path.join(root, plan), 'utf8')).toBe(planText)
    // Nor is it counted as fixable: it is a suggestion, described in one short line as the editor's quick fix is.
    type Result = {
      filePath: string
      fixableErrorCount: number
      messages: Array<{message: string; fix?: unknown; suggestions?: Array<{desc: string}>}>
    }
    const planResult = (JSON.parse(fixed.stdout) as Result[]).find((result) => result.filePath.endsWith(plan))!
    expect(planResult.fixableErrorCount).toBe(0)
    const missing = planResult.messages.find((message) =>
      message.message.includes('Missing section “Handoff requirements”')
    )!
    expect(missing.fix).toBeUndefined()
    expect(missing.suggestions?.map((suggestion) => suggestion.desc)).toEqual([
      expect.stringMatching(/^Insert “## Handoff requirements” \(\d+ lines\)$/)
    ])
  })

  const badConfigs: Array<[string, string, RegExp]> = [
    [
      '.remarkrc.json',
      '{"plugins": [["sop-lint", {',
      /^sop-lint: cannot load \.remarkrc\.json: .*JSON.*; fix the file or remove it\n$/
    ],
    [
      '.remarkrc.yml',
      'plugins:\n  - [sop-lint, {a: [}]\n',
      /^sop-lint: cannot load \.remarkrc\.yml: .*; fix the file or remove it\n$/
    ],
    [
      '.remarkrc.mjs',
      'export default {plugins: [[\n',
      /^sop-lint: cannot load \.remarkrc\.mjs: Unexpected end of input; fix the file or remove it\n$/
    ],
    [
      '.remarkrc.mjs',
      'throw new Error("no config for you")\n',
      /^sop-lint: cannot load \.remarkrc\.mjs: no config for you; fix the file or remove it\n$/
    ],
    [
      '.remarkrc.ts',
      'export default {plugins: [[\n',
      /^sop-lint: cannot load \.remarkrc\.ts: .*; fix the file or remove it\n$/
    ],
    ['package.json', '{"name": ', /^sop-lint: cannot load package\.json: .*JSON.*; fix the file or remove it\n$/],
    [
      '.remarkrc',
      '\x7fELF\x02\x01\x01\0\0\0',
      /^sop-lint: invalid configuration in \.remarkrc: expected an object with a plugins list\n$/
    ]
  ]
  test.each(badConfigs)('a malformed %s: exit 2, one line naming the file', (name, text, pattern) => {
    const root = validWorkspace({[name]: text})
    expectUsageError(runCli(['--root', root]), pattern)
  })

  test('unknown config keys are named, with where they are', () => {
    const root = validWorkspace({
      '.remarkrc.json': JSON.stringify({plugins: [['sop-lint', {pathz: {}, budget: {window: 1}}]]})
    })
    expectUsageError(
      runCli(['--root', root]),
      /^sop-lint: invalid configuration in \.remarkrc\.json: unknown key in budget: window; unknown key: pathz; did you mean paths\?\n$/
    )
  })

  test('a config file that is a folder', () => {
    const root = validWorkspace()
    mkdirSync(path.join(root, '.remarkrc.json'))
    expectUsageError(
      runCli(['--root', root]),
      /^sop-lint: cannot read \.remarkrc\.json: it is a folder, not a file; fix it or remove it\n$/
    )
  })
})

describe('symbolic links', () => {
  test('a link loop as a plan and as progress.md: each named, the check ends', () => {
    const root = validWorkspace()
    symlinkSync('loop-b.plan.md', path.join(root, 'plans/2026-03-01_next_session.plan.md'))
    symlinkSync('2026-03-01_next_session.plan.md', path.join(root, 'plans/loop-b.plan.md'))
    rmSync(path.join(root, 'progress.md'))
    symlinkSync('progress.md', path.join(root, 'progress.md'))
    const {code, messages} = check(root)
    expect(code).toBe(1)
    expect(messages).toEqual(
      expect.arrayContaining([
        'plans/2026-03-01_next_session.plan.md 1:1 error `plans/2026-03-01_next_session.plan.md` (a plan) is a symbolic link that loops: not checked; make it a readable file inside the repository',
        'plans/loop-b.plan.md 1:1 error `plans/loop-b.plan.md` (a plan) is a symbolic link that loops: not checked; make it a readable file inside the repository',
        'progress.md 1:1 error `progress.md` (the progress log) is a symbolic link that loops: not checked; make it a readable file inside the repository',
        `${plan} 60:3 error Handoff requirements: \`progress.md\` is a symbolic link that loops: name a file that exists`
      ])
    )
  })

  test('folder links that lead back up (docs/SOP/up → ..): the walk ends, nothing is reported twice', () => {
    const root = validWorkspace()
    symlinkSync('..', path.join(root, 'docs/SOP/up'))
    symlinkSync('../..', path.join(root, 'docs/System/top'))
    symlinkSync('.', path.join(root, 'docs/Tasks/self'))
    const {code, messages} = check(root, [], {timeout: 30_000})
    expect({code, messages}).toEqual({code: 0, messages: []})
  })

  test('paths.siblings: the other repository is read by the same rules as this one: a link out of it and a folder that links out are named, not followed; a FIFO there is not opened; the folder is not one of this repository’s for the glossary', () => {
    const outside = tempFolder()
    writeFileSync(path.join(outside, 'secret.md'), '# Secret\n')
    execFileSync('mkfifo', [path.join(outside, 'pipe.md')])
    const api = path.join(tempFolder(), 'billing-api')
    mkdirSync(path.join(api, 'docs'), {recursive: true})
    writeFileSync(path.join(api, 'docs/contract.md'), '# Contract\n')
    execFileSync('mkfifo', [path.join(api, 'docs/queue.md')])
    symlinkSync(path.join(outside, 'secret.md'), path.join(api, 'docs/secret.md'))
    symlinkSync(outside, path.join(api, 'linked'))
    const text = readFileSync(path.join(projectRoot, 'fixtures/valid', plan), 'utf8').replace(
      '## Tasks',
      [
        '5. API: `billing-api/docs/contract.md` — the contract, in the other repository',
        '6. API: `billing-api/docs/secret.md` — a link out of that repository',
        '7. API: `billing-api/linked/pipe.md` — in a folder that links out of it',
        '8. API: `billing-api/docs/queue.md` — a FIFO there',
        '',
        '## Tasks'
      ].join('\n')
    )
    const root = validWorkspace({[plan]: text})
    const folder = path.relative(root, api)
    writeFileSync(
      path.join(root, '.remarkrc.json'),
      JSON.stringify({plugins: [['sop-lint', {paths: {siblings: {API: folder}}}]]})
    )

    const {code, messages} = check(root, [], {timeout: 30_000})
    expect(code).toBe(1)
    expect(messages.filter((message) => message.includes('billing-api'))).toEqual([
      `${plan} 30:9 error Required reading \`billing-api/docs/secret.md\` (in \`${folder}\`) is a symbolic link to a place outside the repository, which sop-lint never reads: fix the path or remove the item (required reading must exist now)`,
      `${plan} 31:9 error Required reading \`billing-api/linked/pipe.md\` (in \`${folder}\`) lies in a folder reached through a symbolic link, which sop-lint does not follow: fix the path or remove the item (required reading must exist now)`
    ])
  })

  test('links and cited paths out of the repository are reported and never opened: a FIFO outside would block a read', () => {
    const outside = tempFolder()
    const fifo = path.join(outside, 'secret.md')
    execFileSync('mkfifo', [fifo])
    mkdirSync(path.join(outside, 'folder'))
    execFileSync('mkfifo', [path.join(outside, 'folder/inside.md')])
    const text = readFileSync(path.join(projectRoot, 'fixtures/valid', plan), 'utf8').replace(
      '## Tasks',
      [
        `5. \`${fifo}\` — an absolute path`,
        `6. \`../${path.basename(outside)}/secret.md\` — climbing out`,
        '7. `docs/SOP/linked.md` — a link to the FIFO',
        '8. `docs/Outside/inside.md` — in a folder that links out',
        '',
        '## Tasks'
      ].join('\n')
    )
    const root = validWorkspace({[plan]: text})
    // And a FIFO inside the repository, where the references are read.
    execFileSync('mkfifo', [path.join(root, 'docs/SOP/pipe.md')])
    symlinkSync(fifo, path.join(root, 'docs/SOP/linked.md'))
    symlinkSync(path.join(outside, 'folder'), path.join(root, 'docs/Outside'))
    rmSync(path.join(root, 'docs/SESSION_HANDOFF.md'))
    symlinkSync(fifo, path.join(root, 'docs/SESSION_HANDOFF.md'))
    // A citation `path:line` of a file outside, in a reference document.
    writeFileSync(
      path.join(root, 'docs/SOP/release_checklist.md'),
      `# Release\n\nSee \`${fifo}:3\`, \`docs/SOP/linked.md:2\` and \`docs/SOP/pipe.md:1\`.\n`
    )

    const {code, messages} = check(root, [], {timeout: 30_000})
    expect(code).toBe(1)
    const said = messages.join('\n')
    expect(said).toContain(
      '`docs/SESSION_HANDOFF.md` (the handoff notes) is a symbolic link to a place outside the repository, which sop-lint never reads: not checked'
    )
    // Paths outside the repository are said once, the first message naming the others.
    expect(said).toMatch(
      /Required reading `[^`]*secret\.md` is an absolute path: not portable, and sop-lint reads nothing outside the repository; name it relative to the repository root \(the same holds for `\.\.\/[^`]*secret\.md`\)/
    )
    expect(said).toContain(
      'Required reading `docs/SOP/linked.md` is a symbolic link to a place outside the repository, which sop-lint never reads: fix the path or remove the item'
    )
    expect(said).toContain(
      'Required reading `docs/Outside/inside.md` lies in a folder reached through a symbolic link, which sop-lint does not follow'
    )
    expect(said).toContain(
      'Citation `docs/SOP/linked.md:2`: `docs/SOP/linked.md` is a symbolic link to a place outside the repository, which sop-lint never reads'
    )
    expect(said).toContain(
      'Citation `docs/SOP/pipe.md:1`: `docs/SOP/pipe.md` is not a regular file (a FIFO, socket or device)'
    )

    // --fix ends too, and writes nothing through the links: they are still links, the FIFOs still FIFOs.
    const fixed = fix(root, {timeout: 30_000})
    expect(fixed.stderr).not.toContain('docs/SESSION_HANDOFF.md\n')
    expect(lstatSync(path.join(root, 'docs/SESSION_HANDOFF.md')).isSymbolicLink()).toBe(true)
    expect(readlinkSync(path.join(root, 'docs/SESSION_HANDOFF.md'))).toBe(fifo)
    expect(statSync(fifo).isFIFO()).toBe(true)
    expect(readdirSync(outside).sort()).toEqual(['folder', 'secret.md'])
    expect(readdirSync(path.join(outside, 'folder'))).toEqual(['inside.md'])
  })

  test('--fix does not write through a link, even one that stays inside the repository', () => {
    const root = validWorkspace()
    writeFileSync(path.join(root, 'docs/progress-real.md'), '# Progress\n')
    rmSync(path.join(root, 'progress.md'))
    symlinkSync('docs/progress-real.md', path.join(root, 'progress.md'))
    const fixed = fix(root)
    expect(fixed.stderr).toContain(
      'sop-lint: not written: progress.md is a symbolic link: sop-lint does not write through links; change the file it points to'
    )
    expect(fixed.code).toBe(1)
    expect(readFileSync(path.join(root, 'docs/progress-real.md'), 'utf8')).toBe('# Progress\n')
  })
})

describe('names and places', () => {
  test('a repository whose path has spaces, quotes, a newline and non-ASCII: check, --fix and plan new work', () => {
    const parent = tempFolder()
    const root = path.join(parent, `it's a "repo"\n$(touch pwned) \`id\` 日本 é`)
    cpSync(path.join(projectRoot, 'fixtures/valid'), root, {recursive: true})
    const ok = runCli(['--root', root])
    expectNoCrash(ok)
    expect(ok).toEqual({code: 0, stdout: '', stderr: ''})
    rmSync(path.join(root, 'plans'), {recursive: true})
    const fixed = runCli(['--fix', '--root', root], {env: onPlanDay(root)})
    expectNoCrash(fixed)
    expect(fixed.stderr).toMatch(/^sop-lint: created plans\/\d{4}-\d{2}-\d{2}_next_session\.plan\.md$/m)
    const planNew = runCli(['plan', 'new', '--date', '2030-01-02', '--root', root])
    expect(planNew.code).toBe(0)
    expect(existsSync(path.join(root, 'plans/2030-01-02_next_session.plan.md'))).toBe(true)
    expect(existsSync(path.join(parent, 'pwned'))).toBe(false)
    expect(existsSync(path.join(root, 'pwned'))).toBe(false)
  })

  test('documents named with spaces, quotes, newlines and non-ASCII are read, cited and linked', () => {
    const names = ['with space.md', `quo"te's.md`, 'new\nline.md', 'café 日本.md']
    const files = Object.fromEntries(
      names.map((name) => [`docs/SOP/${name}`, `# ${name.replace('\n', ' ')}\n\nOne line.\n`])
    )
    const reading = [
      '5. [with space](<../docs/SOP/with space.md>) — a link with the path in angle brackets',
      "6. [quotes](../docs/SOP/quo%22te's.md) — quotes, percent-encoded",
      '7. [accents](../docs/SOP/caf%C3%A9%20%E6%97%A5%E6%9C%AC.md) — non-ASCII, percent-encoded',
      '8. [missing](<../docs/SOP/not here.md>) — a path with a space that does not exist',
      '9. [malformed](../docs/SOP/%E0%A4%A.md) — an escape that is not UTF-8',
      '',
      '## Tasks'
    ].join('\n')
    const text = readFileSync(path.join(projectRoot, 'fixtures/valid', plan), 'utf8').replace('## Tasks', reading)
    const root = validWorkspace({...files, [plan]: text})
    const {code, messages} = check(root)
    expect(code).toBe(1)
    expect(messages.map((message) => message.replace(/ \d+:\d+ /, ' '))).toEqual([
      `${plan} error Required reading \`docs/SOP/not here.md\` does not exist: fix the path or remove the item (required reading must exist now)`,
      `${plan} error Required reading \`docs/SOP/%E0%A4%A.md\` does not exist: fix the path or remove the item (required reading must exist now)`
    ])
  })

  test('a file named on the command line that does not exist, a folder with nothing to check, or a link out', () => {
    const root = validWorkspace()
    expectUsageError(
      runCli(['--root', root, path.join(root, 'plans/nope.plan.md')]),
      /plans\/nope\.plan\.md: no such file$/m
    )
    mkdirSync(path.join(root, 'empty'))
    expectUsageError(
      runCli(['--root', root, path.join(root, 'empty')]),
      /empty: no Markdown, CSV or \.feature file in this folder$/m
    )
    const outside = tempFolder()
    writeFileSync(path.join(outside, 'secret.md'), '# Secret\n')
    symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'docs/SOP/secret.md'))
    const result = runCli(['--root', root, path.join(root, 'docs/SOP/secret.md')])
    expectUsageError(
      result,
      /docs\/SOP\/secret\.md: is a symbolic link to a place outside the repository, which sop-lint never reads; name a readable file inside the repository$/m
    )
  })
})

/** Runs the CLI as the unprivileged user `nobody` (root reads and writes whatever the mode says); `undefined` when that cannot be done here. */
function asNobody(): ((args: string[], cwd: string) => CliResult) | undefined {
  const uid = process.getuid?.()
  if (uid === undefined) return undefined
  if (uid !== 0) return (args, cwd) => runCli(args, {cwd})
  const probe = spawnSync('setpriv', [
    '--reuid=65534',
    '--regid=65534',
    '--clear-groups',
    process.execPath,
    '-e',
    `require('fs').accessSync(${JSON.stringify(cliPath)})`
  ])
  if (probe.status !== 0) return undefined
  return (args, cwd) => {
    const result = spawnSync(
      'setpriv',
      ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, cliPath, ...args],
      {
        cwd,
        encoding: 'utf8',
        env: {...process.env, NO_COLOR: '1', HOME: cwd}
      }
    )
    return {code: result.status, stdout: result.stdout, stderr: result.stderr}
  }
}

/** Hands a workspace to `nobody` when the tests run as root. */
function giveAway(root: string): void {
  if (process.getuid?.() !== 0) return
  chmodSync(root, 0o755)
  const walk = (file: string) => {
    chownSync(file, 65534, 65534)
    if (statSync(file).isDirectory()) for (const name of readdirSync(file)) walk(path.join(file, name))
  }
  walk(root)
}

const unprivileged = asNobody()

describe('missing, unreadable and misplaced files', () => {
  test.skipIf(!unprivileged)(
    'an unreadable progress.md: said, not read as empty, and --fix does not replace it',
    () => {
      const root = validWorkspace()
      giveAway(root)
      const progress = path.join(root, 'progress.md')
      const before = readFileSync(progress)
      chmodSync(progress, 0o000)
      let readable = true
      try {
        execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'cat', progress], {
          stdio: 'ignore'
        })
      } catch {
        readable = false
      }
      expect(readable).toBe(false)
      const result = unprivileged!(['--root', root, '--format', 'json'], root)
      expectNoCrash(result)
      expect(result.code).toBe(1)
      const messages = (JSON.parse(result.stdout) as JsonResult[]).flatMap((file) =>
        file.messages.map((message) => message.message)
      )
      expect(messages).toContain(
        '`progress.md` cannot be read (permission denied, EACCES): not checked; make it a readable file inside the repository'
      )
      expect(messages.some((message) => message.includes('does not point at the newest plan'))).toBe(false)
      const fixed = unprivileged!(['--fix', '--root', root], root)
      expectNoCrash(fixed)
      expect(fixed.code).toBe(1)
      expect(fixed.stderr).not.toMatch(/(fixed|created) progress\.md/)
      chmodSync(progress, 0o644)
      expect(readFileSync(progress).equals(before)).toBe(true)
    }
  )

  test('folders where the procedure expects files: progress.md, the ledger, a plan', () => {
    const root = validWorkspace()
    rmSync(path.join(root, 'progress.md'))
    mkdirSync(path.join(root, 'progress.md'))
    rmSync(path.join(root, 'docs/Ledgers/Token_Churn_Ledger.csv'))
    mkdirSync(path.join(root, 'docs/Ledgers/Token_Churn_Ledger.csv'))
    mkdirSync(path.join(root, 'plans/2026-03-01_next_session.plan.md'))
    const {code, messages} = check(root)
    expect(code).toBe(1)
    expect(messages).toEqual(
      expect.arrayContaining([
        'progress.md 1:1 error `progress.md` (the progress log) is a folder, not a file: not checked; make it a readable file inside the repository',
        'docs/Ledgers/Token_Churn_Ledger.csv 1:1 error `docs/Ledgers/Token_Churn_Ledger.csv` (the token ledger) is a folder, not a file: not checked; make it a readable file inside the repository',
        'plans/2026-03-01_next_session.plan.md 1:1 error `plans/2026-03-01_next_session.plan.md` (a plan) is a folder, not a file: not checked; make it a readable file inside the repository'
      ])
    )
    const fixed = fix(root)
    expect(fixed.code).toBe(1)
    expect(statSync(path.join(root, 'progress.md')).isDirectory()).toBe(true)
  })

  test('plans/ is a file: --fix cannot create the plan, says why, and exits 1 (the report is of the disk, not of the fixes that did not land)', () => {
    const root = validWorkspace()
    rmSync(path.join(root, 'plans'), {recursive: true})
    writeFileSync(path.join(root, 'plans'), 'not a folder\n')
    const fixed = fix(root)
    expect(fixed.code).toBe(1)
    expect(fixed.stderr).toMatch(
      /^sop-lint: not written: plans\/\d{4}-\d{2}-\d{2}_next_session\.plan\.md cannot be written \(.*(EEXIST|ENOTDIR)\); the file is as it was$/m
    )
    expect(readFileSync(path.join(root, 'plans'), 'utf8')).toBe('not a folder\n')
    const report = JSON.parse(fixed.stdout) as JsonResult[]
    expect(report.flatMap((file) => file.messages.map((message) => message.message))).toContainEqual(
      expect.stringMatching(/^No plan in `plans\/`/)
    )
  })

  test('an empty folder and an empty git repository: no plan is an error, --fix writes one; the hook has nothing to check', () => {
    for (const init of [false, true]) {
      const root = makeWorkspace({})
      if (init) execFileSync('git', ['init', '-q', root])
      const {code, messages} = check(root)
      expect(code).toBe(1)
      expect(messages).toEqual([
        expect.stringMatching(
          /^plans\/\d{4}-\d{2}-\d{2}_next_session\.plan\.md 1:1 error No plan in `plans\/`: write `plans\/\d{4}-\d{2}-\d{2}_next_session\.plan\.md` \(`npx sop-lint --fix` scaffolds it\)$/
        )
      ])
      const fixed = fix(root)
      expect(fixed.code).not.toBe(2)
      expect(readdirSync(path.join(root, 'plans'))).toHaveLength(1)
      if (init) expect(runCli(['hook', 'pre-push'], {cwd: root, input: ''})).toEqual({code: 0, stdout: '', stderr: ''})
    }
  })
})

describe('outside a git repository', () => {
  test('the check works on the folder it runs in', () => {
    const root = validWorkspace()
    expect(
      spawnSync('git', ['rev-parse', '--show-toplevel'], {cwd: root}).status,
      'the temporary folder is in no git repository'
    ).not.toBe(0)
    expect(runCli([], {cwd: root})).toEqual({code: 0, stdout: '', stderr: ''})
    rmSync(path.join(root, 'progress.md'))
    const result = runCli(['--format', 'json'], {cwd: root})
    expect(result.code).toBe(1)
  })

  test('sop-lint hook pre-push says it needs a git repository, on one line, exit 2', () => {
    const root = validWorkspace()
    const line = `refs/heads/main ${'1'.repeat(40)} refs/heads/main ${'0'.repeat(40)}\n`
    expectUsageError(runCli(['hook', 'pre-push'], {cwd: root, input: line}), /not a git repository/)
  })
})

test('a read-only file: --fix reports it, changes nothing in it, and still fixes the others', () => {
  const root = validWorkspace()
  const planFile = path.join(root, plan)
  const text = readFileSync(planFile, 'utf8').replace(/## Handoff requirements[\s\S]*$/, '')
  writeFileSync(planFile, text)
  writeFileSync(path.join(root, 'docs/SESSION_HANDOFF.md'), '# Handoff\n')
  chmodSync(planFile, 0o444)
  const fixed = fix(root)
  expect(fixed.stderr).toContain(
    `sop-lint: not written: ${plan} is read-only; make it writable and run --fix again to add what is missing`
  )
  expect(fixed.stderr).toContain('sop-lint: fixed docs/SESSION_HANDOFF.md')
  expect(fixed.code).toBe(1)
  expect(readFileSync(planFile, 'utf8')).toBe(text)
  expect(statSync(planFile).mode & 0o777).toBe(0o444)
})
