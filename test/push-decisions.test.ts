/**
 * Pushes the pre-push hook must block, whatever the shape of the push: many
 * refs, a slow writer, replaced objects, a plan dated ahead, a committed
 * config that cannot be loaded as committed, commits before the tip, and a
 * pushed config that would choose where the hook writes. Real git, a bare
 * remote and the built CLI, as a user runs them.
 */
import {spawn, spawnSync} from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {cliPath, runCli} from './helpers/cli.js'
import {fixture, fixtureDay, git, gitOk, makeRepository, refOid, tempFolder, writeFiles} from './helpers/git.js'

const plan = 'plans/2026-02-13_next_session.plan.md'
const ledger = 'docs/Ledgers/Token_Churn_Ledger.csv'
const zero = '0'.repeat(40)
const slow = {timeout: 300_000}

/** Installs a pre-push hook that runs this build of sop-lint, as `.husky/pre-push` does. */
function installHook(work: string): void {
  const hook = path.join(work, '.git/hooks/pre-push')
  writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${cliPath}" hook pre-push "$@"\n`)
  chmodSync(hook, 0o755)
}

function commitAll(work: string, message: string, date?: string): string {
  gitOk(work, ['add', '-A'])
  gitOk(work, ['commit', '-q', '--no-verify', '-m', message], {date})
  return gitOk(work, ['rev-parse', 'HEAD']).trim()
}

/** The valid workspace committed and pushed to `origin/main` (the hook installed after, so the first push is not checked). */
function pushedRepository(): {work: string; remote: string; base: string} {
  const {work, remote} = makeRepository(fixture('valid'))
  const base = commitAll(work, 'Valid workspace')
  gitOk(work, ['push', '-q', 'origin', 'main'])
  installHook(work)
  return {work, remote, base}
}

/** The hook fed by hand, with its cache in a folder of the test's own. */
function hook(work: string, input: string, env: Record<string, string> = {}) {
  return runCli(['hook', 'pre-push', 'origin', 'url'], {cwd: work, input, env: {XDG_CACHE_HOME: tempFolder(), ...env}})
}

describe('the ref lines git writes are read to their end', slow, () => {
  test('git push --all of 6,000 refs (far over the 64 KiB a pipe holds) carrying a commit with no plan is blocked', () => {
    const {work, remote} = pushedRepository()
    writeFiles(work, {plans: null})
    const planless = commitAll(work, 'Lose the plans')
    // Long names: each ref line is about 220 bytes, 6,000 of them about 1.3 MB, twenty times what a pipe holds.
    const names = Array.from(
      {length: 6000},
      (_, index) => `refs/heads/feature/a-branch-with-a-rather-long-descriptive-name-${String(index).padStart(4, '0')}`
    )
    gitOk(work, ['update-ref', '--stdin'], {input: names.map((name) => `create ${name} ${planless}\n`).join('')})
    const push = git(work, ['push', '--all', 'origin'])
    expect(push.code).not.toBe(0)
    expect(push.stderr).toContain('sop-lint: push blocked')
    expect(push.stderr).toContain('No plan in `plans/`')
    expect(gitOk(remote, ['for-each-ref', '--format=%(refname)']).trim().split('\n')).toEqual(['refs/heads/main'])
  })

  test('a writer slower than the hook’s start: the lines written later are read and checked', async () => {
    const {work, base} = pushedRepository()
    writeFiles(work, {plans: null})
    const planless = commitAll(work, 'Lose the plans')
    const child = spawn(process.execPath, [cliPath, 'hook', 'pre-push', 'origin', 'url'], {
      cwd: work,
      env: {...process.env, NO_COLOR: '1', XDG_CACHE_HOME: tempFolder()},
      stdio: ['pipe', 'pipe', 'pipe']
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exit = new Promise<number | null>((resolve) => child.on('close', resolve))
    // A first line at once, the one that must block after the hook has started and found the pipe empty.
    child.stdin.write(`refs/heads/main ${base} refs/heads/main ${base}\n`)
    await new Promise((resolve) => setTimeout(resolve, 2500))
    child.stdin.end(`refs/heads/other ${planless} refs/heads/other ${zero}\n`)
    expect(await exit).toBe(1)
    expect(stderr).toContain('refs/heads/other — commit')
    expect(stderr).toContain('No plan in `plans/`')
  })

  test('standard input that cannot be read is an error (exit 2, one line), never “nothing to push”', async () => {
    const {work} = pushedRepository()
    // A folder as standard input: every read fails (EISDIR).
    const folder = openSync(tempFolder(), 'r')
    try {
      const child = spawn(process.execPath, [cliPath, 'hook', 'pre-push', 'origin', 'url'], {
        cwd: work,
        env: {...process.env, NO_COLOR: '1'},
        stdio: [folder, 'pipe', 'pipe']
      })
      let stderr = ''
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
      expect(code).toBe(2)
      expect(stderr).toBe(
        'sop-lint: hook pre-push: cannot read the refs git writes on standard input (is a folder, EISDIR): nothing was checked, so the push is blocked; push again, or report this if it persists\n'
      )
    } finally {
      closeSync(folder)
    }
  })
})

describe('objects are read as git pushes them: git replace changes nothing', slow, () => {
  test('a commit or a tree replaced by a valid one: the hook and --commit still check the pushed commit', () => {
    const {work, remote, base} = pushedRepository()
    writeFiles(work, {plans: null})
    const planless = commitAll(work, 'Lose the plans')
    const before = refOid(remote, 'refs/heads/main')

    // The stand-in has the valid tree and the same parent: to git's eyes the push is still a fast-forward.
    const standIn = gitOk(work, ['commit-tree', `${base}^{tree}`, '-p', base, '-m', 'Stand-in']).trim()
    gitOk(work, ['replace', planless, standIn])
    const replacedCommit = git(work, ['push', 'origin', 'main'])
    expect(replacedCommit.code).not.toBe(0)
    expect(replacedCommit.stderr).toContain('No plan in `plans/`')
    const commitCheck = runCli(['--commit', 'HEAD'], {cwd: work, env: {XDG_CACHE_HOME: tempFolder()}})
    expect(commitCheck.code).toBe(1)
    expect(commitCheck.stdout).toContain('No plan in `plans/`')

    gitOk(work, ['replace', '-d', planless])
    gitOk(work, ['replace', `${planless}^{tree}`, `${base}^{tree}`])
    const replacedTree = git(work, ['push', 'origin', 'main'])
    expect(replacedTree.code).not.toBe(0)
    expect(replacedTree.stderr).toContain('No plan in `plans/`')
    expect(refOid(remote, 'refs/heads/main')).toBe(before)
  })
})

describe('a plan dated ahead', slow, () => {
  /** The valid workspace with its newest plan, and every date of it, moved to `day`. */
  function aheadWorkspace(day: string): Record<string, string> {
    return Object.fromEntries(
      Object.entries(fixture('valid')).map(([file, text]) => [
        file.replace('2026-02-13', day),
        text.replaceAll('2026-02-13', day)
      ])
    )
  }

  test('2099-12-31_next_session.plan.md is an error of plan-fresh with its own message: in a commit of the plan’s week, in a commit dated ahead too, and on the working tree', () => {
    const {work} = makeRepository(aheadWorkspace('2099-12-31'))
    const tip = commitAll(work, 'A plan for later')
    const pushed = hook(work, `refs/heads/main ${tip} refs/heads/main ${zero}\n`)
    expect(pushed.code).toBe(1)
    expect(pushed.stderr).toContain(
      [
        `  1:1  error    The newest plan \`2099-12-31_next_session.plan.md\` is dated 2099-12-31, after the work of commit ${tip.slice(0, 10)} (2026-02-13) by more than 1 day  plan-fresh`,
        `                → a plan is named for the day it is written, at the end of the session it follows — rename it to that day, or write \`plans/2026-02-13_next_session.plan.md\``
      ].join('\n')
    )

    // A commit dated ahead as well: today bounds the plan.
    gitOk(work, ['commit', '-q', '--no-verify', '--allow-empty', '-m', 'Dated ahead'], {
      date: '2099-12-31T12:00:00+00:00'
    })
    const aheadTip = gitOk(work, ['rev-parse', 'HEAD']).trim()
    const datedAhead = hook(work, `refs/heads/main ${aheadTip} refs/heads/main ${zero}\n`)
    expect(datedAhead.code).toBe(1)
    expect(datedAhead.stderr).toMatch(/is dated 2099-12-31, after today \(\d{4}-\d{2}-\d{2}\) by more than 1 day/)

    const check = runCli(['--root', work], {env: {XDG_CACHE_HOME: tempFolder()}})
    expect(check.code).toBe(1)
    expect(check.stdout).toMatch(
      /is dated 2099-12-31, after today \(\d{4}-\d{2}-\d{2}\) by more than 1 day.*plan-fresh/
    )
  })

  test('a plan dated the day after the work, within the grace, passes', () => {
    const {work} = makeRepository(aheadWorkspace('2026-02-14'))
    const tip = commitAll(work, 'Planned after midnight')
    const pushed = hook(work, `refs/heads/main ${tip} refs/heads/main ${zero}\n`)
    expect(pushed.stderr).toBe('')
    expect(pushed.code).toBe(0)
  })
})

describe('the committed JavaScript config, or none: never another', slow, () => {
  test('when the copy of the committed .remarkrc.mjs cannot be written beside it, the hook stops with exit 2 and says why; it does not judge with the one on disk', () => {
    const config = (severity: string) =>
      `export default {plugins: [['sop-lint', {rules: {'no-todo': '${severity}'}}]]}\n`
    const {work} = makeRepository({...fixture('valid'), '.remarkrc.mjs': config('error')})
    const planFile = path.join(work, plan)
    writeFileSync(
      planFile,
      readFileSync(planFile, 'utf8').replace(
        'show totals in the dry-run report.',
        'show totals in the dry-run report. TODO: name the report.'
      )
    )
    const tip = commitAll(work, 'A TODO, and the config that makes it an error')
    // The file on disk differs: with it, the TODO would pass.
    writeFileSync(path.join(work, '.remarkrc.mjs'), config('off'))
    const line = `refs/heads/main ${tip} refs/heads/main ${zero}\n`
    const checked = hook(work, line)
    expect(checked.code).toBe(1)
    expect(checked.stderr).toContain('no-todo')

    // A root the hook cannot write to. Not as root: the folder is made read-only. As root, which
    // ignores modes: the folder is bind-mounted read-only; where mounting is not allowed, the hook
    // runs as nobody, if nobody can reach the CLI (a clone under /root is out of its reach).
    const home = tempFolder()
    chmodSync(home, 0o777)
    const env = {
      HOME: home,
      XDG_CACHE_HOME: home,
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'safe.directory',
      GIT_CONFIG_VALUE_0: '*'
    }
    const denial = lockFolder(work)
    expect(denial, 'neither a read-only mount nor another user is available here').toBeDefined()
    let result: ReturnType<typeof spawnHook>
    try {
      result = spawnHook(work, line, {uid: denial?.uid, gid: denial?.uid, env})
    } finally {
      denial?.unlock()
    }
    expect(result.stderr).toMatch(
      /^sop-lint: cannot load the committed \.remarkrc\.mjs: it differs from the file on disk, and sop-lint imports it from a copy beside it, \.remarkrc\.sop-lint-\d+-[\da-f]{12}\.mjs, which cannot be written \((permission denied, EACCES|read-only file system, EROFS)\); nothing was checked with another config — make the folder writable, or run sop-lint in a checkout of the commit\n$/
    )
    expect(result.code).toBe(2)
    expect(readdirSync(work).filter((name) => name.includes('sop-lint-'))).toEqual([])
  })
})

/**
 * Makes `folder` unwritable for the hook: read-only for a user, a read-only bind mount for root
 * (modes do not stop root), or else a user the folder denies (`uid`), when that user can run the CLI.
 * `undefined` when none of these is possible here.
 */
function lockFolder(folder: string): {uid?: number; unlock: () => void} | undefined {
  if (process.getuid?.() !== 0) {
    chmodSync(folder, 0o555)
    return {unlock: () => chmodSync(folder, 0o755)}
  }
  const bound = spawnSync('mount', ['--bind', folder, folder])
  if (bound.status === 0) {
    if (spawnSync('mount', ['-o', 'remount,bind,ro', folder]).status === 0)
      return {unlock: () => spawnSync('umount', [folder])}
    spawnSync('umount', [folder])
  }
  const nobody = 65534
  // The temporary folder holding the repository is private to its owner: let nobody in, to read.
  chmodSync(path.dirname(folder), 0o755)
  const reachable = spawnSync(process.execPath, [cliPath, '--version'], {uid: nobody, gid: nobody})
  return reachable.status === 0 ? {uid: nobody, unlock: () => undefined} : undefined
}

/** The hook run synchronously with another user or environment. */
function spawnHook(
  work: string,
  input: string,
  options: {uid?: number | undefined; gid?: number | undefined; env: Record<string, string>}
) {
  const result = spawnSync(process.execPath, [cliPath, 'hook', 'pre-push', 'origin', 'url'], {
    cwd: work,
    input,
    encoding: 'utf8',
    uid: options.uid,
    gid: options.gid,
    env: {...process.env, NO_COLOR: '1', ...options.env}
  })
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

describe('every commit the push sends, not only its tips', slow, () => {
  const formulaRow = `2026-02-12,5d2f8a61-0c4b-47e9-b3a2-8e1f6c9d0b57,correction,0,0,0,0,0,0,0,0,"=HYPERLINK(""https://example.invalid"",""open"")"`

  test('a commit before the tip that adds a ledger row with a formula cell blocks the push, though the tip removes the row; as a new branch too', () => {
    const {work, remote} = pushedRepository()
    const before = refOid(remote, 'refs/heads/main')
    const ledgerFile = path.join(work, ledger)
    const original = readFileSync(ledgerFile, 'utf8')
    const lines = original.trimEnd().split('\n')
    writeFileSync(ledgerFile, `${[...lines.slice(0, -1), formulaRow, lines.at(-1)].join('\n')}\n`)
    const middle = commitAll(work, 'A row with a formula')
    writeFileSync(ledgerFile, original)
    commitAll(work, 'The row removed again')

    const push = git(work, ['push', 'origin', 'main'])
    expect(push.code).not.toBe(0)
    expect(push.stderr).toContain('a commit you push adds a ledger row that a spreadsheet would run as a formula')
    expect(push.stderr).toContain(`refs/heads/main — commit ${middle.slice(0, 10)} (2026-02-13), pushed before`)
    expect(push.stderr).toContain(`${ledger}\n  4:`)
    expect(push.stderr).toContain('ledger-formula')
    expect(push.stderr).toContain('git rebase -i')
    expect(refOid(remote, 'refs/heads/main')).toBe(before)

    const branch = git(work, ['push', 'origin', 'HEAD:refs/heads/feature'])
    expect(branch.code).not.toBe(0)
    expect(branch.stderr).toContain(`commit ${middle.slice(0, 10)}`)
    expect(refOid(remote, 'refs/heads/feature')).toBeUndefined()
  })

  test('a row is told by its record, not its line: one the tip keeps only inside a quoted cell that spans lines is still the earlier commit’s row', () => {
    const {work} = pushedRepository()
    const ledgerFile = path.join(work, ledger)
    const original = readFileSync(ledgerFile, 'utf8')
    writeFileSync(ledgerFile, `${original}=1+1\n`)
    const middle = commitAll(work, 'A one-cell formula row')
    // The tip makes that line part of the last row's note, where it starts no cell.
    writeFileSync(ledgerFile, original.replace('report totals"\n', 'report totals\n=1+1\n"\n'))
    commitAll(work, 'The line moved into a note')
    const tipCheck = runCli(['--commit', 'HEAD'], {cwd: work, env: {XDG_CACHE_HOME: tempFolder()}})
    expect(tipCheck.code, tipCheck.stdout).toBe(0)
    const push = git(work, ['push', 'origin', 'main'])
    expect(push.code).not.toBe(0)
    expect(push.stderr).toContain(`commit ${middle.slice(0, 10)} (2026-02-13), pushed before`)
    expect(push.stderr).toMatch(/\n {2}5:1 +error .*=1\+1.*ledger-formula/)
  })

  test('an earlier commit whose ledger does not parse: the rows it adds cannot be cleared, so the push is blocked and says why', () => {
    const {work} = pushedRepository()
    const ledgerFile = path.join(work, ledger)
    const original = readFileSync(ledgerFile, 'utf8')
    writeFileSync(ledgerFile, `${original}2026-02-13,x,"unclosed,0,0,0,0,0,0,0,0,=1+1\n`)
    const middle = commitAll(work, 'A broken row')
    writeFileSync(ledgerFile, original)
    commitAll(work, 'The broken row removed')
    const push = git(work, ['push', 'origin', 'main'])
    expect(push.code).not.toBe(0)
    expect(push.stderr).toContain(`commit ${middle.slice(0, 10)} (2026-02-13), pushed before`)
    expect(push.stderr).toContain('The ledger in this commit does not parse (')
  })

  test('a commit before the tip with no plan passes when the tip has a fresh, valid plan: the plan is written at the end of the session', () => {
    const {work, remote} = pushedRepository()
    const planText = readFileSync(path.join(work, plan), 'utf8')
    writeFiles(work, {plans: null, 'src/work.py': 'print("work")\n'})
    commitAll(work, 'Work, the plan not written yet')
    writeFiles(work, {[plan]: planText})
    const tip = commitAll(work, 'The plan')
    const push = git(work, ['push', 'origin', 'main'])
    expect(push.code, push.stderr).toBe(0)
    expect(refOid(remote, 'refs/heads/main')).toBe(tip)
  })

  test('rows the remote has already, and rows a merge takes from a parent, are not the new commits’ to answer for', () => {
    const {work, remote} = pushedRepository()
    const ledgerFile = path.join(work, ledger)
    const original = readFileSync(ledgerFile, 'utf8')
    // A side branch brings a formula row and reaches the remote without the hook.
    gitOk(work, ['checkout', '-q', '-b', 'side'])
    writeFileSync(ledgerFile, `${original}${formulaRow}\n`)
    commitAll(work, 'A formula row')
    gitOk(work, ['push', '-q', '--no-verify', 'origin', 'side'])
    // main edits another row, merges the side branch (its ledger is then like neither parent's), and drops the row.
    gitOk(work, ['checkout', '-q', 'main'])
    const edited = original.replace('closed 2026-02-11', 'closed on 2026-02-11')
    writeFileSync(ledgerFile, edited)
    commitAll(work, 'Reword a note')
    gitOk(work, ['merge', '-q', '--no-edit', 'side'], {date: fixtureDay})
    expect(readFileSync(ledgerFile, 'utf8')).toBe(`${edited}${formulaRow}\n`)
    writeFileSync(ledgerFile, edited)
    const tip = commitAll(work, 'Drop the formula row')
    const push = git(work, ['push', 'origin', 'main'])
    expect(push.code, push.stderr).toBe(0)
    expect(refOid(remote, 'refs/heads/main')).toBe(tip)
  })
})

describe('a config from a pushed tree does not choose where the user’s machine writes', slow, () => {
  /** Config JSON with a token cache folder. */
  const withCache = (folder: string) => JSON.stringify({plugins: [['sop-lint', {tokens: {cacheFolder: folder}}]]})

  test('tokens.cacheFolder "../../x" is refused (exit 2) and nothing is made there; one inside the repository is not taken from a commit', () => {
    const outside = tempFolder()
    const {work} = makeRepository(fixture('valid'))
    // A name of its own beside the test's folders (two levels up from the repository), removed whatever happens.
    const escaped = path.join(outside, 'escaped-cache')
    writeFileSync(path.join(work, '.remarkrc.json'), withCache(path.relative(work, escaped)))
    const tip = commitAll(work, 'A config that reaches out')
    const pushed = hook(work, `refs/heads/main ${tip} refs/heads/main ${zero}\n`)
    expect(pushed.stderr).toBe(
      'sop-lint: invalid configuration in .remarkrc.json: tokens.cacheFolder: expected a path relative to the repository root that stays inside it (no leading / or ~, no .. that leads out)\n'
    )
    expect(pushed.code).toBe(2)
    expect(existsSync(escaped)).toBe(false)

    writeFileSync(path.join(work, '.remarkrc.json'), withCache('docs/cache'))
    const inside = commitAll(work, 'A config that picks a folder in the repository')
    const userCache = tempFolder()
    const again = hook(work, `refs/heads/main ${inside} refs/heads/main ${zero}\n`, {XDG_CACHE_HOME: userCache})
    expect(again.code, again.stderr).toBe(0)
    expect(existsSync(path.join(work, 'docs/cache'))).toBe(false)
    expect(existsSync(path.join(userCache, 'sop-lint/token-counts.json'))).toBe(true)
  })

  test('on the working tree, a cache folder reached through a link out of the repository is not written to', () => {
    const {work} = makeRepository({...fixture('valid'), '.remarkrc.json': withCache('linked/cache')})
    const outside = tempFolder()
    symlinkSync(outside, path.join(work, 'linked'))
    mkdirSync(path.join(work, 'node_modules'))
    const userCache = tempFolder()
    const check = runCli(['--root', work, '--no-cache'], {env: {XDG_CACHE_HOME: userCache}})
    expect(check.code, check.stdout + check.stderr).toBe(0)
    expect(readdirSync(outside)).toEqual([])
    expect(existsSync(path.join(userCache, 'sop-lint/token-counts.json'))).toBe(true)
  })
})

describe('a config from a pushed tree does not make the hook read outside the repository', slow, () => {
  test('paths.siblings: the working tree checks a mapped repository; the hook and --commit read nothing there and say its paths are not checked', () => {
    const {work} = makeRepository(fixture('valid'))
    // The other repository beside the clone, without the file the plan names: read, it would be an error.
    writeFiles(path.dirname(work), {'billing-api/docs/contract.md': '# Contract\n'})
    writeFiles(work, {
      '.remarkrc.json': JSON.stringify({plugins: [['sop-lint', {paths: {siblings: {API: '../billing-api'}}}]]}),
      [plan]: readFileSync(path.join(work, plan), 'utf8').replace(
        '## Tasks',
        '5. API: `billing-api/docs/errors.md` — the error codes, in the other repository\n\n## Tasks'
      )
    })
    const sibling = 'Required reading `billing-api/docs/errors.md`'
    const onDisk = runCli(['--root', work, '-f', 'unix', '--no-cache'])
    expect(onDisk.stdout).toContain(`${sibling} does not exist in \`../billing-api\``)
    expect(onDisk.code).toBe(1)

    const tip = commitAll(work, 'A plan naming a file of another repository')
    const notChecked = `${plan}:29:9: warning ${sibling} is in another repository, \`../billing-api\` (\`paths.siblings\`), which a check of a commit does not read: its paths are not checked [required-reading]`
    const committed = runCli(['--commit', tip, '-f', 'unix'], {cwd: work, env: {XDG_CACHE_HOME: tempFolder()}})
    expect(committed.stdout.split('\n').filter((line) => line.includes('billing-api'))).toEqual([notChecked])
    expect(committed.code, committed.stdout).toBe(0)
    const pushed = hook(work, `refs/heads/main ${tip} refs/heads/main ${zero}\n`)
    expect(pushed.code, pushed.stderr).toBe(0)
    expect(pushed.stderr).not.toContain('does not exist in')
  })
})
