/**
 * The second file source: a commit's tree read from git objects. Every check
 * must give the same messages on it as on the working tree holding the same
 * files, with one `git cat-file --batch` process for the whole check.
 */
import {readdirSync, symlinkSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {loadConfig} from '../src/engine/load-config.js'
import {CatFile} from '../src/git/cat-file.js'
import {checkWorkspace} from '../src/engine/check-workspace.js'
import {materialize} from '../src/engine/cache/materialize.js'
import {checkCommit} from '../src/engine/commit-check.js'
import {GitRepository} from '../src/git/repository.js'
import {GitTreeSource} from '../src/workspace/git-tree-source.js'
import {gitBlobOid} from '../src/tokens/blob-oid.js'
import {WorkingTreeSource} from '../src/workspace/source.js'
import {Workspace} from '../src/workspace/workspace.js'
import {projectRoot} from './helpers/cli.js'
import {fixture, gitOk, makeRepository, writeFiles} from './helpers/git.js'
import {describeMessage} from './helpers/lint.js'

const options = {allPlans: false, date: '2026-02-13', cwd: '/'}
const commitOptions = {date: options.date, cache: false}

function committed(files: Record<string, string>): string {
  const {work} = makeRepository(files)
  gitOk(work, ['add', '-A'])
  gitOk(work, ['commit', '-q', '--no-verify', '-m', 'Workspace'])
  return work
}

/** The files' check of the working tree; plan-fresh, which judges the day of the work (a commit's, or today), is left to the commit's check. */
async function workingTreeMessages(root: string): Promise<string[]> {
  const {config} = await loadConfig(root)
  const files = await checkWorkspace(new Workspace(new WorkingTreeSource(root), config), {
    files: [],
    ...options,
    cwd: root
  })
  return describe_(files).filter((message) => !message.includes(' plan-fresh '))
}

async function commitMessages(
  root: string,
  revision = 'HEAD',
  longLived = true
): Promise<{messages: string[]; processes: number}> {
  const repository = new GitRepository(root, {longLived})
  try {
    const {files} = await checkCommit(repository, repository.commit(revision), {...commitOptions, cwd: root})
    return {
      messages: describe_(materialize(files, repository.root, root)).filter(
        (message) => !message.includes(' plan-fresh ')
      ),
      processes: repository.objects.processes
    }
  } finally {
    repository.close()
  }
}

function describe_(files: Awaited<ReturnType<typeof checkWorkspace>>): string[] {
  return files.flatMap((file) => file.messages.map((message) => `${file.path} ${describeMessage(message)}`))
}

describe('a commit’s tree gives the same messages as the working tree', {timeout: 120_000}, () => {
  const failures = readdirSync(path.join(projectRoot, 'fixtures/failures')).map((name) => `failures/${name}`)
  for (const name of ['valid', 'demo', ...failures]) {
    test(`fixtures/${name}, with one git cat-file process`, async () => {
      const root = committed(fixture(name))
      const expected = await workingTreeMessages(root).catch((error: Error) => [`throws ${error.message}`])
      const actual = await commitMessages(root).catch((error: Error) => ({
        messages: [`throws ${error.message}`],
        processes: 1
      }))
      expect(actual.messages).toEqual(expected)
      expect(actual.processes).toBe(1)
    })
  }

  test('the fallback (one cat-file run per read) gives the same messages', async () => {
    const root = committed(fixture('failures/missing-sections'))
    const expected = await workingTreeMessages(root)
    const {messages, processes} = await commitMessages(root, 'HEAD', false)
    expect(messages).toEqual(expected)
    expect(processes).toBeGreaterThan(1)
  })
})

describe('reading the commit, not the working tree', {timeout: 120_000}, () => {
  test('uncommitted edits, new files and deletions do not count', async () => {
    const root = committed(fixture('valid'))
    const plan = 'plans/2026-02-13_next_session.plan.md'
    writeFiles(root, {
      [plan]: '# Broken\n',
      'plans/2026-02-14_next_session.plan.md': '# Newer, uncommitted\n',
      'progress.md': null
    })
    const {messages} = await commitMessages(root)
    expect(messages).toEqual([])
    expect(await workingTreeMessages(root)).not.toEqual([])
  })

  test('the remark config comes from the commit: JSON, and JavaScript that differs from the file on disk', async () => {
    const root = committed({
      ...fixture('failures/missing-sections'),
      '.remarkrc.mjs': "export default {plugins: [['sop-lint', {rules: {'plan-sections': 'off'}}]]}\n"
    })
    writeFiles(root, {'.remarkrc.mjs': "export default {plugins: [['sop-lint', {}]]}\n"})
    const {messages} = await commitMessages(root)
    expect(messages.filter((message) => message.includes('plan-sections'))).toEqual([])
    expect((await workingTreeMessages(root)).filter((message) => message.includes('plan-sections'))).not.toEqual([])

    writeFiles(root, {
      '.remarkrc.mjs': null,
      '.remarkrc.json': '{"plugins": [["sop-lint", {"rules": {"no-todo": "off"}}]]}\n'
    })
    gitOk(root, ['add', '-A'])
    gitOk(root, ['commit', '-q', '--no-verify', '-m', 'JSON config'])
    writeFiles(root, {'.remarkrc.json': '{"plugins": [["sop-lint", {"rules": {"plan-sections": "off"}}]]}\n'})
    const again = await commitMessages(root)
    expect(again.messages.filter((message) => message.includes('plan-sections'))).not.toEqual([])
  })

  test('files, folders, symbolic links and odd paths', async () => {
    const root = committed({'docs/a.md': '# A\n', 'docs/sub/b.md': '# B\n'})
    symlinkSync('a.md', path.join(root, 'docs/link.md'))
    symlinkSync('../outside', path.join(root, 'docs/escape.md'))
    gitOk(root, ['add', '-A'])
    gitOk(root, ['commit', '-q', '--no-verify', '-m', 'Links'])
    const repository = new GitRepository(root)
    try {
      const source = GitTreeSource.at(repository, repository.commit('HEAD'))
      expect(source.list('docs')).toEqual(['a.md', 'escape.md', 'link.md', 'sub'])
      expect(source.list('')).toContain('docs')
      expect(source.isFile('docs/sub')).toBe(false)
      expect(source.exists('docs/sub')).toBe(true)
      expect(source.read('./docs//sub/../a.md')).toBe('# A\n')
      expect(source.read('docs/link.md')).toBe('# A\n')
      expect(source.isFile('docs/escape.md')).toBe(false)
      expect(source.exists('../docs/a.md')).toBe(false)
      expect(source.read('/etc/passwd')).toBeUndefined()
      expect(source.read('docs/missing.md')).toBeUndefined()
      expect(source.revision.date).toBe('2026-02-13')
      expect(source.contentId('docs/link.md')).toBe(gitBlobOid('# A\n'))
      expect(source.contentId('docs/sub')).toBeUndefined()
    } finally {
      repository.close()
    }
  })

  test('a commit’s tree and its checkout answer every question alike, links and odd paths included (what lets a cached result move between them)', async () => {
    const root = committed({'docs/a.md': '# A\n', 'docs/sub/b.md': '# B\n', 'notes.md': 'é 日本\n'})
    symlinkSync('a.md', path.join(root, 'docs/link.md'))
    symlinkSync('../../outside.md', path.join(root, 'docs/escape.md'))
    symlinkSync('/etc/hostname', path.join(root, 'docs/absolute.md'))
    symlinkSync('gone.md', path.join(root, 'docs/dangling.md'))
    symlinkSync('loop-b.md', path.join(root, 'docs/loop-a.md'))
    symlinkSync('loop-a.md', path.join(root, 'docs/loop-b.md'))
    symlinkSync('sub', path.join(root, 'docs/folder-link'))
    gitOk(root, ['add', '-A'])
    gitOk(root, ['commit', '-q', '--no-verify', '-m', 'Links'])
    const paths = [
      '',
      'docs',
      'docs/a.md',
      'docs/sub',
      'docs/sub/b.md',
      'notes.md',
      'docs/link.md',
      'docs/escape.md',
      'docs/absolute.md',
      'docs/dangling.md',
      'docs/loop-a.md',
      'docs/folder-link',
      'docs/folder-link/b.md',
      'docs/missing.md',
      'missing/x.md',
      'notes.md/x',
      '../outside.md',
      '/etc/hostname',
      './docs//sub/../a.md'
    ]
    const repository = new GitRepository(root)
    try {
      const tree = GitTreeSource.at(repository, repository.commit('HEAD'))
      const disk = new WorkingTreeSource(root)
      const answers = (source: typeof tree | typeof disk) =>
        paths.map((file) => [
          file,
          source.exists(file),
          source.isFile(file),
          source.read(file),
          source.list(file),
          source.unusable(file),
          source.entries(file)
        ])
      expect(answers(tree)).toEqual(answers(disk))
      expect(tree.unusable('docs/loop-a.md')).toBe('loop')
      expect(tree.unusable('docs/folder-link/b.md')).toBe('link-folder')
      expect(tree.unusable('docs/dangling.md')).toBe('dangling')
      expect(tree.entries('docs')).toContainEqual(['link.md', 'link'])
      expect(tree.entries('docs/sub')).toEqual([['b.md', 'file']])
      expect(tree.entries('docs/folder-link')).toBeUndefined()
    } finally {
      repository.close()
    }
  })

  test('names that are not ASCII, and a folder whose name begins another’s (git sorts it as “a/”): read and listed as on disk', async () => {
    const root = committed({
      'docs/é 日本.md': '# Ü\n',
      'docs/a/x.md': '# X\n',
      'docs/a.b': 'dot\n',
      'docs/a-c.md': 'dash\n'
    })
    const repository = new GitRepository(root)
    try {
      const tree = GitTreeSource.at(repository, repository.commit('HEAD'))
      const disk = new WorkingTreeSource(root)
      expect(tree.read('docs/é 日本.md')).toBe('# Ü\n')
      expect(tree.list('docs')).toEqual(['a', 'a-c.md', 'a.b', 'é 日本.md'])
      expect(tree.entries('docs')).toEqual(disk.entries('docs'))
      expect(tree.contentId('docs/a.b')).toBe(gitBlobOid('dot\n'))
    } finally {
      repository.close()
    }
  })

  test('only the folders a check looks into are read: a large folder beside them costs nothing', async () => {
    const vendor = Object.fromEntries(
      Array.from({length: 200}, (_, index) => [`vendor/lib${index % 10}/file${index}.js`, `// ${index}\n`])
    )
    const root = committed({...fixture('valid'), ...vendor})
    const vendorTree = gitOk(root, ['rev-parse', 'HEAD:vendor']).trim()
    const libTree = gitOk(root, ['rev-parse', 'HEAD:vendor/lib0']).trim()
    const repository = new GitRepository(root)
    const asked: string[] = []
    const read = repository.objects.read.bind(repository.objects)
    repository.objects.read = (names) => {
      asked.push(...names)
      return read(names)
    }
    try {
      await checkCommit(repository, repository.commit('HEAD'), {...commitOptions, cwd: root})
      expect(asked).not.toContain(vendorTree)
      expect(asked).not.toContain(libTree)
      expect(asked.length).toBeLessThan(60)
    } finally {
      repository.close()
    }
  })

  test('a workspace in a subfolder of the repository reads its own folder of the tree', async () => {
    const files = Object.fromEntries(
      Object.entries(fixture('failures/missing-sections')).map(([file, text]) => [`app/${file}`, text])
    )
    const root = committed({...files, 'plans/2026-12-31_next_session.plan.md': '# Not this workspace’s plan\n'})
    const app = path.join(root, 'app')
    const expected = await workingTreeMessages(app)
    const repository = new GitRepository(app)
    try {
      expect(repository.prefix).toBe('app')
      const {files} = await checkCommit(repository, repository.commit('HEAD'), {...commitOptions, cwd: app})
      expect(
        describe_(materialize(files, repository.root, app)).filter((message) => !message.includes(' plan-fresh '))
      ).toEqual(expected)
    } finally {
      repository.close()
    }
  })
})

describe('CatFile: one long-lived git cat-file --batch, read synchronously', {timeout: 120_000}, () => {
  test('many objects in one call, a large one, missing names, and a second call on the same process', () => {
    const files = Object.fromEntries(Array.from({length: 700}, (_, index) => [`f/${index}.txt`, `file ${index}\n`]))
    const large = 'x'.repeat(3_000_000)
    const root = committed({...files, 'large.txt': large})
    const objects = new CatFile(root)
    try {
      const names = Object.keys(files).map((file) => `HEAD:${file}`)
      const read = objects.read([...names, 'HEAD:no-such-file'])
      expect(read).toHaveLength(701)
      expect(read.slice(0, 700).map((object) => object?.content.toString())).toEqual(Object.values(files))
      expect(read[700]).toBeUndefined()
      const [blob] = objects.read(['HEAD:large.txt'])
      expect(blob?.type).toBe('blob')
      expect(blob?.content.toString()).toBe(large)
      expect(objects.read(['HEAD^{commit}'])[0]?.type).toBe('commit')
      expect(objects.processes).toBe(1)
      expect(() => objects.read(['HEAD:a\nb'])).toThrow(/line break/)
    } finally {
      objects.close()
    }
  })

  test('a commit or tree asked for again by its id is not asked of git again (a monorepo push asks for the same ones per workspace); names that can move and blobs are', () => {
    const root = committed({'a.txt': 'a\n'})
    // One git process per call: what each call asked of git shows in the count.
    const objects = new CatFile(root, {longLived: false})
    const head = objects.read(['HEAD^{commit}'])[0]!
    expect(objects.processes).toBe(1)
    const tree = /^tree ([0-9a-f]+)$/m.exec(head.content.toString())![1]!
    const [commit, treeObject] = objects.read([`${head.oid}^{commit}`, tree])
    expect([commit?.type, treeObject?.type, objects.processes]).toEqual(['commit', 'tree', 2])
    expect(objects.read([`${head.oid}^{commit}`, tree, `${head.oid}^{commit}`]).map((object) => object?.oid)).toEqual([
      head.oid,
      tree,
      head.oid
    ])
    expect(objects.processes).toBe(2)
    objects.read(['HEAD^{commit}'])
    expect(objects.processes).toBe(3)
    const blob = objects.read(['HEAD:a.txt'])[0]!
    objects.read([blob.oid])
    expect(objects.processes).toBe(5)
  })
})
