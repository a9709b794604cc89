/**
 * The CLI as users run it: the built binary, spawned, on the fixture
 * repositories. `npm test` builds first (the `pretest` script); run
 * `npx tsc -p .` before `npx vitest run test/cli.test.ts` on its own.
 */
import {spawnSync} from 'node:child_process'
import {accessSync, chmodSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {projectRoot, runCli, type CliResult} from './helpers/cli.js'
import {makeWorkspace} from './helpers/workspace.js'

beforeAll(() => {
  // Nothing to do: the `pretest` npm script builds dist/ before vitest starts.
})

const fixture = (name: string) => path.join(projectRoot, 'fixtures', name)

interface JsonMessage {
  ruleId: string | null
  severity: 1 | 2
  message: string
  line: number
  column: number
  endLine?: number
  endColumn?: number
  fix?: {range: [number, number]; text: string}
}

interface JsonResult {
  filePath: string
  messages: JsonMessage[]
  errorCount: number
  warningCount: number
  fixableErrorCount: number
  fixableWarningCount: number
}

/** Runs with `--format json` and parses stdout. */
function runJson(args: string[]): CliResult & {results: JsonResult[]} {
  const result = runCli([...args, '--format', 'json'])
  expect(result.stderr).toBe('')
  return {...result, results: JSON.parse(result.stdout) as JsonResult[]}
}

/** Every message as `file line:col[-endLine:endCol] severity ruleId`, file relative to the fixture, sorted. */
function describeAll(results: JsonResult[], root: string): string[] {
  return results
    .flatMap((result) =>
      result.messages.map((message) => {
        const end = message.endLine === undefined ? '' : `-${message.endLine}:${message.endColumn}`
        const severity = message.severity === 2 ? 'error' : 'warning'
        return `${path.relative(root, result.filePath)} ${message.line}:${message.column}${end} ${severity} ${message.ruleId}`
      })
    )
    .sort()
}

const allMessages = (results: JsonResult[]) =>
  results.flatMap((result) => result.messages.map((message) => message.message))

/** A usage or configuration error: exit 2, nothing on stdout, one line on stderr, no stack trace. */
function expectUsageError(result: CliResult, pattern: RegExp): void {
  expect(result.code).toBe(2)
  expect(result.stdout).toBe('')
  expect(result.stderr).toMatch(/^sop-lint: [^\n]+\n$/)
  expect(result.stderr).not.toMatch(/^\s*at /m)
  expect(result.stderr).not.toContain('internal error')
  expect(result.stderr).toMatch(pattern)
}

describe('fixtures/valid', () => {
  test('the newest plan: exit 0 and no output', () => {
    const result = runCli(['--root', 'fixtures/valid'])
    expect(result).toEqual({code: 0, stdout: '', stderr: ''})
  })

  test('every plan (--all-plans): exit 0 and no output', () => {
    const result = runCli(['--root', 'fixtures/valid', '--all-plans'])
    expect(result).toEqual({code: 0, stdout: '', stderr: ''})
  })

  test('json: every file checked, with no message', () => {
    const {code, results} = runJson(['--root', 'fixtures/valid', '--all-plans'])
    expect(code).toBe(0)
    expect(results.length).toBeGreaterThanOrEqual(3)
    expect(describeAll(results, fixture('valid'))).toEqual([])
    for (const result of results) {
      expect(result).toMatchObject({errorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0})
    }
  })

  test('without files only the newest plan is checked; --all-plans checks them all', () => {
    const plansOf = (results: JsonResult[]) =>
      results
        .map((result) => path.relative(fixture('valid'), result.filePath))
        .filter((file) => file.startsWith('plans/'))
    expect(plansOf(runJson(['--root', 'fixtures/valid']).results)).toEqual(['plans/2026-02-13_next_session.plan.md'])
    expect(plansOf(runJson(['--root', 'fixtures/valid', '--all-plans']).results)).toEqual([
      'plans/2026-02-09_next_session.plan.md',
      'plans/2026-02-11_next_session.plan.md',
      'plans/2026-02-13_next_session.plan.md'
    ])
  })

  test('a file named on the command line is the only one checked', () => {
    const {code, results} = runJson([
      '--root',
      'fixtures/valid',
      'fixtures/valid/plans/2026-02-09_next_session.plan.md'
    ])
    expect(code).toBe(0)
    expect(results.map((result) => result.filePath)).toEqual([
      path.join(fixture('valid'), 'plans/2026-02-09_next_session.plan.md')
    ])
  })
})

const plan = 'plans/2026-04-07_next_session.plan.md'

/** Per failure family: every message (file, position, severity, rule) and what each says. */
const families: Record<string, {code: number; messages: string[]; says: RegExp[]}> = {
  'missing-sections': {
    code: 1,
    messages: [`${plan} 14:1 error plan-sections`, `${plan} 32:50 error plan-sections`],
    says: [
      /^Missing section “Required reading”: add it before “Tasks”$/,
      /^Missing section “Handoff requirements”: add it after “Validation matrix”$/
    ]
  },
  'bad-budget': {
    code: 1,
    // The target stays in the band here: a target outside it also fails the ledger's planning row (see fixtures/demo).
    messages: [`${plan} 19:1-19:9 error budget`, `${plan} 3:1-3:16 error budget`, `${plan} 6:1-6:13 error budget`],
    says: [
      /^Budget buckets plus buffer add up to 175K, not the target 204K/,
      /^Budget buffer 5K is outside 10–20K/,
      /^Task budgets add up to 210K, more than the 199K left after the buffer/
    ]
  },
  'reading-paths': {
    code: 1,
    messages: [
      `${plan} 16:26 error required-reading`,
      `${plan} 17:4-17:27 error required-reading`,
      `${plan} 18:4-18:29 warning required-reading`
    ],
    says: [
      /`docs\/SOP\/planning\.md` gives no reason/,
      /`docs\/SOP\/vat_rules\.md` does not exist/,
      /`~\/notes\/credit-notes\.md` is a home-folder path/
    ]
  },
  'task-fields': {
    code: 1,
    // One message per task, naming every field it lacks.
    messages: [`${plan} 23:68 error task-fields`, `${plan} 27:50 error task-fields`],
    says: [
      /^Task 1 “Credit notes \(100K\)” has no start criteria or end criteria: add `- Start: …` and `- End: …`$/,
      /^Task 2 “VAT breakdown” has no token budget or spec \(a `\.feature` file, written before the code\): add `- Budget: …` and `- Spec: …`$/
    ]
  },
  'validation-matrix': {
    code: 1,
    messages: [`${plan} 32:1-32:21 error validation-matrix`, `${plan} 37:7-37:45 error validation-matrix`],
    says: [
      /^Validation matrix has no command for task 2 “VAT breakdown \(90K\)”/,
      /^Validation matrix names `tests\/test_credit_note_pdf\.py`, which does not exist/
    ]
  },
  handoff: {
    code: 1,
    messages: [`${plan} 42:3-42:22 error handoff-requirements`, `${plan} 42:56 error handoff-requirements`],
    says: [/`docs\/CHANGELOG\.md` does not exist/, /do not name `docs\/SESSION_HANDOFF\.md`/]
  },
  // Placeholders are warnings: they do not fail a check unless --max-warnings says so (tested below).
  placeholders: {
    code: 0,
    messages: [
      `${plan} 28:38-28:43 warning no-todo`,
      `${plan} 29:11-29:14 warning no-todo`,
      `${plan} 37:36-37:40 warning no-todo`
    ],
    says: [/^Placeholder `FIXME` left/, /^Placeholder `TBD` left/, /^Placeholder `TODO` left/]
  },
  'plan-name': {
    code: 1,
    messages: [
      'plans/004_release_prep.plan.md 1:1 warning plan-filename',
      'plans/2026-02-30_next_session.plan.md 1:1 error plan-filename',
      `${plan} 1:1-4:4 error plan-filename`
    ],
    says: [
      // An older legacy plan: one warning for all of them (here, one).
      /^An older plan has a legacy name \(`004_release_prep\.plan\.md`\): it may keep it; name new plans `\{date\}_next_session\.plan\.md`$/,
      /^Plan name `2026-02-30_next_session\.plan\.md` has 2026-02-30, which is not a calendar date/,
      /^Frontmatter date 2026-04-06 disagrees with the file name’s 2026-04-07/
    ]
  },
  'no-plan': {
    code: 1,
    messages: ['plans/<today>_next_session.plan.md 1:1 error plan-filename'],
    says: [/^No plan in `plans\/`: write `plans\/\d{4}-\d{2}-\d{2}_next_session\.plan\.md`/]
  }
}

describe('failure families: each fixture triggers its family and nothing else', () => {
  for (const [family, expected] of Object.entries(families)) {
    test(family, () => {
      const root = fixture(`failures/${family}`)
      const {code, results} = runJson(['--root', `fixtures/failures/${family}`, '--all-plans'])
      expect(code).toBe(expected.code)
      // The no-plan message stands on the plan to write, named with today's date.
      const described = describeAll(results, root).map((line) =>
        family === 'no-plan' ? line.replace(/^plans\/\d{4}-\d{2}-\d{2}_/, 'plans/<today>_') : line
      )
      expect(described).toEqual(expected.messages)
      const said = allMessages(results)
      expect(said).toHaveLength(expected.says.length)
      for (const pattern of expected.says)
        expect(
          said.some((message) => pattern.test(message)),
          String(pattern)
        ).toBe(true)
    })
  }

  test('stylish output names the file, then per message the place, the finding and the rule, and the fix on a line of its own', () => {
    const result = runCli(['--root', 'fixtures/failures/missing-sections'])
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('')
    const lines = result.stdout.split('\n')
    expect(lines[0]).toBe(`fixtures/failures/missing-sections/${plan}`)
    expect(lines.slice(1)).toEqual([
      '  14:1   error    Missing section “Required reading”  plan-sections',
      '                  → add it before “Tasks”',
      '  32:50  error    Missing section “Handoff requirements”  plan-sections',
      '                  → add it after “Validation matrix”',
      '',
      '✖ 2 problems (2 errors, 0 warnings)',
      ''
    ])
  })

  test('json output has ESLint’s shape', () => {
    const {code, stdout, results} = runJson(['--root', 'fixtures/failures/reading-paths'])
    expect(code).toBe(1)
    expect(stdout.endsWith('\n')).toBe(true)
    expect(Array.isArray(results)).toBe(true)
    for (const result of results) {
      expect(Object.keys(result).sort()).toEqual(
        ['errorCount', 'filePath', 'fixableErrorCount', 'fixableWarningCount', 'messages', 'warningCount'].sort()
      )
      expect(path.isAbsolute(result.filePath)).toBe(true)
      for (const message of result.messages) {
        expect(message.ruleId).toMatch(/^[a-z]+(-[a-z]+)*$/)
        expect([1, 2]).toContain(message.severity)
        expect(typeof message.message).toBe('string')
        expect(Number.isInteger(message.line) && message.line >= 1).toBe(true)
        expect(Number.isInteger(message.column) && message.column >= 1).toBe(true)
        if (message.endLine !== undefined) {
          expect(message.endLine).toBeGreaterThanOrEqual(message.line)
          expect(Number.isInteger(message.endColumn)).toBe(true)
        }
        // ESLint's fix: a range of the file's text and its replacement; --fix applies insertions only.
        if (message.fix !== undefined) {
          expect(Object.keys(message.fix).sort()).toEqual(['range', 'text'])
          expect(message.fix.range[0]).toBe(message.fix.range[1])
        }
      }
      const count = (severity: 1 | 2, fixable: boolean) =>
        result.messages.filter((message) => message.severity === severity && (!fixable || message.fix !== undefined))
          .length
      expect(result.errorCount).toBe(count(2, false))
      expect(result.warningCount).toBe(count(1, false))
      expect(result.fixableErrorCount).toBe(count(2, true))
      expect(result.fixableWarningCount).toBe(count(1, true))
    }
    const planResult = results.find((result) => result.filePath === path.join(fixture('failures/reading-paths'), plan))!
    expect(planResult).toMatchObject({errorCount: 2, warningCount: 1, fixableErrorCount: 1, fixableWarningCount: 0})
    expect(planResult.messages).toContainEqual({
      ruleId: 'required-reading',
      severity: 2,
      message:
        'Required reading `docs/SOP/vat_rules.md` does not exist: fix the path or remove the item (required reading must exist now)',
      messageId: 'missing',
      line: 17,
      column: 4,
      endLine: 17,
      endColumn: 27
    })
  })
})

describe('options', () => {
  test('--quiet hides warnings', () => {
    expect(runCli(['--root', 'fixtures/failures/placeholders', '--quiet'])).toEqual({code: 0, stdout: '', stderr: ''})
    const {code, results} = runJson(['--root', 'fixtures/failures/reading-paths', '--quiet'])
    expect(code).toBe(1)
    expect(describeAll(results, fixture('failures/reading-paths'))).toEqual([
      `${plan} 16:26 error required-reading`,
      `${plan} 17:4-17:27 error required-reading`
    ])
    expect(results.reduce((sum, result) => sum + result.warningCount, 0)).toBe(0)
  })

  test('--max-warnings 0 fails a run that has only warnings', () => {
    const result = runCli(['--root', 'fixtures/failures/placeholders', '--max-warnings', '0'])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('Placeholder `TODO` left in the plan')
    expect(result.stderr).toBe('sop-lint: 3 warnings, more than --max-warnings 0\n')
  })

  test('--max-warnings at the warning count passes', () => {
    const result = runCli(['--root', 'fixtures/failures/placeholders', '--max-warnings', '3'])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
  })

  test('--max-warnings needs a whole number', () => {
    expectUsageError(
      runCli(['--root', 'fixtures/valid', '--max-warnings', 'many']),
      /--max-warnings many: expected a whole number/
    )
  })

  test('--output-file writes the report there and nothing to stdout', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'sop-lint-out-'))
    try {
      const report = path.join(folder, 'report.json')
      const result = runCli(['--root', 'fixtures/failures/handoff', '--format', 'json', '--output-file', report])
      expect(result).toEqual({code: 1, stdout: '', stderr: ''})
      expect(readFileSync(report, 'utf8')).toBe(
        runCli(['--root', 'fixtures/failures/handoff', '--format', 'json']).stdout
      )
      const stylish = path.join(folder, 'report.txt')
      expect(runCli(['--root', 'fixtures/failures/handoff', '--output-file', stylish]).code).toBe(1)
      expect(readFileSync(stylish, 'utf8')).toBe(runCli(['--root', 'fixtures/failures/handoff']).stdout)
    } finally {
      rmSync(folder, {recursive: true, force: true})
    }
  })

  test('--help prints the usage, exit 0', () => {
    const result = runCli(['--help'])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    expect(result.stdout).toMatch(/^Usage: sop-lint .*\[files, folders or globs\.\.\.\]/)
    for (const option of [
      '--root',
      '--all-plans',
      '--format',
      '--output-file',
      '--quiet',
      '--max-warnings',
      '--version'
    ]) {
      expect(result.stdout).toContain(option)
    }
  })

  test('--version prints the package version, exit 0', () => {
    const {version} = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {version: string}
    expect(runCli(['--version'])).toEqual({code: 0, stdout: `${version}\n`, stderr: ''})
  })
})

describe('usage and configuration errors: exit 2, one line, no stack trace', () => {
  test('an unknown option', () => {
    const result = runCli(['--root', 'fixtures/valid', '--frobnicate'])
    expectUsageError(result, /--frobnicate/)
    expect(result.stderr).not.toContain('at ')
  })

  test('an unknown --format', () => {
    expectUsageError(
      runCli(['--root', 'fixtures/valid', '--format', 'xml']),
      /--format xml: expected one of stylish, compact, unix, json, sarif, github\n/
    )
  })

  test('--root naming a folder that does not exist', () => {
    expectUsageError(runCli(['--root', 'fixtures/no-such-folder']), /--root fixtures\/no-such-folder: no such folder/)
  })

  test('a bad option in .remarkrc.json names the key and what was expected', () => {
    expectUsageError(
      runCli(['--root', 'fixtures/failures/bad-config']),
      /\.remarkrc\.json: budget\.contextWindow: expected number, received string/
    )
  })

  test('a named file that does not exist', () => {
    expectUsageError(
      runCli(['--root', 'fixtures/valid', 'fixtures/valid/plans/2099-01-01_next_session.plan.md']),
      /no such file/
    )
  })

  test('a named file outside the root', () => {
    expectUsageError(
      runCli(['--root', 'fixtures/valid', 'fixtures/demo/progress.md']),
      /fixtures\/demo\/progress\.md: outside the repository/
    )
  })

  test('a named folder with nothing to check in it', () => {
    const root = makeWorkspace({'progress.md': '# Progress\n'})
    mkdirSync(path.join(root, 'plans/2026-01-05_next_session.plan.md'), {recursive: true})
    expectUsageError(
      runCli(['--root', root, path.join(root, 'plans/2026-01-05_next_session.plan.md')]),
      /: no Markdown, CSV or \.feature file in this folder\n/
    )
  })

  test('a named file that cannot be read', () => {
    const root = makeWorkspace({[plan]: '# Plan\n'})
    const file = path.join(root, plan)
    chmodSync(file, 0o000)
    let readable = true
    try {
      accessSync(file, constants.R_OK)
    } catch {
      readable = false
    }
    const result = runCli(['--root', root, file])
    chmodSync(file, 0o644)
    // Root reads a file whatever its mode; the check then has nothing to prove.
    if (!readable) expectUsageError(result, /cannot read/)
  })
})

describe('configuration files', () => {
  test('.remarkrc.ts is read: its plan pattern and its no-todo severity apply', () => {
    const {code, results} = runJson(['--root', 'fixtures/config-ts', '--all-plans'])
    expect(code).toBe(1)
    // Without the config the name would get a plan-filename warning and the placeholder only a warning.
    expect(describeAll(results, fixture('config-ts'))).toEqual([
      'plans/2026-04-07_session.plan.md 29:50-29:54 error no-todo'
    ])
  })

  test('.remarkrc.mjs is read: a 150K target fits a 200K window', () => {
    const {code, results} = runJson(['--root', 'fixtures/config-mjs', '--all-plans'])
    expect(code).toBe(0)
    expect(describeAll(results, fixture('config-mjs'))).toEqual([])
  })

  test('package.json#remarkConfig is read: plans live in docs/plans', () => {
    const {code, results} = runJson(['--root', 'fixtures/config-package-json'])
    expect(code).toBe(0)
    expect(describeAll(results, fixture('config-package-json'))).toEqual([])
    expect(results.map((result) => path.relative(fixture('config-package-json'), result.filePath))).toContain(
      'docs/plans/2026-04-07_next_session.plan.md'
    )
  })
})

describe('fixtures/demo', () => {
  test('the CLI finds the problems of the demo’s plans', () => {
    const {code, results} = runJson(['--root', 'fixtures/demo', '--all-plans'])
    expect(code).toBe(1)
    const newest = 'plans/2026-03-04_next_session.plan.md'
    // The files around the plans have problems of their own (the ledger row, the handoff pointer, the Task ↔ Spec table).
    const plans = results.filter((result) => path.relative(fixture('demo'), result.filePath).startsWith('plans/'))
    expect(describeAll(plans, fixture('demo'))).toEqual([
      'plans/001_kickoff.plan.md 1:1 warning plan-filename',
      `${newest} 15:4-15:35 error required-reading`,
      `${newest} 27:64 error task-fields`,
      `${newest} 32:17-32:21 warning no-todo`,
      `${newest} 38:7-38:43 error validation-matrix`,
      `${newest} 43:62 error handoff-requirements`,
      `${newest} 6:1-6:54 error budget`
    ])
  })

  const demo = (args: string[] = []) => {
    const result = spawnSync(process.execPath, [path.join(projectRoot, 'dist/scripts/demo.js'), ...args], {
      cwd: tmpdir(),
      encoding: 'utf8',
      env: {...process.env, NO_COLOR: '1'}
    })
    return {code: result.status, stdout: result.stdout, stderr: result.stderr}
  }

  test('`npm run demo` exits 0 when sop-lint reports the problems', () => {
    const result = demo()
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('fixtures/demo/plans/2026-03-04_next_session.plan.md')
    expect(result.stdout).toMatch(/✖ \d+ problems \(\d+ errors, \d+ warnings\)/)
  })

  test('`npm run demo` passes on a usage error’s exit code', () => {
    const result = demo(['--frobnicate'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^sop-lint: .*--frobnicate/)
  })
})

const agentos = path.resolve(projectRoot, '../shared/examples/agentos')

describe.skipIf(!existsSync(agentos))('a real workspace: examples/agentos', () => {
  let results: JsonResult[]
  let run: CliResult
  beforeAll(() => {
    run = runCli(['--root', agentos, '--all-plans', '--format', 'json'])
    results = JSON.parse(run.stdout) as JsonResult[]
  })
  afterAll(() => {
    results = []
  })

  const sectionMessages = (name: string) =>
    results
      .filter((result) => path.basename(result.filePath) === name)
      .flatMap((result) => result.messages)
      .filter((message) => message.ruleId === 'plan-sections')
      .map((message) => message.message)

  test('exit 1, a report and no stack trace', () => {
    expect(run.code).toBe(1)
    expect(run.stderr).toBe('')
    expect(run.stdout).not.toMatch(/\n\s+at /)
    const stylish = runCli(['--root', agentos, '--all-plans'])
    expect(stylish.code).toBe(1)
    expect(stylish.stderr).toBe('')
    expect(stylish.stdout).not.toMatch(/\n\s+at /)
  })

  test('plans without a Required reading section are reported', () => {
    for (const name of ['002_long_session.plan.md', '005_long_session.plan.md', '2025-11-05_tracker-cli.plan.md']) {
      expect(sectionMessages(name), name).toContainEqual(expect.stringMatching(/^Missing section “Required reading”/))
    }
  })

  test('plans without Handoff requirements are reported', () => {
    for (const name of [
      '005_long_session.plan.md',
      '2025-11-05_tracker-cli.plan.md',
      '2025-11-06_cross-repo-sync.plan.md'
    ]) {
      expect(sectionMessages(name), name).toContainEqual(
        expect.stringMatching(/^Missing section “Handoff requirements”/)
      )
    }
  })

  test('the quick-wins plan’s buckets do not add up to its target', () => {
    const budget = results
      .filter((result) => path.basename(result.filePath) === '2025-10-21_quick_wins.plan.md')
      .flatMap((result) => result.messages)
      .filter((message) => message.ruleId === 'budget')
    expect(budget.map((message) => message.message)).toContainEqual(
      expect.stringMatching(/^Budget buckets plus buffer add up to/)
    )
  })

  test('sections under variant headings count', () => {
    // "Target Budget", "Required Reading (Pre-flight)", "Validation Checklist", "Handoff Requirements".
    expect(sectionMessages('2025-10-20_next_session.plan.md')).toEqual([])
    expect(sectionMessages('2025-10-21_quick_wins.plan.md')).toEqual([])
    // "Required Reading (before execution)", "Validation Matrix (end of session)".
    const week0 = sectionMessages('007_week0_execution.plan.md')
    expect(week0.some((message) => /^Missing section “(Required reading|Validation matrix)”/.test(message))).toBe(false)
    // "Handoff" alone.
    expect(
      sectionMessages('2025-11-06_agentos_r36.plan.md').some((message) =>
        message.startsWith('Missing section “Handoff requirements”')
      )
    ).toBe(false)
  })
})
