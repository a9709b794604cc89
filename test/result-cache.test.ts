/**
 * Check results kept in the cache (src/engine/cache/): a result is taken only while
 * every question the check asked of its files gets the same answer, from the
 * working tree or from a commit's tree. Taken, it reports exactly what a
 * check would; the pre-push hook judges the commit's date anew on it.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import {describe, expect, test} from 'vitest'
import {cachedCheck} from '../src/engine/cache/cached-check.js'
import type {CheckOutcome} from '../src/engine/cache/outcome.js'
import {stillHolds} from '../src/engine/cache/queries.js'
import {RecordingSource} from '../src/engine/cache/recording-source.js'
import {ResultStore} from '../src/engine/cache/result-store.js'
import {checkSource} from '../src/engine/check-source.js'
import {GitRepository} from '../src/git/repository.js'
import {GitTreeSource} from '../src/workspace/git-tree-source.js'
import type {FileSource} from '../src/workspace/source.js'
import {WorkingTreeSource} from '../src/workspace/source.js'
import {loadedCode, projectRoot, runCli} from './helpers/cli.js'
import {fixture, gitOk, makeRepository} from './helpers/git.js'
import {fixtureFiles, makeWorkspace, tempFolder} from './helpers/workspace.js'

const plan = 'plans/2026-02-13_next_session.plan.md'
const zero = '0'.repeat(40)

/** The CLI with its cache in a folder of the test's own, saying whether a result came from the cache. */
function cli(args: string[], cache: string, options: {cwd?: string; input?: string} = {}) {
  return runCli(args, {...options, env: {XDG_CACHE_HOME: cache, SOP_LINT_DEBUG_CACHE: '1'}})
}

const fromCache = /^sop-lint: results from the cache \(\d+ questions hold; /m
const checkedAndCached = /^sop-lint: results checked and cached \(\d+ questions; /m

describe('a result from the cache reports exactly what a check does', {timeout: 240_000}, () => {
  const failures = readdirSync(path.join(projectRoot, 'fixtures/failures')).map((name) => `failures/${name}`)
  const everyFormat = ['valid', 'demo', 'config-package-json', 'failures/ledger-delta']
  for (const name of ['valid', 'demo', 'config-package-json', 'config-mjs', 'config-ts', ...failures]) {
    const formats = everyFormat.includes(name) ? ['json', 'stylish', 'sarif', 'github'] : ['json']
    test(`fixtures/${name}: ${formats.join(', ')}`, () => {
      const root = makeWorkspace(fixtureFiles(name))
      const cache = tempFolder()
      const first = cli(['--root', root, '--format', 'json'], cache)
      for (const format of formats) {
        const fresh = runCli(['--root', root, '--format', format, '--no-cache'])
        const again = cli(['--root', root, '--format', format], cache)
        expect(again.stdout).toBe(fresh.stdout)
        expect(again.code).toBe(fresh.code)
        if (first.code === 2) {
          // A config that does not load is never a result.
          expect(again.stderr).toBe(fresh.stderr)
        } else {
          expect(first.stderr).toMatch(checkedAndCached)
          expect(again.stderr).toMatch(fromCache)
        }
      }
    })
  }

  test('--all-plans and the plain check keep results of their own; --no-cache neither takes nor keeps one', () => {
    const root = makeWorkspace(fixtureFiles('valid'))
    const cache = tempFolder()
    expect(cli(['--root', root, '--no-cache'], cache).stderr).toBe('')
    expect(existsSync(path.join(cache, 'sop-lint/results'))).toBe(false)
    expect(cli(['--root', root], cache).stderr).toMatch(checkedAndCached)
    expect(cli(['--root', root, '--all-plans'], cache).stderr).toMatch(checkedAndCached)
    expect(cli(['--root', root, '--all-plans'], cache).stderr).toMatch(fromCache)
    expect(readdirSync(path.join(cache, 'sop-lint/results'))).toHaveLength(2)
  })

  test('a result whose remark config is code is kept with the options the code gave: not taken once a module it imports gives others', () => {
    const root = makeWorkspace(fixtureFiles('config-mjs'))
    const cache = tempFolder()
    writeFileSync(
      path.join(root, '.remarkrc.mjs'),
      "import {window} from './team-window.mjs'\nexport default {plugins: [['sop-lint', {budget: {contextWindow: window}}]]}\n"
    )
    writeFileSync(path.join(root, 'team-window.mjs'), 'export const window = 200_000\n')
    expect(cli(['--root', root], cache).stderr).toMatch(checkedAndCached)
    expect(cli(['--root', root], cache).stderr).toMatch(fromCache)
    // The config's text is the same; what it imports is not.
    writeFileSync(path.join(root, 'team-window.mjs'), 'export const window = 100_000\n')
    const changed = cli(['--root', root, '--format', 'json'], cache)
    expect(changed.stderr).toMatch(checkedAndCached)
    expect(changed.stdout).toBe(runCli(['--root', root, '--format', 'json', '--no-cache']).stdout)
    expect(cli(['--root', root], cache).stderr).toMatch(fromCache)
  })

  test("a monorepo's workspace whose remark config is code is kept with its options, beside the root's code config", () => {
    const root = makeWorkspace(fixtureFiles('monorepo'))
    const cache = tempFolder()
    const search = path.join(root, 'projects/search')
    rmSync(path.join(root, '.remarkrc.json'))
    rmSync(path.join(search, '.remarkrc.json'))
    writeFileSync(
      path.join(root, '.remarkrc.mjs'),
      "export default {plugins: [['sop-lint', {workspaces: ['projects/*', 'projects/labs/*']}]]}\n"
    )
    writeFileSync(
      path.join(search, '.remarkrc.mjs'),
      "import {window} from './search-window.mjs'\nexport default {plugins: [['sop-lint', {paths: {progress: 'PROGRESS.md', handoff: 'HANDOFF.md'}, budget: {contextWindow: window}}]]}\n"
    )
    writeFileSync(path.join(search, 'search-window.mjs'), 'export const window = 200_000\n')
    expect(cli(['--root', root], cache).stderr.match(/results checked and cached/g)).toHaveLength(3)
    expect(cli(['--root', root], cache).stderr.match(/results from the cache/g)).toHaveLength(3)
    // The workspace's config is the same text; what it imports is not. The root's config gives what it gave.
    writeFileSync(path.join(search, 'search-window.mjs'), 'export const window = 20_000\n')
    const changed = cli(['--root', root, '--format', 'json'], cache)
    expect(changed.stderr.match(/results from the cache/g)).toHaveLength(2)
    expect(changed.stderr.match(/results checked and cached/g)).toHaveLength(1)
    expect(changed.stdout).toBe(runCli(['--root', root, '--format', 'json', '--no-cache']).stdout)
    expect(changed.stdout).toContain('ledger-planning-row')
  })

  test('a cache file that is not JSON, or cannot be written, is a check like any other', () => {
    const root = makeWorkspace(fixtureFiles('valid'))
    const cache = tempFolder()
    cli(['--root', root], cache)
    const [name] = readdirSync(path.join(cache, 'sop-lint/results'))
    writeFileSync(path.join(cache, 'sop-lint/results', name!), '{"version": 1, "results": [{"queries": ')
    const broken = cli(['--root', root], cache)
    expect(broken.code).toBe(0)
    expect(broken.stderr).toMatch(checkedAndCached)
    expect(cli(['--root', root], cache).stderr).toMatch(fromCache)

    // A file where the cache folder would go: no folder can be made there, even by root (permissions would not stop it).
    const blocked = path.join(tempFolder(), 'not-a-folder')
    writeFileSync(blocked, 'in the way\n')
    const unwritable = runCli(['--root', root, '--format', 'json'], {
      env: {XDG_CACHE_HOME: blocked, SOP_LINT_DEBUG_CACHE: '1'}
    })
    expect(unwritable.code).toBe(0)
    expect(unwritable.stderr).toMatch(
      /^sop-lint: results checked, not cached: .*not-a-folder\/sop-lint\/results\/[\da-f]{40}\.json cannot be written \(ENOTDIR\)\n$/
    )
    expect(readFileSync(blocked, 'utf8')).toBe('in the way\n')
    expect(unwritable.stdout).toBe(runCli(['--root', root, '--format', 'json', '--no-cache']).stdout)
  })

  test('an edit, a new file, a removed spec or a changed config is a new check', () => {
    const root = makeWorkspace(fixtureFiles('valid'))
    const cache = tempFolder()
    expect(cli(['--root', root], cache).code).toBe(0)
    writeFileSync(path.join(root, plan), readFileSync(path.join(root, plan), 'utf8').replace('## Tasks', '## Chores'))
    const edited = cli(['--root', root], cache)
    expect(edited.stderr).toMatch(checkedAndCached)
    expect(edited.code).toBe(1)
    expect(edited.stdout).toContain('plan-sections')

    const [spec] = readdirSync(path.join(root, 'features')).filter((file) => file.endsWith('.feature'))
    rmSync(path.join(root, 'features', spec!))
    const removed = cli(['--root', root], cache)
    expect(removed.stderr).toMatch(checkedAndCached)
    expect(removed.stdout).toContain(spec)

    writeFileSync(
      path.join(root, '.remarkrc.json'),
      JSON.stringify({
        plugins: [
          [
            'sop-lint',
            {
              rules: {
                'plan-sections': 'off',
                'spec-table': 'off',
                'validation-matrix': 'off',
                'task-fields': 'off',
                gherkin: 'off'
              }
            }
          ]
        ]
      })
    )
    const configured = cli(['--root', root], cache)
    expect(configured.stderr).toMatch(checkedAndCached)
    expect(configured.stdout).not.toContain('plan-sections')
  })
})

describe(
  'the pre-push hook takes the working tree’s result and judges the commit’s date anew',
  {timeout: 240_000},
  () => {
    function pushLine(work: string): string {
      return `refs/heads/main ${gitOk(work, ['rev-parse', 'HEAD']).trim()} refs/heads/main ${zero}\n`
    }

    test('after sop-lint on the same files the hook reads only git’s trees; a later commit date is still judged; a committed break is checked', () => {
      const {work} = makeRepository(fixture('valid'))
      gitOk(work, ['add', '-A'])
      gitOk(work, ['commit', '-q', '--no-verify', '-m', 'Workspace'])
      const cache = tempFolder()
      expect(cli(['--root', work], cache).stderr).toMatch(checkedAndCached)

      const hook = cli(['hook', 'pre-push', 'origin', 'url'], cache, {cwd: work, input: pushLine(work)})
      expect(hook.stderr).toMatch(fromCache)
      expect(hook.code).toBe(0)

      // The same tree committed a week after the plan: the files' result is the cached one, the date is judged.
      gitOk(work, ['commit', '-q', '--no-verify', '--allow-empty', '-m', 'Later'], {date: '2026-02-20T12:00:00+00:00'})
      const late = cli(['hook', 'pre-push', 'origin', 'url'], cache, {cwd: work, input: pushLine(work)})
      expect(late.stderr).toMatch(fromCache)
      expect(late.code).toBe(1)
      expect(late.stderr).toContain(
        `${plan}\n  1:1  error    The newest plan \`2026-02-13_next_session.plan.md\` is dated 2026-02-13, older than the work of commit`
      )
      expect(late.stderr).toContain('plan-fresh')
      const fresh = runCli(['hook', 'pre-push', 'origin', 'url', '--no-cache'], {cwd: work, input: pushLine(work)})
      expect(late.stderr.replace(/^sop-lint: results.*\n/m, '')).toBe(fresh.stderr)

      // An uncommitted break does not count; a committed one is checked anew.
      writeFileSync(path.join(work, plan), '# Broken plan\n')
      expect(cli(['--root', work], cache).code).toBe(1)
      gitOk(work, ['commit', '-q', '--no-verify', '--allow-empty', '-m', 'Same day'])
      const unchanged = cli(['hook', 'pre-push', 'origin', 'url'], cache, {cwd: work, input: pushLine(work)})
      expect(unchanged.stderr).toMatch(fromCache)
      expect(unchanged.code).toBe(0)
      gitOk(work, ['commit', '-q', '--no-verify', '-am', 'Break the plan'])
      const broken = cli(['hook', 'pre-push', 'origin', 'url'], cache, {cwd: work, input: pushLine(work)})
      expect(broken.code).toBe(1)
      expect(broken.stderr).toMatch(fromCache)
      expect(broken.stderr).toContain('plan-sections')
    })

    test('a real project: node_modules/ and .env at the root, ignored by git, do not stop the hook taking the result; a plan that names one does', () => {
      const {work} = makeRepository(fixture('valid'))
      writeFileSync(path.join(work, '.gitignore'), 'node_modules/\n.env\n')
      gitOk(work, ['add', '-A'])
      gitOk(work, ['commit', '-q', '--no-verify', '-m', 'Workspace'])
      // What `npm install` and a developer leave: neither is in the commit.
      mkdirSync(path.join(work, 'node_modules/left-pad'), {recursive: true})
      writeFileSync(path.join(work, 'node_modules/left-pad/package.json'), '{"name": "left-pad"}\n')
      writeFileSync(path.join(work, '.env'), 'API_TOKEN=local\n')
      const cache = tempFolder()
      expect(cli(['--root', work], cache).stderr).toMatch(checkedAndCached)
      const hook = cli(['hook', 'pre-push', 'origin', 'url'], cache, {cwd: work, input: pushLine(work)})
      expect(hook.stderr).toMatch(fromCache)
      expect(hook.code).toBe(0)
      // The cache is in the project's node_modules, where tools keep theirs.
      expect(readdirSync(path.join(work, 'node_modules/.cache/sop-lint/results')).length).toBeGreaterThan(0)

      // A plan that names .env: on disk it is there, in the commit it is not — the hook must not take the working tree's result.
      const planFile = path.join(work, plan)
      writeFileSync(
        planFile,
        readFileSync(planFile, 'utf8').replace(
          '## Tasks',
          '5. `.env` — the local settings the client reads\n\n## Tasks'
        )
      )
      gitOk(work, ['commit', '-q', '--no-verify', '-am', 'Read the settings'])
      expect(cli(['--root', work], cache).code).toBe(0)
      const named = cli(['hook', 'pre-push', 'origin', 'url'], cache, {cwd: work, input: pushLine(work)})
      expect(named.stderr).not.toMatch(fromCache)
      expect(named.stderr).toContain('required-reading')
      expect(named.code).toBe(1)
    })

    test('a check through a linked folder (--root with a link in its path) serves the hook at git’s top level', () => {
      const {work} = makeRepository(fixture('valid'))
      gitOk(work, ['add', '-A'])
      gitOk(work, ['commit', '-q', '--no-verify', '-m', 'Workspace'])
      const link = path.join(tempFolder(), 'linked')
      symlinkSync(work, link)
      const cache = tempFolder()
      expect(cli(['--root', link], cache).stderr).toMatch(checkedAndCached)
      const hook = cli(['hook', 'pre-push', 'origin', 'url'], cache, {cwd: work, input: pushLine(work)})
      expect(hook.stderr).toMatch(fromCache)
      expect(hook.code).toBe(0)
    })

    test('a push after sop-lint, and sop-lint again, load their share of the bundle only: not the rules, remark or the config’s schema', () => {
      const {work} = makeRepository(fixture('valid'))
      gitOk(work, ['add', '-A'])
      gitOk(work, ['commit', '-q', '--no-verify', '-m', 'Workspace'])
      const cache = tempFolder()
      const check = loadedCode(['--root', work], {cwd: work, env: {XDG_CACHE_HOME: cache, SOP_LINT_DEBUG_CACHE: '1'}})
      expect(check.run.stderr).toMatch(checkedAndCached)
      const hook = loadedCode(['hook', 'pre-push', 'origin', 'url'], {
        cwd: work,
        input: pushLine(work),
        env: {XDG_CACHE_HOME: cache, SOP_LINT_DEBUG_CACHE: '1'}
      })
      expect(hook.run.stderr).toMatch(fromCache)
      expect(hook.run.code).toBe(0)
      // About 110 KB today, 1.2 MB when the hook's imports reached the rules: the bound is between, with room to grow.
      expect(hook.bytes).toBeLessThan(250_000)
      expect(check.bytes).toBeGreaterThan(4 * hook.bytes)
      // What only a check of documents needs: a rule's id, zod's own error name, remark's parser.
      for (const text of ['ledger-schema', 'ZodError', 'micromark']) expect(hook.code).not.toContain(text)
      for (const text of ['ledger-schema', 'ZodError', 'micromark']) expect(check.code).toContain(text)
      // The same files checked again: the report, from the cache, is written without the engine (about 175 KB).
      const again = loadedCode(['--root', work], {cwd: work, env: {XDG_CACHE_HOME: cache, SOP_LINT_DEBUG_CACHE: '1'}})
      expect(again.run.stderr).toMatch(fromCache)
      expect(again.run.code).toBe(0)
      expect(again.bytes).toBeLessThan(300_000)
      for (const text of ['ledger-schema', 'ZodError', 'micromark']) expect(again.code).not.toContain(text)
    })

    test('sop-lint --commit takes it too, and rules.plan-fresh off turns the date judgement off', () => {
      const {work} = makeRepository({
        ...fixture('valid'),
        '.remarkrc.json': JSON.stringify({plugins: [['sop-lint', {rules: {'plan-fresh': 'off'}}]]})
      })
      gitOk(work, ['add', '-A'])
      gitOk(work, ['commit', '-q', '--no-verify', '-m', 'Workspace'], {date: '2026-03-30T12:00:00+00:00'})
      const cache = tempFolder()
      expect(cli(['--root', work], cache).code).toBe(0)
      const commit = cli(['--root', work, '--commit', 'HEAD', '--format', 'json'], cache)
      expect(commit.stderr).toMatch(fromCache)
      expect(commit.code).toBe(0)
    })
  }
)

describe('questions about a folder instead of each of its files', () => {
  test('a long history is a few questions: one per folder, not one per plan or spec', async () => {
    const plans = Object.fromEntries(
      Array.from({length: 300}, (_, index) => [
        `plans/2025-${String(1 + Math.floor(index / 28)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}_next_session.plan.md`,
        '# Old plan\n'
      ])
    )
    const root = makeWorkspace({...fixtureFiles('valid'), ...plans})
    const recording = new RecordingSource(new WorkingTreeSource(root))
    await checkSource(recording, {allPlans: false, date: '2026-02-13', cwd: root})
    // The newest plan is read; no other plan is asked about.
    expect(
      recording.queries.filter(([, file]) => file.startsWith('plans/')).map(([question, file]) => `${question} ${file}`)
    ).toEqual([`read ${plan}`])
    expect(recording.queries).toContainEqual(['entries', 'plans', expect.stringMatching(/^[\da-f]{40}$/)])
    expect(recording.queries.length).toBeLessThan(60)
  })

  test('a folder holding a link is asked about path by path: where the link leads may change while the folder does not', () => {
    const root = makeWorkspace({'docs/a.md': '# A\n', 'other/target.md': '# T\n'})
    symlinkSync('../other/target.md', path.join(root, 'docs/link.md'))
    const recording = new RecordingSource(new WorkingTreeSource(root))
    expect(recording.isFile('docs/link.md')).toBe(true)
    expect(recording.isFile('docs/a.md')).toBe(true)
    // The link is asked about on its own; the plain file is one of the names the folder answers for.
    expect(recording.queries).toEqual([
      ['kinds', 'docs', expect.stringMatching(/^[\da-f]{40}$/), ['a.md']],
      ['isFile', 'docs/link.md', '1']
    ])
    rmSync(path.join(root, 'other/target.md'))
    expect(stillHolds(recording.queries, new WorkingTreeSource(root))).toBe(false)
  })

  test('a path written loosely (./, .., a trailing slash) is asked about as written', () => {
    const root = makeWorkspace({'docs/a.md': '# A\n'})
    const recording = new RecordingSource(new WorkingTreeSource(root))
    recording.exists('docs/a.md')
    recording.exists('./docs/a.md')
    recording.exists('docs/a.md/')
    expect(recording.queries.map(([question, file]) => `${question} ${file}`)).toEqual([
      'kinds docs',
      'exists ./docs/a.md',
      'exists docs/a.md/'
    ])
  })
})

describe(
  'soundness: whatever changes between two checks, a cached result equals a fresh check',
  {timeout: 300_000},
  () => {
    const date = '2026-02-13'
    const options = {allPlans: false, date, cwd: '/'}
    type Change = (root: string) => void
    const spec = (root: string) => readdirSync(path.join(root, 'features')).find((file) => file.endsWith('.feature'))
    const changes: Record<string, Change> = {
      'append to the plan': (root) =>
        writeFileSync(path.join(root, plan), `${readFileSync(path.join(root, plan), 'utf8')}\n- TODO more\n`),
      'drop the plan’s Tasks heading': (root) =>
        writeFileSync(path.join(root, plan), readFileSync(path.join(root, plan), 'utf8').replace('## Tasks', 'Tasks')),
      'remove a spec': (root) => {
        const file = spec(root)
        if (file) rmSync(path.join(root, 'features', file))
      },
      'break a spec': (root) => {
        const file = spec(root)
        if (file) writeFileSync(path.join(root, 'features', file), 'Feature: x\n  Scenario x\n')
      },
      'a link among the specs': (root) => {
        const file = spec(root)
        if (file && !existsSync(path.join(root, 'features/alias.feature')))
          symlinkSync(file, path.join(root, 'features/alias.feature'))
      },
      'a spec renamed in capitals': (root) => {
        const file = spec(root)
        if (file)
          renameSync(
            path.join(root, 'features', file),
            path.join(root, 'features', file.toUpperCase().replace('.FEATURE', '.feature'))
          )
      },
      'add a newer plan': (root) =>
        writeFileSync(path.join(root, 'plans/2026-02-14_next_session.plan.md'), '# Plan 2026-02-14\n'),
      'edit a ledger cell': (root) => {
        const ledger = path.join(root, 'docs/Ledgers/Token_Churn_Ledger.csv')
        writeFileSync(
          ledger,
          readFileSync(ledger, 'utf8').replace(/,(\d{6}),/, (_, figure: string) => `,${Number(figure) + 1},`)
        )
      },
      'npm install and an .env at the root': (root) => {
        mkdirSync(path.join(root, 'node_modules/left-pad'), {recursive: true})
        writeFileSync(path.join(root, 'node_modules/left-pad/index.js'), 'module.exports = 1\n')
        writeFileSync(path.join(root, '.env'), 'TOKEN=1\n')
      },
      'the glossary renamed in lower case': (root) => {
        if (existsSync(path.join(root, 'AGENTS.md')))
          renameSync(path.join(root, 'AGENTS.md'), path.join(root, 'agents.md'))
      },
      'write a file again with the same text': (root) => {
        const ledger = path.join(root, 'docs/Ledgers/Token_Churn_Ledger.csv')
        writeFileSync(ledger, readFileSync(ledger))
      },
      'turn a rule off': (root) =>
        writeFileSync(
          path.join(root, '.remarkrc.json'),
          JSON.stringify({plugins: [['sop-lint', {rules: {'no-todo': 'off', 'plan-pointer': 'warn'}}]]})
        ),
      'a folder where the handoff was': (root) => {
        rmSync(path.join(root, 'docs/SESSION_HANDOFF.md'), {recursive: true, force: true})
        mkdirSync(path.join(root, 'docs/SESSION_HANDOFF.md'), {recursive: true})
      },
      'progress.md a link to the handoff': (root) => {
        rmSync(path.join(root, 'progress.md'), {recursive: true, force: true})
        symlinkSync('docs/SESSION_HANDOFF.md', path.join(root, 'progress.md'))
      },
      'back to the start': (root) => {
        for (const entry of readdirSync(root))
          if (entry !== '.git') rmSync(path.join(root, entry), {recursive: true, force: true})
        cpSync(path.join(projectRoot, 'fixtures/valid'), root, {recursive: true})
      }
    }

    /** The outcome through the cache, and whether it came from it. */
    async function throughCache(
      source: FileSource,
      store: ResultStore
    ): Promise<{outcome: CheckOutcome; hit: boolean}> {
      let hit = true
      const outcome = await cachedCheck({
        source,
        key: {root: source.root, date, allPlans: false},
        cache: true,
        store,
        run: (recording) => {
          hit = false
          return checkSource(recording, options)
        }
      })
      return {outcome, hit}
    }

    test('random sequences of changes, on the working tree and on commits of it', async () => {
      let hits = 0
      let gitHits = 0
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.constantFrom(...Object.keys(changes)), {minLength: 2, maxLength: 5}),
          async (sequence) => {
            const {work: root} = makeRepository(fixture('valid'))
            const store = new ResultStore(
              {build: 'test', root, date, allPlans: false},
              path.join(tempFolder(), 'results')
            )
            for (const change of sequence) {
              changes[change]!(root)
              const disk = new WorkingTreeSource(root)
              const fresh = await checkSource(disk, options)
              const cached = await throughCache(disk, store)
              expect(cached.outcome, `after “${change}” in ${sequence.join(' → ')}`).toEqual(fresh.outcome)
              if (cached.hit) hits++

              gitOk(root, ['add', '-A'])
              gitOk(root, ['commit', '-q', '--no-verify', '--allow-empty', '-m', change])
              const repository = new GitRepository(root)
              try {
                const commit = repository.commit('HEAD')
                const freshTree = await checkSource(GitTreeSource.at(repository, commit), options)
                const cachedTree = await throughCache(GitTreeSource.at(repository, commit), store)
                expect(cachedTree.outcome, `the commit after “${change}” in ${sequence.join(' → ')}`).toEqual(
                  freshTree.outcome
                )
                if (cachedTree.hit) gitHits++
              } finally {
                repository.close()
              }
            }
          }
        ),
        {numRuns: 20, seed: 20261201}
      )
      // The cache was used, not only filled: the same files were met again, and a commit met its working tree's result.
      expect(hits).toBeGreaterThan(0)
      expect(gitHits).toBeGreaterThan(0)
    })
  }
)
