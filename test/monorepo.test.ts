/**
 * Monorepos (fixtures/monorepo): three workspaces in different layouts —
 * projects/billing (the default layout, progress.md, a fresh plan),
 * projects/search (PROGRESS.md and HANDOFF.md named by its own
 * .remarkrc.json, a 200K window, a plan from 2026-04-07) and the nested
 * projects/labs/forecast, whose plan and SOP name its siblings' files from
 * the repository root and from projects/. The CLI is spawned at the root and
 * inside workspaces; pushes go through the husky hook to a bare remote.
 */
import {cpSync, existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {loadedCode, onDay, projectRoot, runCli} from './helpers/cli.js'
import {fixture, git, gitOk, installTools, makeRepository, refOid, writeFiles} from './helpers/git.js'
import {fixtureFiles, makeLinkedWorkspace} from './helpers/linked-workspace.js'
import {LspClient} from './helpers/lsp-client.js'
import {makeWorkspace} from './helpers/workspace.js'

/** The day of the fresh plans: work committed then needs a plan of that day (or the day before) in each workspace it changes. */
const day = '2026-04-20T12:00:00+00:00'
const searchPlan = 'projects/search/plans/2026-04-07_next_session.plan.md'
const forecastPlan = 'projects/labs/forecast/plans/2026-04-20_next_session.plan.md'
const forecastSop = 'projects/labs/forecast/docs/SOP/planning.md'

/** A copy of the fixture in a git repository of its own (so the root is its top level). */
function monorepo(files: Record<string, string | null> = {}): string {
  const root = makeWorkspace({})
  cpSync(path.join(projectRoot, 'fixtures/monorepo'), root, {recursive: true})
  writeFiles(root, files)
  gitOk(root, ['init', '-q'])
  return root
}

const read = (root: string, file: string) => readFileSync(path.join(root, file), 'utf8')

describe('the CLI in a monorepo', () => {
  test('at the root every workspace is checked, and the report is grouped by workspace with paths from where the user stands', () => {
    const root = monorepo()
    writeFiles(root, {
      [searchPlan]: read(root, searchPlan).replace(/## Tasks[\s\S]*?(?=## Validation matrix)/, ''),
      [forecastPlan]: read(root, forecastPlan).replace('`search/PROGRESS.md`', '`search/STATUS.md`')
    })
    const result = runCli([], {cwd: root})
    expect(result.code, result.stderr).toBe(1)
    expect(result.stdout).toContain(`workspace projects/labs/forecast:\n${forecastPlan}\n`)
    expect(result.stdout).toMatch(/ 18:4 +error +Required reading `search\/STATUS\.md` does not exist/)
    expect(result.stdout).toContain(`workspace projects/search:\n${searchPlan}\n`)
    expect(result.stdout).toMatch(/error +Missing section “Tasks”/)
    expect(result.stdout).not.toContain('projects/billing/')
    expect(result.stdout).toMatch(
      /sop-lint: 3 workspaces checked; errors in projects\/labs\/forecast, projects\/search\n$/
    )

    const json = runCli(['--format', 'json'], {cwd: root})
    const paths = (JSON.parse(json.stdout) as Array<{filePath: string; messages: unknown[]}>)
      .filter((file) => file.messages.length > 0)
      .map((file) => path.relative(root, file.filePath))
    expect(paths.sort()).toEqual([forecastPlan, searchPlan])
  })

  test('inside a workspace (or below its folder) that workspace alone is checked, paths from the current folder', () => {
    const root = monorepo()
    writeFiles(root, {[searchPlan]: read(root, searchPlan).replace(/## Tasks[\s\S]*?(?=## Validation matrix)/, '')})
    const inside = runCli([], {cwd: path.join(root, 'projects/search')})
    expect(inside.code).toBe(1)
    expect(inside.stdout).toContain('workspace projects/search:\nplans/2026-04-07_next_session.plan.md\n')
    expect(inside.stdout).not.toContain('checked;')
    const below = runCli([], {cwd: path.join(root, 'projects/search/plans')})
    expect(below.stdout).toContain('\n2026-04-07_next_session.plan.md\n')
    const other = runCli([], {cwd: path.join(root, 'projects/labs/forecast/docs')})
    expect(other.code, other.stdout).toBe(0)
    expect(other.stdout).toBe('')
  })

  test('--workspace names one by its folder, its end or a path from here; an unknown or ambiguous name exits 2 with the list', () => {
    const root = monorepo({[searchPlan]: null})
    for (const name of ['projects/search', 'search', 'projects/search/']) {
      const result = runCli(['--workspace', name], {cwd: root})
      expect(result.code, name).toBe(1)
      expect(result.stdout).toContain('workspace projects/search:\nprojects/search/plans/')
      expect(result.stdout).toContain('No plan in `plans/`')
    }
    expect(runCli(['--workspace=../search'], {cwd: path.join(root, 'projects/billing')}).stdout).toContain(
      'workspace projects/search:\n../search/plans/'
    )
    expect(runCli(['--workspace', 'forecast'], {cwd: root}).code).toBe(0)
    const unknown = runCli(['--workspace', 'payments'], {cwd: root})
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toBe(
      'sop-lint: --workspace payments: no such workspace; the workspaces are projects/billing, projects/labs/forecast, projects/search\n'
    )
    const twice = monorepo({'projects/labs/search/plans/.keep': ''})
    writeFiles(twice, {
      '.remarkrc.json': '{"plugins": [["sop-lint", {"workspaces": ["projects/*", "projects/labs/*"]}]]}\n'
    })
    const ambiguous = runCli(['--workspace', 'search'], {cwd: twice})
    expect(ambiguous.code).toBe(2)
    expect(ambiguous.stderr).toContain('--workspace search names 2 workspaces: projects/labs/search, projects/search')
    // init acts on the repository (and adopts every workspace): it takes no --workspace.
    expect(runCli(['init', '--workspace', 'search'], {cwd: root}).stderr).toMatch(
      /^sop-lint: unknown option --workspace/
    )
  })

  test('budget, plan new, --fix, ledger close, status and report act on the workspace stood in or named; from the root they stop with exit 2 and the list', () => {
    const root = monorepo()
    const list = 'projects/billing, projects/labs/forecast, projects/search'
    for (const args of [
      ['budget'],
      ['plan', 'new'],
      ['--fix'],
      ['ledger', 'close', '--actual', '1'],
      ['status', '--from-codex', root],
      ['report']
    ]) {
      const result = runCli(args, {cwd: root})
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr).toContain(
        `acts on one workspace, and the repository root is in none of the 3: run it in a workspace's folder or pass --workspace NAME, one of: ${list}`
      )
    }
    // The workspace's own config: a 200K window in search, the root's 272K default elsewhere.
    expect(runCli(['budget'], {cwd: path.join(root, 'projects/search')}).stdout).toContain('(70%–80% of 200,000)')
    expect(runCli(['budget', '--workspace', 'billing'], {cwd: root}).stdout).toContain('(70%–80% of 272,000)')

    const planned = runCli(['plan', 'new', '--workspace', 'forecast', '--date', '2026-04-21'], {
      cwd: root,
      env: onDay('2026-04-21')
    })
    expect(planned.code, planned.stderr).toBe(0)
    expect(planned.stderr).toContain('sop-lint: wrote plans/2026-04-21_next_session.plan.md')
    expect(existsSync(path.join(root, 'projects/labs/forecast/plans/2026-04-21_next_session.plan.md'))).toBe(true)
    expect(existsSync(path.join(root, 'plans'))).toBe(false)

    writeFiles(root, {[searchPlan]: read(root, searchPlan).replace('## Validation matrix', '## Checks')})
    // On the plan's day, so that --fix does not also write today's plan.
    const fixed = runCli(['--fix'], {cwd: path.join(root, 'projects/search'), env: onDay('2026-04-07')})
    expect(fixed.stderr).toContain(`sop-lint: fixed plans/2026-04-07_next_session.plan.md`)
    expect(read(root, searchPlan)).toContain('## Validation matrix')
    expect(read(root, 'projects/billing/plans/2026-04-20_next_session.plan.md')).toBe(
      read(path.join(projectRoot, 'fixtures/monorepo'), 'projects/billing/plans/2026-04-20_next_session.plan.md')
    )

    const closed = runCli(['ledger', 'close', '--actual', '141000', '--workspace', 'search'], {cwd: root})
    expect(closed.code, closed.stderr).toBe(0)
    expect(read(root, 'projects/search/docs/Ledgers/Token_Churn_Ledger.csv')).toContain(
      ',next_session_planning,150000,141000,-9000,'
    )
    const report = runCli(['report', '--out', 'search.html'], {cwd: path.join(root, 'projects/search')})
    expect(report.code, report.stderr).toBe(0)
    expect(read(root, 'projects/search/search.html')).toContain('141,000')
  })

  test('paths from the repository root and from projects/ resolve; a citation into a sibling is checked against the sibling’s file; nothing outside the repository is read', () => {
    const root = monorepo()
    // The fixture's forecast plan reads `projects/billing/…` and `search/PROGRESS.md`, its SOP cites billing's lines: all resolve.
    expect(runCli([], {cwd: root}).code).toBe(0)
    writeFileSync(path.join(root, '..', 'outside.md'), 'not of the repository\n')
    writeFiles(root, {
      [forecastSop]: read(root, forecastSop)
        .replace('planning.md:1-4', 'planning.md:1-9')
        .replace('PROGRESS.md:3', 'PROGRESS.md:30'),
      [forecastPlan]: read(root, forecastPlan).replace('3. `search/PROGRESS.md`', '3. `../../../../outside.md`')
    })
    const result = runCli(['--workspace', 'forecast'], {cwd: root})
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(
      / 3:33 +error +Citation `billing\/docs\/SOP\/planning\.md:1-9` cites lines 1-9, but `projects\/billing\/docs\/SOP\/planning\.md` has 5 lines/
    )
    expect(result.stdout).toMatch(
      / 4:37 +error +Citation `projects\/search\/PROGRESS\.md:30` cites line 30, but `projects\/search\/PROGRESS\.md` has 6 lines/
    )
    expect(result.stdout).toMatch(
      / 18:4 +warning +Required reading `\.\.\/\.\.\/\.\.\/\.\.\/outside\.md` climbs out of the repository/
    )
  })

  test('--commit checks every workspace of the commit, judged against its date; --changed-since REV only those it changes since REV', () => {
    const root = monorepo()
    gitOk(root, ['add', '-A'])
    gitOk(root, ['commit', '-q', '-m', 'Adopt sop-lint'], {date: day})
    writeFiles(root, {'projects/billing/src/refunds.py': '"Refunds, changed."\n'})
    gitOk(root, ['commit', '-q', '-am', 'Refunds'], {date: day})
    const all = runCli(['--commit', 'HEAD'], {cwd: root})
    expect(all.code).toBe(1)
    expect(all.stdout).toContain('workspace projects/search:\nprojects/search/plans/2026-04-07_next_session.plan.md\n')
    expect(all.stdout).toMatch(
      /error +The newest plan `2026-04-07_next_session\.plan\.md` is dated 2026-04-07, older than the work of commit/
    )
    const changed = runCli(['--commit', 'HEAD', '--changed-since', 'HEAD~1'], {cwd: root})
    expect(changed.code, changed.stdout).toBe(0)
    expect(changed.stdout).toBe('')
    expect(runCli(['--changed-since', 'HEAD~1'], {cwd: root}).stderr).toBe(
      'sop-lint: --changed-since goes with --commit: the workspaces a commit changes since REV\n'
    )
    expect(runCli(['--commit', 'HEAD', '--changed-since', 'nowhere'], {cwd: root}).stderr).toBe(
      'sop-lint: --changed-since nowhere: not a commit in this repository\n'
    )
  })

  test('files named at the root (lint-staged) are checked in the workspace each lies in, with its config', () => {
    const root = monorepo()
    writeFiles(root, {[searchPlan]: read(root, searchPlan).replace('## Handoff requirements', '## Notes')})
    const result = runCli([searchPlan, 'projects/billing/progress.md', 'README.md'], {cwd: root})
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(`workspace projects/search:\n${searchPlan}\n`)
    expect(result.stdout).toContain('Missing section “Handoff requirements”')
    expect(result.stdout).not.toContain('workspace projects/billing')
  })

  test('without "workspaces" the repository is one workspace, as before', () => {
    const root = monorepo({'.remarkrc.json': '{"plugins": [["sop-lint", {}]]}\n'})
    const result = runCli([], {cwd: path.join(root, 'projects/search')})
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('No plan in `plans/`')
    expect(result.stdout).not.toContain('workspace ')
    expect(runCli(['--workspace', 'search'], {cwd: root}).stderr).toContain('declares no workspaces')
  })

  test('a baseline is each workspace’s own: --suppress-all in a workspace records its errors there, and the check at the root takes them out', () => {
    const root = monorepo({
      'projects/search/.remarkrc.json':
        '{"plugins": [["sop-lint", {"paths": {"progress": "PROGRESS.md", "handoff": "HANDOFF.md"}}]]}\n'
    })
    const before = runCli([], {cwd: root})
    expect(before.code).toBe(1)
    expect(before.stdout).toMatch(/error +Budget target 150K is outside/)
    const recorded = runCli(['--suppress-all'], {cwd: path.join(root, 'projects/search')})
    expect(recorded.code, recorded.stdout).toBe(0)
    expect(existsSync(path.join(root, 'projects/search/sop-lint-suppressions.json'))).toBe(true)
    expect(existsSync(path.join(root, 'sop-lint-suppressions.json'))).toBe(false)
    const after = runCli([], {cwd: root})
    expect(after.code, after.stdout).toBe(0)
    expect(after.stdout).toContain(
      'sop-lint: 3 workspaces checked; no errors\n2 problems suppressed (sop-lint-suppressions.json)\n'
    )
  })

  test('init at the root finds the workspaces, writes their list, and adopts each on its own; a second run changes nothing', () => {
    const root = monorepo({
      '.remarkrc.json': null,
      'projects/search/.remarkrc.json': null,
      'projects/labs/notes/README.md': 'not a workspace\n'
    })
    const first = runCli(['init'], {cwd: root, env: onDay('2026-04-20')})
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toContain(
      '.remarkrc.json (workspaces: projects/billing, projects/labs/forecast, projects/search), projects/billing/.remarkrc.json (the sop-lint preset with the adoption date, 2026-04-20)'
    )
    expect(JSON.parse(read(root, '.remarkrc.json'))).toEqual({
      plugins: [['sop-lint', {workspaces: ['projects/billing', 'projects/labs/forecast', 'projects/search']}]]
    })
    // Each workspace's layout, found in its folder: search's PROGRESS.md and HANDOFF.md.
    expect(JSON.parse(read(root, 'projects/search/.remarkrc.json'))).toEqual({
      plugins: [
        ['sop-lint', {paths: {progress: 'PROGRESS.md', handoff: 'HANDOFF.md'}, hook: {adoptedOn: '2026-04-20'}}]
      ]
    })
    // forecast's first check reads its siblings' files from the repository, as every check does: no error to put in a baseline.
    expect(first.stdout).toContain('sop-lint init: projects/labs/forecast: the first check finds no error')
    const second = runCli(['init'], {cwd: root, env: onDay('2026-04-20')})
    expect(second.stdout).toContain('already set up; nothing changed')
  })
})

/** The fixture with init run and everything pushed, without the hook: the repository as it was when the monorepo adopted sop-lint. */
function pushedMonorepo(files: Record<string, string> = {}) {
  const {work, remote} = makeRepository({...fixture('monorepo'), ...files})
  installTools(work)
  // Adopted the day before the work the tests push.
  const init = runCli(['init'], {cwd: work, env: onDay('2026-04-19')})
  expect(init.code, init.stderr).toBe(0)
  commitAll(work, 'Adopt sop-lint')
  gitOk(work, ['push', '-q', '--no-verify', 'origin', 'main'])
  return {work, remote}
}

function commitAll(work: string, message: string): void {
  gitOk(work, ['add', '-A'])
  gitOk(work, ['commit', '-q', '--no-verify', '-m', message], {date: day})
}

function touch(work: string, ...files: string[]): void {
  for (const file of files)
    writeFileSync(path.join(work, file), `${readFileSync(path.join(work, file), 'utf8')}# changed\n`)
}

const slow = {timeout: 300_000}

describe('git push through the husky hook of a monorepo', slow, () => {
  test('only A changed (A fresh and valid, B stale): accepted; B changed: blocked naming B; both: blocked on B only; only root files: accepted', () => {
    const {work, remote} = pushedMonorepo()
    touch(work, 'projects/billing/src/refunds.py')
    commitAll(work, 'Refunds, billing only')
    const onlyA = git(work, ['push', 'origin', 'main'])
    expect(onlyA.code, onlyA.stderr).toBe(0)
    expect(refOid(remote, 'refs/heads/main')).toBe(refOid(work, 'HEAD'))

    touch(work, 'projects/search/src/ranking.py')
    commitAll(work, 'Ranking, search only')
    const onlyB = git(work, ['push', 'origin', 'main'])
    expect(onlyB.code).not.toBe(0)
    expect(onlyB.stderr).toContain(
      'sop-lint: push blocked: workspace projects/search has no fresh, valid plan in what you push'
    )
    expect(onlyB.stderr).toContain(
      'workspace projects/search lacks a fresh plan: its newest, `2026-04-07_next_session.plan.md`, is older than the work:\nprojects/search/plans/2026-04-07_next_session.plan.md\n'
    )
    expect(onlyB.stderr).toMatch(
      /1:1 +error +The newest plan `2026-04-07_next_session\.plan\.md` is dated 2026-04-07, older than the work of commit [0-9a-f]{10} \(2026-04-20\)/
    )
    expect(onlyB.stderr).toContain(
      'In projects/search/: To fix: run `npx sop-lint --fix`, fill in the TODOs it leaves, commit, and push again.'
    )
    expect(onlyB.stderr).not.toContain('billing')

    touch(work, 'projects/billing/src/dunning.py')
    commitAll(work, 'Dunning, billing again')
    const both = git(work, ['push', 'origin', 'main'])
    expect(both.code).not.toBe(0)
    expect(both.stderr).toContain('workspace projects/search lacks a fresh plan')
    expect(both.stderr).not.toContain('billing')

    gitOk(work, ['reset', '-q', '--hard', 'origin/main'])
    touch(work, 'README.md', 'ci/check.sh')
    commitAll(work, 'Root files only')
    const root = git(work, ['push', 'origin', 'main'])
    expect(root.code, root.stderr).toBe(0)
    expect(root.stderr).not.toContain('push blocked')
  })

  test('a workspace adopted after the commit pushed is not judged by it (hook.adoptedOn of its own config), and the push says so', () => {
    const {work} = pushedMonorepo()
    const config = path.join(work, 'projects/search/.remarkrc.json')
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace('"adoptedOn": "2026-04-19"', '"adoptedOn": "2026-04-25"')
    )
    touch(work, 'projects/search/src/ranking.py')
    commitAll(work, 'Ranking, before search adopted sop-lint')
    const push = git(work, ['push', 'origin', 'main'])
    expect(push.code, push.stderr).toBe(0)
    expect(push.stderr).toMatch(
      /sop-lint: refs\/heads\/main — commit [0-9a-f]{10} \(2026-04-20\): workspace projects\/search adopted sop-lint on 2026-04-25 \(hook\.adoptedOn\), after this commit was made: not checked/
    )
  })

  test('a new branch is judged by its commits not yet on any remote ref', () => {
    const {work} = pushedMonorepo()
    gitOk(work, ['checkout', '-q', '-b', 'refunds'])
    touch(work, 'projects/billing/src/refunds.py')
    commitAll(work, 'Refunds')
    const billing = git(work, ['push', 'origin', 'refunds'])
    expect(billing.code, billing.stderr).toBe(0)
    gitOk(work, ['checkout', '-q', '-b', 'ranking', 'main'])
    touch(work, 'projects/search/tests/test_ranking.py')
    commitAll(work, 'Ranking')
    const search = git(work, ['push', 'origin', 'ranking'])
    expect(search.code).not.toBe(0)
    expect(search.stderr).toContain('refs/heads/ranking — commit')
    expect(search.stderr).toContain('workspace projects/search lacks a fresh plan')
  })

  test('hook.outsideWorkspaces "every-workspace": a push of root files only is judged for every workspace', () => {
    const {work} = pushedMonorepo({
      '.remarkrc.json':
        '{"plugins": [["sop-lint", {"workspaces": ["projects/*", "projects/labs/*"], "hook": {"outsideWorkspaces": "every-workspace"}}]]}\n'
    })
    touch(work, 'README.md')
    commitAll(work, 'Root files only')
    const push = git(work, ['push', 'origin', 'main'])
    expect(push.code).not.toBe(0)
    expect(push.stderr).toContain('sop-lint: push blocked: workspace projects/search has no fresh, valid plan')
  })

  test('a workspace the push changes takes its result from the cache of the check run at the root; the others are not looked at', () => {
    const {work} = pushedMonorepo()
    touch(work, 'projects/billing/src/refunds.py')
    commitAll(work, 'Refunds')
    const check = runCli([], {cwd: work, env: {SOP_LINT_DEBUG_CACHE: '1'}})
    expect(check.code, check.stdout).toBe(0)
    expect(check.stderr.match(/results checked and cached/g)).toHaveLength(3)
    const push = git(work, ['push', 'origin', 'main'], {env: {SOP_LINT_DEBUG_CACHE: '1'}})
    expect(push.code, push.stderr).toBe(0)
    expect(push.stderr.match(/^sop-lint: results .*$/gm)).toEqual([
      expect.stringMatching(/^sop-lint: results from the cache \(\d+ questions hold; /)
    ])
  })
})

describe('what a monorepo’s push loads', slow, () => {
  test('after sop-lint in the workspace it changes, the root config’s workspaces are taken as that check validated them, without the schema; other options are validated again', () => {
    const {work, remote} = pushedMonorepo()
    touch(work, 'projects/billing/src/refunds.py')
    commitAll(work, 'Refunds')
    const check = runCli([], {cwd: path.join(work, 'projects/billing'), env: onDay('2026-04-20')})
    expect(check.code, check.stdout).toBe(0)
    const push = () =>
      loadedCode(['hook', 'pre-push', 'origin', 'url'], {
        cwd: work,
        input: `refs/heads/main ${refOid(work, 'HEAD')} refs/heads/main ${refOid(remote, 'refs/heads/main')}\n`,
        env: {...onDay('2026-04-20'), SOP_LINT_DEBUG_CACHE: '1'}
      })
    const hook = push()
    expect(hook.run.code, hook.run.stderr).toBe(0)
    expect(hook.run.stderr).toMatch(/^sop-lint: results from the cache/m)
    // zod's own error class: the validator was not loaded.
    expect(hook.code).not.toContain('ZodError')

    // Workspaces written as one string, not a list: options no check validated, so the schema judges them.
    writeFileSync(
      path.join(work, '.remarkrc.json'),
      JSON.stringify({plugins: [['sop-lint', {workspaces: 'projects/*'}]]})
    )
    commitAll(work, 'Workspaces as one glob')
    const invalid = push()
    expect(invalid.run.code).toBe(2)
    expect(invalid.run.stderr).toMatch(/^sop-lint: .*\.remarkrc\.json.*workspaces/m)
    expect(invalid.code).toContain('ZodError')
  })
})

describe('the language server opened at the monorepo root', () => {
  test('a document is checked in the nearest workspace above it, with that workspace’s config and files', async () => {
    const files = fixtureFiles('monorepo')
    const root = makeLinkedWorkspace(files)
    const client = LspClient.start()
    try {
      await client.initialize([root])
      // search's plan, without its Tasks: a plan of projects/search (not of the root, which has no plans/), whose handoff requirements name PROGRESS.md and HANDOFF.md as its own config does.
      const search = path.join(root, searchPlan)
      await client.open(search, files[searchPlan]!.replace(/## Tasks[\s\S]*?(?=## Validation matrix)/, ''))
      const searched = await client.diagnostics(search, {version: 1})
      expect(searched.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message])).toEqual([
        ['plan-sections', 'Missing section “Tasks”: add it before “Validation matrix”']
      ])
      // forecast's plan reads files of its siblings, from the root and from projects/: they resolve in the repository.
      const forecast = path.join(root, forecastPlan)
      await client.open(forecast, files[forecastPlan]!.replace('`search/PROGRESS.md`', '`search/STATUS.md`'))
      const forecasted = await client.diagnostics(forecast, {version: 1})
      expect(
        forecasted.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line, diagnostic.message])
      ).toEqual([
        [
          'required-reading',
          17,
          'Required reading `search/STATUS.md` does not exist: fix the path or remove the item (required reading must exist now)'
        ]
      ])
    } finally {
      await client.stop()
    }
  })
})

describe('the agent hooks in a monorepo', () => {
  const stop = (cwd: string) => ({
    session_id: 'c0ffee00-1234-4abc-8def-0000000000aa',
    cwd,
    hook_event_name: 'Stop',
    stop_hook_active: false
  })
  const start = (cwd: string) => ({
    session_id: 'c0ffee00-1234-4abc-8def-0000000000ab',
    cwd,
    hook_event_name: 'SessionStart',
    source: 'startup'
  })

  test('a session in a workspace is stopped and briefed on that workspace’s plan; one at the root, in no workspace, on none', () => {
    const root = monorepo()
    gitOk(root, ['add', '-A'])
    gitOk(root, ['commit', '-q', '-m', 'Work of this session'], {date: new Date().toISOString()})
    const cache = makeWorkspace({})
    const search = path.join(root, 'projects/search')
    const stopped = runCli(['hook', 'stop'], {
      cwd: search,
      input: JSON.stringify(stop(search)),
      env: {XDG_CACHE_HOME: cache}
    })
    expect(stopped.code).toBe(0)
    const decision = JSON.parse(stopped.stdout) as {decision: string; reason: string}
    expect(decision.decision).toBe('block')
    expect(decision.reason).toContain('the newest plan, `2026-04-07_next_session.plan.md`, is from 2026-04-07')
    expect(decision.reason).toContain('plan-fresh plans/2026-04-07_next_session.plan.md:1:1')
    const briefed = runCli(['hook', 'session-start'], {
      cwd: search,
      input: JSON.stringify(start(search)),
      env: {XDG_CACHE_HOME: cache}
    })
    const context = (JSON.parse(briefed.stdout) as {hookSpecificOutput: {additionalContext: string}}).hookSpecificOutput
      .additionalContext
    expect(context).toContain("this session's plan is `plans/2026-04-07_next_session.plan.md` (dated 2026-04-07)")
    expect(context).toContain('Budget: target 150K')

    const atRoot = runCli(['hook', 'stop'], {
      cwd: root,
      input: JSON.stringify(stop(root)),
      env: {XDG_CACHE_HOME: cache}
    })
    expect([atRoot.code, atRoot.stdout]).toEqual([0, ''])
    const rootBriefing = runCli(['hook', 'session-start'], {
      cwd: root,
      input: JSON.stringify(start(root)),
      env: {XDG_CACHE_HOME: cache}
    })
    expect(
      (JSON.parse(rootBriefing.stdout) as {hookSpecificOutput: {additionalContext: string}}).hookSpecificOutput
        .additionalContext
    ).toBe(
      "sop-lint: this session starts at the root of a monorepo, in none of its workspaces (projects/billing, projects/labs/forecast, projects/search); a session started in a workspace's folder is briefed on its plan."
    )
  })
})
