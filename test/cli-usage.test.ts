/**
 * The CLI as users of ESLint, markdownlint-cli2, remark-cli and git expect it
 * (issue 19): the built binary, spawned, on workspaces of the tests' own.
 */
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import stringWidth from 'string-width'
import {describe, expect, test} from 'vitest'
import {cliPath, projectRoot, runCli, type CliResult} from './helpers/cli.js'
import {tempFolder, validWorkspace} from './helpers/workspace.js'

const demo = path.join(projectRoot, 'fixtures/demo')
const plan = 'plans/2026-02-13_next_session.plan.md'

/** Exit 2 and one line on stderr, no stack trace, no "internal error", nothing on stdout. */
function expectUsageError(result: CliResult, pattern: RegExp): void {
  expect(result.stdout).toBe('')
  expect(result.stderr).toMatch(/^sop-lint: [^\n]+\n$/)
  expect(result.stderr).not.toContain('internal error')
  expect(result.stderr).toMatch(pattern)
  expect(result.code).toBe(2)
}

interface JsonResult {
  filePath: string
  messages: Array<{ruleId: string | null; severity: 1 | 2}>
}

/** The repository-relative files of a JSON report, and its messages' rule ids. */
function checked(root: string, result: CliResult): {files: string[]; rules: string[]} {
  const results = JSON.parse(result.stdout) as JsonResult[]
  return {
    files: results.map((entry) => path.relative(root, entry.filePath).split(path.sep).join('/')).sort(),
    rules: results.flatMap((entry) => entry.messages.map((message) => `${message.ruleId}:${message.severity}`))
  }
}

/** Runs the CLI in a pseudo-terminal (`script`), as a person at a terminal of `columns` columns does. */
function inTerminal(
  args: string[],
  options: {columns: number; env?: Record<string, string | undefined>; cwd?: string}
): string {
  const quoted = [process.execPath, cliPath, ...args].map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' ')
  const env: Record<string, string | undefined> = {
    ...process.env,
    NO_COLOR: undefined,
    FORCE_COLOR: undefined,
    COLUMNS: undefined,
    ...options.env
  }
  const result = spawnSync('script', ['-qec', `stty cols ${options.columns} rows 50; ${quoted}`, '/dev/null'], {
    cwd: options.cwd ?? projectRoot,
    encoding: 'utf8',
    env: Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined))
  })
  return result.stdout.replace(/\r\n/g, '\n')
}

const hasScript = spawnSync('script', ['-qec', 'true', '/dev/null']).status === 0
const ansi = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`)

describe('arguments', () => {
  test('options before a command, as git takes them: sop-lint --root DIR budget -f json', () => {
    const result = runCli(['--root', 'fixtures/demo', 'budget', '-f', 'json'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({plan: 'plans/2026-03-04_next_session.plan.md'})
    // And a value-taking option of another command before its words.
    const close = runCli(['--root', validWorkspace(), 'ledger', 'close', '--actual', '1', '--dry-run'])
    expect(close.stderr).toBe('')
    expect(close.stdout).toContain('nothing written (dry run)')
  })

  test('-f and -o: the short forms of --format and --output-file', () => {
    const out = path.join(tempFolder(), 'report.json')
    const result = runCli(['--root', 'fixtures/demo', '-f', 'json', '-o', out])
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(JSON.parse(readFileSync(out, 'utf8'))).toBeInstanceOf(Array)
    expect(runCli(['--root', 'fixtures/demo', '-fjson']).stdout).toMatch(/^\[\{"filePath"/)
  })

  test('did you mean: a mistyped option, command, sub-command, rule id, severity or config key names the nearest, exit 2', () => {
    expectUsageError(
      runCli(['--root', 'fixtures/demo', '--fromat', 'json']),
      /^sop-lint: unknown option --fromat; did you mean --format\?\n$/
    )
    expectUsageError(
      runCli(['--root', 'fixtures/demo', '--all-plan']),
      /unknown option --all-plan; did you mean --all-plans\?/
    )
    expectUsageError(runCli(['budget', '--fromat', 'json']), /unknown option --fromat; did you mean --format\?/)
    expectUsageError(
      runCli(['buget']),
      /^sop-lint: buget: not a command, and no such file; did you mean sop-lint budget\?\n$/
    )
    expectUsageError(
      runCli(['hook', 'pre-pus']),
      /`sop-lint hook pre-pus` is not a command; did you mean sop-lint hook pre-push\?/
    )
    expectUsageError(
      runCli(['--root', 'fixtures/demo', '--rule', 'bugdet:off']),
      /^sop-lint: --rule bugdet:off: no rule bugdet; did you mean budget\?\n$/
    )
    expectUsageError(
      runCli(['--root', 'fixtures/demo', '--rule', 'budget:warning']),
      /--rule budget:warning: expected error, warn or off after the colon; did you mean warn\?/
    )
    const root = validWorkspace({'.remarkrc.json': JSON.stringify({plugins: [['sop-lint', {rules: {bugdet: 'off'}}]]})})
    expectUsageError(
      runCli(['--root', root]),
      /invalid configuration in \.remarkrc\.json: unknown key in rules: bugdet; did you mean budget\?/
    )
  })

  test("--rule id:severity over the config, repeatable; ESLint's numbers too", () => {
    const before = checked(demo, runCli(['--root', 'fixtures/demo', '--all-plans', '-f', 'json'])).rules
    expect(before).toContain('no-todo:1')
    expect(before).toContain('plan-filename:1')
    expect(before).toContain('budget:2')
    const after = checked(
      demo,
      runCli([
        '--root',
        'fixtures/demo',
        '--all-plans',
        '-f',
        'json',
        '--rule',
        'no-todo:2',
        '--rule',
        'plan-filename:off',
        '--rule',
        'budget:warn'
      ])
    ).rules
    expect(after).toContain('no-todo:2')
    expect(after).not.toContain('no-todo:1')
    expect(after.filter((rule) => rule.startsWith('plan-filename'))).toEqual([])
    expect(after).toContain('budget:1')
  })

  test("-c/--config FILE: a remark config from elsewhere instead of the root's; a missing one is one line", () => {
    const config = path.join(tempFolder(), 'team.remarkrc.json')
    writeFileSync(
      config,
      JSON.stringify({plugins: [['sop-lint', {rules: {'no-todo': 'off', 'plan-filename': 'off'}}]]})
    )
    const {rules} = checked(demo, runCli(['--root', 'fixtures/demo', '--all-plans', '-f', 'json', '-c', config]))
    expect(rules.some((rule) => rule.startsWith('no-todo') || rule.startsWith('plan-filename'))).toBe(false)
    expect(rules).toContain('budget:2')
    expectUsageError(
      runCli(['--root', 'fixtures/demo', '--config', 'no/such.json']),
      /^sop-lint: --config no\/such\.json: no such file\n$/
    )
    expectUsageError(
      runCli(['--root', 'fixtures/demo', '--commit', 'HEAD', '-c', config]),
      /--commit checks a commit with the config in it/
    )
  })

  test('--print-config [FILE]: the resolved options, and what the file is to the check', () => {
    const root = validWorkspace({'.gitignore': 'scratch/\n', 'scratch/notes.md': '# Notes\n'})
    const whole = runCli(['--root', root, '--print-config', '--rule', 'no-todo:off'])
    expect(whole.code).toBe(0)
    const printed = JSON.parse(whole.stdout) as {
      configFile: string | null
      options: {rules: Record<string, string>; paths: {plans: string}}
    }
    expect(printed.configFile).toBeNull()
    expect(printed.options.rules['no-todo']).toBe('off')
    expect(printed.options.paths.plans).toBe('plans')
    expect(JSON.parse(runCli(['--root', root, '--print-config', path.join(root, plan)]).stdout)).toMatchObject({
      file: plan,
      role: 'plan',
      ignoredBy: null
    })
    expect(
      JSON.parse(runCli(['--root', root, '--print-config', path.join(root, 'scratch/notes.md')]).stdout)
    ).toMatchObject({role: null, ignoredBy: '.gitignore'})
  })

  test('colour: off when piped, on with FORCE_COLOR or --color, off with --no-color or FORCE_COLOR=0; on a terminal unless NO_COLOR', () => {
    const args = ['--root', 'fixtures/demo']
    expect(runCli(args, {env: {NO_COLOR: '', FORCE_COLOR: '0'}}).stdout).not.toMatch(ansi)
    expect(runCli(args, {env: {NO_COLOR: '', FORCE_COLOR: '1'}}).stdout).toMatch(ansi)
    // FORCE_COLOR wins over NO_COLOR, as in Node; the option wins over both.
    expect(runCli(args, {env: {NO_COLOR: '1', FORCE_COLOR: '1'}}).stdout).toMatch(ansi)
    expect(runCli([...args, '--color'], {env: {NO_COLOR: '1', FORCE_COLOR: '0'}}).stdout).toMatch(ansi)
    expect(runCli([...args, '--no-color'], {env: {NO_COLOR: '', FORCE_COLOR: '1'}}).stdout).not.toMatch(ansi)
    if (!hasScript) return
    expect(inTerminal(args, {columns: 100})).toMatch(ansi)
    expect(inTerminal(args, {columns: 100, env: {NO_COLOR: '1'}})).not.toMatch(ansi)
    expect(inTerminal(args, {columns: 100, env: {FORCE_COLOR: '0'}})).not.toMatch(ansi)
  })
})

describe('path mistakes: one line, exit 2, nothing created', () => {
  test('--output-file naming a folder, or a file in a folder that does not exist', () => {
    const folder = tempFolder()
    expectUsageError(
      runCli(['--root', 'fixtures/demo', '-o', folder]),
      /^sop-lint: --output-file [^\n]+: is a folder; name the file to write in it\n$/
    )
    const missing = path.join(folder, 'no', 'such', 'report.json')
    expectUsageError(
      runCli(['--root', 'fixtures/demo', '--output-file', missing]),
      /the folder [^\n]+\/no\/such does not exist; create it first/
    )
    expect(existsSync(path.join(folder, 'no'))).toBe(false)
  })

  test('report --out in a folder that does not exist: said, and the folder is not made', () => {
    const folder = tempFolder()
    const root = validWorkspace()
    expectUsageError(
      runCli(['report', '--root', root, '--out', path.join(folder, 'nonexistent/dir/r.html')]),
      /^sop-lint: --out [^\n]+\/nonexistent\/dir\/r\.html: the folder [^\n]+\/nonexistent\/dir does not exist/
    )
    expect(existsSync(path.join(folder, 'nonexistent'))).toBe(false)
    expectUsageError(runCli(['report', '--root', root, '-o', folder]), /--out [^\n]+: is a folder/)
  })

  test('status and ledger close --from-codex DIR that does not exist: the folder is named as missing', () => {
    const root = validWorkspace()
    const missing = path.join(tempFolder(), 'nonexistent')
    expectUsageError(
      runCli(['status', '--root', root, '--from-codex', missing]),
      /^sop-lint: --from-codex [^\n]+\/nonexistent: no such folder; name the folder of Codex's logs\n$/
    )
    expectUsageError(
      runCli(['ledger', 'close', '--root', root, '--from-claude', missing]),
      /--from-claude [^\n]+: no such folder/
    )
    // The default folder, missing too.
    expectUsageError(
      runCli(['status', '--root', root, '--from-codex'], {env: {CODEX_HOME: missing}}),
      /sessions does not exist, so there are no Codex logs to read; pass --from-codex DIR/
    )
  })

  test('--actual -5 is one line about the number, not about options', () => {
    expectUsageError(
      runCli(['ledger', 'close', '--root', validWorkspace(), '--actual', '-5']),
      /^sop-lint: --actual -5: expected a whole number of tokens/
    )
    expectUsageError(
      runCli(['ledger', 'close', '--root', validWorkspace(), '--actual']),
      /^sop-lint: --actual needs a value \(N\); see sop-lint ledger close --help\n$/
    )
  })

  test('a plugin named almost like the preset is reported, not ignored with every option', () => {
    const root = validWorkspace({
      '.remarkrc.json': JSON.stringify({plugins: ['remark-gfm', ['sop-lnit', {rules: {'no-todo': 'off'}}]]})
    })
    expectUsageError(
      runCli(['--root', root]),
      /^sop-lint: invalid configuration in \.remarkrc\.json: plugin “sop-lnit” is not sop-lint; did you mean “sop-lint”\?\n$/
    )
  })
})

describe('folders, globs and ignores', () => {
  /** The valid workspace with notes of its own, some of them ignored one way or another. */
  function workspaceWithNotes(config: Record<string, unknown> = {}): string {
    return validWorkspace({
      '.remarkrc.json': JSON.stringify({plugins: [['sop-lint', {ignores: ['notes/archive/**'], ...config}]]}),
      '.sop-lintignore': '# drafts are not checked\nnotes/drafts/\n',
      '.remarkignore': 'notes/scratch.md\n',
      '.gitignore': 'build/\n',
      'notes/kept.md': '# Kept\n',
      'notes/archive/old.md': '# Old\n',
      'notes/drafts/idea.md': '# Idea\n',
      'notes/scratch.md': '# Scratch\n',
      'notes/deeper/.gitignore': 'local.md\n',
      'notes/deeper/local.md': '# Local\n',
      'notes/deeper/shared.md': '# Shared\n',
      'build/out.md': '# Built\n',
      'node_modules/pkg/readme.md': '# A package\n'
    })
  }

  test("a folder: its Markdown, CSV and .feature files, less what .gitignore (nested ones too), .sop-lintignore, .remarkignore, the config's ignores and node_modules leave out", () => {
    const root = workspaceWithNotes()
    const result = runCli(['--root', root, '-f', 'json', '.'], {cwd: root})
    expect(result.stderr).toBe('')
    const {files} = checked(root, result)
    expect(files).toContain('notes/kept.md')
    expect(files).toContain('notes/deeper/shared.md')
    expect(files).toContain('docs/Ledgers/Token_Churn_Ledger.csv')
    expect(files).toContain('features/retry_queue.feature')
    expect(files).toContain(plan)
    for (const ignored of [
      'notes/archive/old.md',
      'notes/drafts/idea.md',
      'notes/scratch.md',
      'notes/deeper/local.md',
      'build/out.md',
      'node_modules/pkg/readme.md'
    ]) {
      expect(files).not.toContain(ignored)
    }
    expect(checked(root, runCli(['--root', root, '-f', 'json', 'notes'], {cwd: root})).files).toEqual([
      'notes/deeper/shared.md',
      'notes/kept.md'
    ])
  })

  test('globs, as the shell would leave them quoted: docs/*.md, notes/**/*.md; one that matches nothing is exit 2', () => {
    const root = workspaceWithNotes()
    expect(checked(root, runCli(['--root', root, '-f', 'json', 'docs/*.md'], {cwd: root})).files).toEqual([
      'docs/SESSION_HANDOFF.md'
    ])
    expect(
      checked(root, runCli(['--root', root, '-f', 'json', 'notes/**/*.md', 'plans/*.md'], {cwd: root})).files
    ).toEqual([
      'notes/deeper/shared.md',
      'notes/kept.md',
      'plans/2026-02-09_next_session.plan.md',
      'plans/2026-02-11_next_session.plan.md',
      plan
    ])
    expectUsageError(
      runCli(['--root', root, 'docs/*.txt'], {cwd: root}),
      /^sop-lint: docs\/\*\.txt: no file matches\n$/
    )
    expectUsageError(
      runCli(['--root', root, 'notes/drafts/*.md'], {cwd: root}),
      /every file it matches is ignored; pass --no-ignore to check them/
    )
  })

  test('gitignore: false and --no-ignore bring ignored files back; a file named one by one that is ignored is skipped with a line', () => {
    const root = workspaceWithNotes({gitignore: false})
    const files = checked(root, runCli(['--root', root, '-f', 'json', 'build', 'notes'], {cwd: root})).files
    expect(files).toContain('build/out.md')
    expect(files).toContain('notes/deeper/local.md')
    expect(files).not.toContain('notes/drafts/idea.md')
    expect(checked(root, runCli(['--root', root, '-f', 'json', '--no-ignore', 'notes'], {cwd: root})).files).toContain(
      'notes/drafts/idea.md'
    )
    const named = runCli(['--root', root, '-f', 'json', 'notes/drafts/idea.md', 'notes/kept.md'], {cwd: root})
    expect(named.stderr).toBe(
      'sop-lint: notes/drafts/idea.md: ignored (.sop-lintignore); pass --no-ignore to check it\n'
    )
    expect(checked(root, named).files).toEqual(['notes/kept.md'])
  })

  test('the default check leaves out an ignored document of a reference folder, never a file the config names', () => {
    const root = validWorkspace({'.sop-lintignore': 'docs/SOP/release_checklist.md\nprogress.md\n'})
    const {files} = checked(root, runCli(['--root', root, '-f', 'json']))
    expect(files).toContain('docs/SOP/next_session_planning.md')
    expect(files).not.toContain('docs/SOP/release_checklist.md')
    expect(files).toContain('progress.md')
  })
})

describe('output', () => {
  test('stylish wrapped to COLUMNS: no line wider, no rule name broken, the fix on its own line after →', () => {
    const result = runCli(['--root', 'fixtures/demo', '--all-plans'], {env: {COLUMNS: '72'}})
    expect(result.code).toBe(1)
    const lines = result.stdout.split('\n')
    const json = JSON.parse(runCli(['--root', 'fixtures/demo', '--all-plans', '-f', 'json']).stdout) as JsonResult[]
    const rules = json.flatMap((entry) => entry.messages.map((message) => message.ruleId!))
    // A line is wider only when one word (a long path) cannot be broken.
    for (const line of lines)
      if (stringWidth(line) > 72)
        expect(
          line
            .trim()
            .split(' ')
            .some((word) => stringWidth(word) > 40),
          line
        ).toBe(true)
    const ruleLines = lines.filter((line) => / {2}[a-z]+(-[a-z]+)*$/.test(line))
    expect(ruleLines.map((line) => line.split('  ').at(-1)).sort()).toEqual([...rules].sort())
    expect(lines.filter((line) => /^ +→ /.test(line)).length).toBe(rules.length)
    expect(result.stdout).toContain(
      [
        '  6:1    error    Budget target 150K tokens is outside 190,400–217,600',
        '                  (70%–80% of 272K)  budget',
        '                  → plan within the band'
      ].join('\n')
    )
    expect(result.stdout.endsWith('\n✖ 10 problems (7 errors, 3 warnings)\n')).toBe(true)
  })

  test.skipIf(!hasScript)(
    'stylish in a terminal of 100 columns (a pseudo-terminal, its width from the terminal): the demo reads with no rule name wrapped',
    () => {
      const shown = inTerminal(['--root', 'fixtures/demo', '--all-plans', '--no-color'], {columns: 100})
      const lines = shown.split('\n')
      expect(lines.length).toBeGreaterThan(30)
      for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(100)
      for (const rule of [
        'plan-filename',
        'budget',
        'required-reading',
        'task-fields',
        'no-todo',
        'validation-matrix',
        'handoff-requirements',
        'plan-pointer',
        'spec-table',
        'ledger-planning-row'
      ]) {
        expect(shown).toMatch(new RegExp(` {2}${rule}\\n`))
      }
      // Wider than any message: one line each.
      const wide = inTerminal(['--root', 'fixtures/demo', '--all-plans', '--no-color'], {columns: 250})
      expect(wide).toContain(
        '  6:1    error    Budget target 150K tokens is outside 190,400–217,600 (70%–80% of 272K)  budget\n'
      )
    }
  )

  test('compact and unix: file:line:col: severity message [rule], one line per message; compact ends with the count', () => {
    const unix = runCli(['--root', 'fixtures/demo', '--all-plans', '-f', 'unix'])
    expect(unix.code).toBe(1)
    const lines = unix.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(10)
    for (const line of lines)
      expect(line).toMatch(/^fixtures\/demo\/[^:]+:\d+:\d+: (error|warning) .+ \[[a-z]+(-[a-z]+)*\]$/)
    expect(lines).toContain(
      'fixtures/demo/plans/2026-03-04_next_session.plan.md:6:1: error Budget target 150K tokens is outside 190,400–217,600 (70%–80% of 272K): plan within the band [budget]'
    )
    const compact = runCli(['--root', 'fixtures/demo', '--all-plans', '-f', 'compact', '--quiet'])
    expect(compact.stdout).toMatch(/^(fixtures\/demo\/[^\n]+: error [^\n]+\n){7}\n7 problems\n$/)
  })

  test('a named folder with nothing to report prints nothing, as a clean check does', () => {
    const root = validWorkspace()
    mkdirSync(path.join(root, 'extra'))
    writeFileSync(path.join(root, 'extra/fine.md'), '# Fine\n')
    const result = runCli(['--root', root, path.join(root, 'extra')])
    expect(result).toEqual({code: 0, stdout: '', stderr: ''})
  })
})
