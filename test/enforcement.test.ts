/**
 * Enforcement end to end, with real git: a bare remote, husky installed by
 * `sop-lint init`, and real `git push`es that the pre-push hook lets through
 * or blocks. Commits are dated on the valid fixture's day (2026-02-13), so
 * plan-fresh passes on that fixture whatever the date of the run.
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {onDay, runCli} from './helpers/cli.js'
import {fixture, fixtureDay, git, gitOk, installTools, makeRepository, refOid, writeFiles} from './helpers/git.js'

const plan = 'plans/2026-02-13_next_session.plan.md'

/** The valid workspace in a repository with `sop-lint init` run, everything committed and pushed to `origin/main`. */
function initialisedRepository(options: {objectFormat?: 'sha1' | 'sha256'} = {}) {
  const {work, remote} = makeRepository(fixture('valid'), options)
  installTools(work)
  const init = runCli(['init'], {cwd: work, env: onDay(fixtureDay.slice(0, 10))})
  expect(init.code, init.stderr).toBe(0)
  commitAll(work, 'Set up sop-lint')
  const push = git(work, ['push', '-q', 'origin', 'main'])
  expect(push.code, push.stderr).toBe(0)
  return {work, remote}
}

/** Commits everything, skipping the pre-commit hook (what the pre-push hook must still catch). */
function commitAll(work: string, message: string, date?: string): void {
  gitOk(work, ['add', '-A'])
  gitOk(work, ['commit', '-q', '--no-verify', '-m', message], {date})
}

// Every test drives real git and spawns sop-lint through husky: seconds each on a busy 2-core machine.
const slow = {timeout: 300_000}

describe('git push through the hook that sop-lint init installs', slow, () => {
  test('init installs husky: core.hooksPath, .husky/pre-push running the binary, and the push of a valid workspace passes', () => {
    const {work, remote} = initialisedRepository()
    expect(gitOk(work, ['config', 'core.hooksPath']).trim()).toBe('.husky/_')
    expect(readFileSync(path.join(work, '.husky/pre-push'), 'utf8')).toMatch(/^sop-lint hook pre-push$/m)
    expect(readFileSync(path.join(work, '.husky/pre-commit'), 'utf8')).toMatch(/^lint-staged --quiet$/m)
    const manifest = JSON.parse(readFileSync(path.join(work, 'package.json'), 'utf8'))
    expect(manifest.scripts.prepare).toBe('husky')
    expect(manifest.devDependencies).toMatchObject({
      husky: expect.stringMatching(/^\^9\./),
      'lint-staged': expect.stringMatching(/^\^16\./)
    })
    expect(manifest['lint-staged']).toEqual({'*.{md,csv}': 'sop-lint'})
    expect(refOid(remote, 'refs/heads/main')).toBe(refOid(work, 'HEAD'))
  })

  test('no plan: rejected; the plan only in the working tree: still rejected; committed: accepted', () => {
    const {work, remote} = initialisedRepository()
    const before = refOid(remote, 'refs/heads/main')
    const planText = readFileSync(path.join(work, plan), 'utf8')
    writeFiles(work, {plans: null})
    commitAll(work, 'Lose the plans')

    const noPlan = git(work, ['push', 'origin', 'main'])
    expect(noPlan.code).not.toBe(0)
    expect(noPlan.stderr).toContain('sop-lint: push blocked')
    expect(noPlan.stderr).toContain('refs/heads/main')
    expect(noPlan.stderr).toContain('No plan in `plans/`')
    expect(noPlan.stderr).toContain('npx sop-lint --fix')
    expect(refOid(remote, 'refs/heads/main')).toBe(before)

    writeFiles(work, {[plan]: planText})
    const uncommitted = git(work, ['push', 'origin', 'main'])
    expect(uncommitted.code).not.toBe(0)
    expect(uncommitted.stderr).toContain('No plan in `plans/`')
    gitOk(work, ['add', plan])
    const staged = git(work, ['push', 'origin', 'main'])
    expect(staged.code, 'a staged plan is not a committed one').not.toBe(0)

    commitAll(work, 'Plan the next session')
    const fixed = git(work, ['push', 'origin', 'main'])
    expect(fixed.code, fixed.stderr).toBe(0)
    expect(refOid(remote, 'refs/heads/main')).toBe(refOid(work, 'HEAD'))
  })

  test('an invalid plan is rejected with the check’s messages, and accepted once fixed and committed', () => {
    const {work, remote} = initialisedRepository()
    const planText = readFileSync(path.join(work, plan), 'utf8')
    writeFiles(work, {[plan]: planText.replace(/## Tasks[\s\S]*?(?=## Validation matrix)/, '')})
    commitAll(work, 'Drop the tasks')
    const invalid = git(work, ['push', 'origin', 'main'])
    expect(invalid.code).not.toBe(0)
    expect(invalid.stderr).toContain(plan)
    expect(invalid.stderr).toMatch(/error +Missing section “Tasks”/)
    expect(invalid.stderr).toContain('npx sop-lint --fix')

    writeFiles(work, {[plan]: planText})
    commitAll(work, 'Restore the tasks')
    const fixed = git(work, ['push', 'origin', 'main'])
    expect(fixed.code, fixed.stderr).toBe(0)
    expect(refOid(remote, 'refs/heads/main')).toBe(refOid(work, 'HEAD'))
  })

  test('work committed days after the newest plan is rejected by plan-fresh', () => {
    const {work} = initialisedRepository()
    writeFiles(work, {'src/invoice_sync/late.py': '# later work\n'})
    commitAll(work, 'Later work', '2026-02-20T09:00:00+01:00')
    const stale = git(work, ['push', 'origin', 'main'])
    expect(stale.code).not.toBe(0)
    expect(stale.stderr).toContain('plan-fresh')
    expect(stale.stderr).toContain('is dated 2026-02-13, older than the work of commit')
    expect(stale.stderr).toContain('(2026-02-20)')
  })

  test('a lint-staged pre-commit blocks committing an invalid plan', () => {
    const {work} = initialisedRepository()
    const planText = readFileSync(path.join(work, plan), 'utf8')
    writeFiles(work, {[plan]: planText.replace('## Handoff requirements', '## Notes')})
    gitOk(work, ['add', plan])
    const commit = git(work, ['commit', '-m', 'Break the plan'])
    expect(commit.code).not.toBe(0)
    expect(`${commit.stdout}${commit.stderr}`).toContain('Missing section “Handoff requirements”')
  })

  test('a commit that stages no Markdown or CSV file: lint-staged says nothing (it said it could find no staged file for its tasks)', () => {
    const {work} = initialisedRepository()
    writeFiles(work, {'notes.txt': 'a note\n'})
    gitOk(work, ['add', 'notes.txt'])
    const commit = git(work, ['commit', '-m', 'A text file'])
    expect(commit.code, commit.stderr).toBe(0)
    expect(`${commit.stdout}${commit.stderr}`).not.toMatch(/lint-staged|could not find/)
  })

  test('deleting a branch passes; tags and several refs go in one push; one bad ref blocks the push and is named', () => {
    const {work, remote} = initialisedRepository()
    gitOk(work, ['branch', 'feature'])
    gitOk(work, ['tag', '-a', 'v1', '-m', 'Release 1'])
    gitOk(work, ['tag', 'v1-light'])
    const several = git(work, ['push', 'origin', 'main', 'feature', 'v1', 'v1-light'])
    expect(several.code, several.stderr).toBe(0)
    expect(refOid(remote, 'refs/tags/v1')).toBe(refOid(work, 'refs/tags/v1'))
    expect(refOid(remote, 'refs/heads/feature')).toBeDefined()

    const deletion = git(work, ['push', 'origin', '--delete', 'feature'])
    expect(deletion.code, deletion.stderr).toBe(0)
    expect(refOid(remote, 'refs/heads/feature')).toBeUndefined()

    gitOk(work, ['checkout', '-q', '-b', 'broken'])
    writeFiles(work, {plans: null})
    commitAll(work, 'Lose the plans on a branch')
    gitOk(work, ['tag', '-a', 'v2', '-m', 'Release 2', 'main'])
    const mixed = git(work, ['push', 'origin', 'v2', 'broken', 'HEAD:refs/heads/other'])
    expect(mixed.code).not.toBe(0)
    expect(mixed.stderr).toContain('refs/heads/broken, HEAD → refs/heads/other')
    expect(mixed.stderr).not.toContain('refs/tags/v2')
    expect(refOid(remote, 'refs/tags/v2')).toBeUndefined()
  })

  test('a SHA-256 repository: pushes checked, 64-zero deletions pass', () => {
    const {work, remote} = initialisedRepository({objectFormat: 'sha256'})
    expect(refOid(work, 'HEAD')).toHaveLength(64)
    gitOk(work, ['push', '-q', 'origin', 'main:refs/heads/copy'])
    expect(git(work, ['push', 'origin', '--delete', 'copy']).code).toBe(0)
    writeFiles(work, {plans: null})
    commitAll(work, 'Lose the plans')
    const rejected = git(work, ['push', 'origin', 'main'])
    expect(rejected.code).not.toBe(0)
    expect(rejected.stderr).toContain('No plan in `plans/`')
    expect(refOid(remote, 'refs/heads/main')).not.toBe(refOid(work, 'HEAD'))
  })

  test('a shallow clone: the hook reads the pushed tree without the history', () => {
    const {work, remote} = initialisedRepository()
    writeFiles(work, {'notes.md': '# Notes\n'})
    commitAll(work, 'A second commit, so the clone below is really shallow')
    gitOk(work, ['push', '-q', 'origin', 'main'])
    const clone = path.join(path.dirname(work), 'shallow')
    gitOk(path.dirname(work), ['clone', '-q', '--depth', '1', `file://${remote}`, clone])
    expect(gitOk(clone, ['rev-parse', '--is-shallow-repository']).trim()).toBe('true')
    installTools(clone)
    expect(runCli(['init'], {cwd: clone, env: onDay(fixtureDay.slice(0, 10))}).code).toBe(0)

    writeFiles(clone, {
      [plan]: readFileSync(path.join(clone, plan), 'utf8').replace('## Validation matrix', '## Checks')
    })
    commitAll(clone, 'Break the plan in the shallow clone')
    const rejected = git(clone, ['push', 'origin', 'main'])
    expect(rejected.code).not.toBe(0)
    expect(rejected.stderr).toContain('Missing section “Validation matrix”')

    gitOk(clone, ['revert', '--no-edit', 'HEAD'])
    const accepted = git(clone, ['push', 'origin', 'main'])
    expect(accepted.code, accepted.stderr).toBe(0)
  })
})

describe('sop-lint hook pre-push, fed by hand', slow, () => {
  test('empty standard input (nothing to push) passes, printing nothing', () => {
    const result = runCli(['hook', 'pre-push', 'origin', 'url'], {input: ''})
    expect(result).toMatchObject({code: 0, stdout: '', stderr: ''})
  })

  test('a remote oid unknown locally and a raw sha as the local ref', () => {
    const {work} = makeRepository(fixture('valid'))
    commitAll(work, 'Valid workspace')
    const head = refOid(work, 'HEAD')!
    const unknown = 'f'.repeat(40)
    const result = runCli(['hook', 'pre-push'], {cwd: work, input: `${head} ${head} refs/heads/main ${unknown}\n`})
    expect(result.code, result.stderr).toBe(0)
  })

  test('a line that is not what git writes is a usage error (exit 2)', () => {
    const result = runCli(['hook', 'pre-push'], {input: 'refs/heads/main not-an-oid\n'})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('cannot read the line')
  })
})

describe('sop-lint init', slow, () => {
  test('a second run changes nothing, byte for byte', () => {
    const {work} = makeRepository(fixture('valid'))
    installTools(work)
    expect(runCli(['init'], {cwd: work, env: onDay(fixtureDay.slice(0, 10))}).code).toBe(0)
    const first = snapshot(work)
    const again = runCli(['init'], {cwd: work, env: onDay(fixtureDay.slice(0, 10))})
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('nothing changed')
    expect(snapshot(work)).toEqual(first)
  })

  test('an existing hook keeps its lines and gets the sop-lint line appended; package.json keeps its keys and tabs', () => {
    const {work} = makeRepository({
      ...fixture('valid'),
      'package.json':
        '{\n\t"name": "app",\n\t"scripts": {"prepare": "node setup.js", "test": "pytest"},\n\t"devDependencies": {"husky": "^9.0.0"}\n}\n',
      '.husky/pre-push': 'npm test\n'
    })
    installTools(work)
    expect(runCli(['init'], {cwd: work, env: onDay(fixtureDay.slice(0, 10))}).code).toBe(0)
    expect(readFileSync(path.join(work, '.husky/pre-push'), 'utf8')).toMatch(
      /^npm test\n\n# sop-lint: .*\nsop-lint hook pre-push\n$/
    )
    const text = readFileSync(path.join(work, 'package.json'), 'utf8')
    expect(text).toMatch(/^\{\n\t"name": "app",/)
    const manifest = JSON.parse(text)
    expect(manifest.scripts).toEqual({prepare: 'node setup.js && husky', test: 'pytest'})
    expect(manifest.devDependencies.husky).toBe('^9.0.0')
  })

  test('a package in a subfolder of the git repository: hooks run from it, and the push is checked', () => {
    const base = fixture('valid')
    const {work, remote} = makeRepository({...base, 'app/package.json': '{\n  "name": "app",\n  "private": true\n}\n'})
    const app = path.join(work, 'app')
    installTools(app)
    const init = runCli(['init'], {cwd: app, env: onDay(fixtureDay.slice(0, 10))})
    expect(init.code, init.stderr).toBe(0)
    const manifest = JSON.parse(readFileSync(path.join(app, 'package.json'), 'utf8'))
    expect(manifest.scripts.prepare).toBe('cd .. && husky app/.husky')
    expect(readFileSync(path.join(app, '.husky/pre-push'), 'utf8')).toContain('( cd app && sop-lint hook pre-push )')
    expect(gitOk(work, ['config', 'core.hooksPath']).trim()).toBe('app/.husky/_')
    expect(readFileSync(path.join(work, '.remarkrc.json'), 'utf8')).toContain('"sop-lint"')

    commitAll(work, 'Set up sop-lint in app/')
    expect(git(work, ['push', 'origin', 'main']).code).toBe(0)
    writeFiles(work, {plans: null})
    commitAll(work, 'Lose the plans')
    const rejected = git(work, ['push', 'origin', 'main'])
    expect(rejected.code).not.toBe(0)
    expect(rejected.stderr).toContain('No plan in `plans/`')
    expect(refOid(remote, 'refs/heads/main')).not.toBe(refOid(work, 'HEAD'))
  })
})

/** Every file below a folder except .git and node_modules, with its bytes. */
function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {}
  const walk = (folder: string) => {
    for (const entry of readdirSync(path.join(root, folder), {withFileTypes: true})) {
      const relative = folder ? `${folder}/${entry.name}` : entry.name
      if (entry.name === '.git' || entry.name === 'node_modules') continue
      if (entry.isDirectory()) walk(relative)
      else files[relative] = readFileSync(path.join(root, relative)).toString('base64')
    }
  }
  walk('')
  files['.git/config'] = readFileSync(path.join(root, '.git/config')).toString('base64')
  return files
}

describe('sop-lint --commit REV (CI, where hooks can be skipped)', slow, () => {
  test('checks the commit’s tree, not the working tree; a bad revision is a usage error', () => {
    const {work} = makeRepository(fixture('valid'))
    commitAll(work, 'Valid workspace')
    writeFiles(work, {plans: null})
    commitAll(work, 'Lose the plans')
    writeFiles(work, {[plan]: fixture('valid')[plan]!})

    expect(runCli(['--commit', 'HEAD~1'], {cwd: work})).toMatchObject({code: 0, stdout: ''})
    const broken = runCli(['--commit', 'HEAD', '--format', 'github'], {cwd: work})
    expect(broken.code).toBe(1)
    expect(broken.stdout).toMatch(
      /^::error file=plans\/[\w.-]+,line=1,col=1,title=plan-filename::No plan in `plans\/`/m
    )
    // The working tree has the plan back, uncommitted: a plain check passes.
    expect(runCli([], {cwd: work}).code).toBe(0)

    const unknown = runCli(['--commit', 'no-such-branch'], {cwd: work})
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('--commit no-such-branch: not a commit in this repository')
    expect(runCli(['--commit', 'HEAD', '--fix'], {cwd: work}).code).toBe(2)
  })
})
