/**
 * The claims of docs/security.md that the bad-input, fault and fuzz tests do
 * not already prove: no network, no shell, no evaluation of document text,
 * no command of a plan run, no executable written, no spreadsheet formula
 * written, and which code does run (the remark config). `npm test` builds
 * first.
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {cliPath, onPlanDay, projectRoot, runCli} from './helpers/cli.js'
import {tempFolder, validWorkspace} from './helpers/workspace.js'

const plan = 'plans/2026-02-13_next_session.plan.md'

/** Every source file of the product (what ships in dist/ comes from these). */
function productSources(): Array<{file: string; text: string}> {
  const files: Array<{file: string; text: string}> = []
  const walk = (folder: string) => {
    for (const entry of readdirSync(path.join(projectRoot, folder), {withFileTypes: true})) {
      const relative = `${folder}/${entry.name}`
      if (entry.isDirectory()) walk(relative)
      else if (entry.name.endsWith('.ts'))
        files.push({file: relative, text: readFileSync(path.join(projectRoot, relative), 'utf8')})
    }
  }
  walk('src')
  walk('rules')
  return files
}

describe('no network', () => {
  test('no product source imports a network module or calls fetch', () => {
    const network =
      /from ['"](node:)?(net|http|https|http2|tls|dgram|dns|undici)['"]|\bfetch\(|\bWebSocket\b|\bXMLHttpRequest\b/
    const offenders = productSources()
      .filter(({text}) => network.test(text))
      .map(({file}) => file)
    expect(offenders).toEqual([])
  })

  test('check, --fix, plan new, budget, report and the hooks open no socket and resolve no name (a preload that fails every attempt records none)', () => {
    const root = validWorkspace()
    execFileSync('git', ['init', '-q', root])
    execFileSync('git', ['-C', root, 'add', '-A'])
    execFileSync(
      'git',
      [
        '-C',
        root,
        '-c',
        'user.name=T',
        '-c',
        'user.email=t@example.com',
        'commit',
        '-q',
        '--no-verify',
        '-m',
        'fixture'
      ],
      {
        env: {...process.env, GIT_COMMITTER_DATE: '2026-02-13T12:00:00Z', GIT_AUTHOR_DATE: '2026-02-13T12:00:00Z'}
      }
    )
    const head = execFileSync('git', ['-C', root, 'rev-parse', 'HEAD'], {encoding: 'utf8'}).trim()
    const log = path.join(tempFolder(), 'network.log')
    const preload = [
      `import net from 'node:net'; import dns from 'node:dns'; import {appendFileSync} from 'node:fs';`,
      `const record = (what) => { appendFileSync(${JSON.stringify(log)}, what + '\\n'); throw new Error('network use: ' + what) };`,
      `net.Socket.prototype.connect = function () { record('connect') };`,
      `dns.lookup = () => record('dns.lookup'); dns.promises.lookup = async () => record('dns.promises.lookup');`,
      `globalThis.fetch = async () => record('fetch');`
    ].join('')
    const run = (args: string[], input = '') =>
      spawnSync(process.execPath, [`--import=data:text/javascript,${encodeURIComponent(preload)}`, cliPath, ...args], {
        cwd: root,
        input,
        encoding: 'utf8',
        env: {...process.env, NO_COLOR: '1'}
      })
    const runs = [
      run(['--root', root, '--all-plans']),
      run(['--fix', '--root', root]),
      run(['plan', 'new', '--date', '2030-01-02', '--root', root]),
      run(['budget', '--root', root]),
      run(['report', '--out', path.join(root, 'report.html'), '--root', root]),
      run(['hook', 'pre-push'], `refs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}\n`),
      run(
        ['hook', 'stop'],
        JSON.stringify({session_id: 's', cwd: root, hook_event_name: 'Stop', stop_hook_active: false})
      ),
      run(
        ['hook', 'session-start'],
        JSON.stringify({session_id: 's', cwd: root, hook_event_name: 'SessionStart', source: 'startup'})
      )
    ]
    for (const result of runs) expect(result.stderr).not.toContain('network use')
    expect(existsSync(log)).toBe(false)
  })
})

describe('no shell, no evaluation of document text', () => {
  test('child processes are started without a shell: execFile/spawn with an argument list, never exec or shell: true', () => {
    const offenders = productSources()
      .filter(({text}) =>
        /(?<![.\w])(execSync|exec)\(|\bchild_process\.exec\b|shell:\s*true|from ['"](node:)?vm['"]|\beval\(|new Function\(/.test(
          text
        )
      )
      .map(({file}) => file)
    expect(offenders).toEqual([])
    const spawners = productSources()
      .filter(({text}) => /from ['"]node:child_process['"]/.test(text))
      .map(({file}) => file)
      .sort()
    // git is the only program sop-lint runs; each of these passes it an argument list.
    for (const file of spawners)
      expect(readFileSync(path.join(projectRoot, file), 'utf8')).toMatch(/(execFileSync|spawn)\('git'/)
  })

  test('a plan full of code-like text, shell commands and hostile names runs none of it', () => {
    const marker = path.join(tempFolder(), 'pwned')
    const hostile = [
      `\${require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')}`,
      `{{constructor.constructor('require("fs").writeFileSync(${JSON.stringify(marker)}, "x")')()}}`,
      `<script>require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')</script>`,
      `$(touch ${marker})`,
      `\`touch ${marker}\``
    ]
    const text = readFileSync(path.join(projectRoot, 'fixtures/valid', plan), 'utf8')
      .replace(
        'date: 2026-02-13\n',
        `date: 2026-02-13\nhook: !!js/function 'function () { require("fs").writeFileSync(${JSON.stringify(marker)}, "x") }'\n__proto__: {polluted: true}\n`
      )
      .replace('## Validation matrix', `${hostile.map((line) => `Note: ${line}`).join('\n\n')}\n\n## Validation matrix`)
      .replace('| 1 | `pytest tests/test_refunds.py` |', `| 1 | \`touch ${marker}\` |`)
    const root = validWorkspace({
      [plan]: text,
      [`docs/SOP/$(touch ${path.basename(marker)}).md`]: '# Odd name\n',
      'scripts/automation/capture_status.sh': `#!/bin/sh\ntouch ${marker}\n`
    })
    chmodSync(path.join(root, 'scripts/automation/capture_status.sh'), 0o755)
    for (const args of [
      ['--root', root],
      ['--fix', '--root', root],
      ['budget', '--root', root]
    ]) {
      const result = runCli(args, {cwd: root})
      expect(result.stdout + result.stderr).not.toMatch(/^\s+at /m)
      expect(result.stderr).not.toContain('internal error')
    }
    expect(existsSync(marker)).toBe(false)
    expect(existsSync(path.join(root, path.basename(marker)))).toBe(false)
  })

  test('the hook line sop-lint init writes for a package in a subfolder quotes its name: run by sh, it changes into that folder and runs nothing else', () => {
    const top = tempFolder()
    execFileSync('git', ['init', '-q', top])
    const subfolder = `pkg $(touch pwned) \`touch pwned2\` it's`
    const packageDir = path.join(top, subfolder)
    mkdirSync(packageDir)
    writeFileSync(path.join(packageDir, 'package.json'), '{"name": "demo", "version": "1.0.0"}\n')
    const init = runCli(['init'], {cwd: packageDir})
    expect(init.code, init.stderr).toBe(0)
    const hookFile = readdirSync(path.join(packageDir, '.husky')).includes('pre-push')
      ? path.join(packageDir, '.husky/pre-push')
      : path.join(top, '.husky/pre-push')
    const hook = readFileSync(hookFile, 'utf8')
    // A stand-in sop-lint on PATH records where it runs and with which arguments.
    const bin = tempFolder()
    const record = path.join(bin, 'record')
    writeFileSync(path.join(bin, 'sop-lint'), `#!/bin/sh\npwd > '${record}'\necho "$@" >> '${record}'\n`)
    chmodSync(path.join(bin, 'sop-lint'), 0o755)
    const result = spawnSync('sh', ['-e', hookFile], {
      cwd: top,
      encoding: 'utf8',
      input: '',
      env: {...process.env, PATH: `${bin}:${process.env.PATH}`}
    })
    expect(result.status, `${hook}\n${result.stderr}`).toBe(0)
    expect(readFileSync(record, 'utf8')).toBe(`${packageDir}\nhook pre-push\n`)
    expect(readdirSync(top).filter((name) => name.startsWith('pwned'))).toEqual([])
    expect(readdirSync(packageDir).filter((name) => name.startsWith('pwned'))).toEqual([])
  })
})

describe('what --fix writes', () => {
  test('no file it writes is executable, and all of them are inside the repository', () => {
    const root = validWorkspace()
    rmSync(path.join(root, 'plans'), {recursive: true})
    rmSync(path.join(root, 'features/partial_refunds.feature'))
    const before = new Set(listFiles(root))
    const fixed = runCli(['--fix', '--root', root], {env: onPlanDay(root)})
    expect(fixed.code).not.toBe(2)
    const written = [...fixed.stderr.matchAll(/^sop-lint: (?:fixed|created) (.+)$/gm)].map((match) => match[1]!)
    expect(written.length).toBeGreaterThan(0)
    for (const file of written) {
      expect(path.resolve(root, file).startsWith(root + path.sep)).toBe(true)
      expect(statSync(path.join(root, file)).mode & 0o111, file).toBe(0)
    }
    const created = listFiles(root).filter((file) => !before.has(file))
    for (const file of created) expect(statSync(path.join(root, file)).mode & 0o111, file).toBe(0)
  })

  test('the ledger rows --fix appends start no cell with a formula character, whatever the plan is named', () => {
    const hostilePlan = `plans/2026-03-02_=HYPERLINK("http---x")+@SUM(1).plan.md`
    const root = validWorkspace({
      [hostilePlan]: readFileSync(path.join(projectRoot, 'fixtures/valid', plan), 'utf8').replace(
        'date: 2026-02-13\n',
        ''
      )
    })
    const ledger = path.join(root, 'docs/Ledgers/Token_Churn_Ledger.csv')
    const before = readFileSync(ledger, 'utf8')
    runCli(['--fix', '--root', root], {env: onPlanDay(root)})
    const appended = readFileSync(ledger, 'utf8')
      .slice(before.length)
      .split(/\r?\n/)
      .filter((line) => line !== '')
    expect(appended).toHaveLength(1)
    for (const cell of splitCsv(appended[0]!)) expect(cell, appended[0]).not.toMatch(/^[=+\-@\t\r]/)
    const report = runCli(['--root', root, '--format', 'json'])
    expect(report.stdout).not.toContain('ledger-formula')
  })
})

test('the remark config is code the user runs: a .remarkrc.mjs is executed (as remark and ESLint run theirs)', () => {
  const marker = path.join(tempFolder(), 'config-ran')
  const root = validWorkspace({
    '.remarkrc.mjs': `import {writeFileSync} from 'node:fs'\nwriteFileSync(${JSON.stringify(marker)}, 'ran')\nexport default {plugins: []}\n`
  })
  expect(runCli(['--root', root]).code).toBe(0)
  expect(readFileSync(marker, 'utf8')).toBe('ran')
})

function listFiles(root: string): string[] {
  const files: string[] = []
  const walk = (folder: string) => {
    for (const entry of readdirSync(path.join(root, folder), {withFileTypes: true})) {
      const relative = folder ? `${folder}/${entry.name}` : entry.name
      if (entry.isDirectory()) {
        if (entry.name !== '.git') walk(relative)
      } else files.push(relative)
    }
  }
  walk('')
  return files
}

/** Cells of one CSV line (quotes honoured). */
function splitCsv(line: string): string[] {
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (let index = 0; index < line.length; index++) {
    const character = line[index]!
    if (quoted) {
      if (character === '"' && line[index + 1] === '"') {
        cell += '"'
        index++
      } else if (character === '"') quoted = false
      else cell += character
    } else if (character === '"') quoted = true
    else if (character === ',') {
      cells.push(cell)
      cell = ''
    } else cell += character
  }
  cells.push(cell)
  return cells
}

describe('docs/security.md', () => {
  const text = readFileSync(path.join(projectRoot, 'docs/security.md'), 'utf8')
  /** Every `file.test.ts › describe › test` reference (code spans; a line break in one reads as a space). */
  const references = [...text.matchAll(/(`+)\s*([\w-]+\.test\.ts(?: › [^`]+)?)\s*\1/g)].map((match) =>
    match[2]!.replace(/\s*\n\s*/g, ' ').trim()
  )

  test('names tests that exist: each file, and each describe and test title in it', () => {
    expect(references.length).toBeGreaterThan(30)
    for (const reference of references) {
      const [file, ...titles] = reference.split(' › ')
      const testFile = path.join(projectRoot, 'test', file!)
      expect(existsSync(testFile), reference).toBe(true)
      const source = readFileSync(testFile, 'utf8').replace(/\\'/g, "'").replace(/\\`/g, '`')
      for (const title of titles) expect(source.includes(title), `${reference}: “${title}”`).toBe(true)
    }
  })

  test('every claim (a list item or table row under a heading after the introduction) names its test', () => {
    const claims = text
      .split(/\n(?=## )/)
      .slice(1)
      .filter((section) => !section.startsWith('## Limits left as they are'))
      .flatMap((section) =>
        section
          .split(/\n(?=- |\| )/)
          .filter((block, index, blocks) => /^(- |\| (?!---))/.test(block) && !blocks[index + 1]?.startsWith('| ---'))
      )
    expect(claims.length).toBeGreaterThan(20)
    for (const claim of claims) expect(claim, claim).toMatch(/[\w-]+\.test\.ts/)
  })
})
