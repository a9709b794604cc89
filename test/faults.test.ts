/**
 * Faults (issue 9): what `--fix` does when the world does not hold still —
 * read-only files, someone else's edit between read and write, two fixes at
 * once, a process killed while it holds the lock, a full disk. Each leaves
 * every file whole (the old text or the new one) and says what it did not
 * write. (SIGKILL during a write and a file changed between read and write
 * are in test/fix.test.ts.) `npm test` builds first.
 */
import {execFileSync, spawn, spawnSync} from 'node:child_process'
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterEach, describe, expect, test, vi} from 'vitest'
import {resolveConfig} from '../src/engine/config.js'
import {fixWorkspace} from '../src/engine/fix/fix-workspace.js'
import {acquireFixLock} from '../src/engine/fix/lock.js'
import {writeChanges} from '../src/engine/fix/write-changes.js'
import {WorkingTreeSource} from '../src/workspace/source.js'
import {cliPath, onPlanDay, projectRoot, runCli} from './helpers/cli.js'
import {makeWorkspace} from './helpers/workspace.js'

const plan = 'plans/2026-02-13_next_session.plan.md'
const date = '2026-02-13'

/** fixtures/valid with its newest plan's Handoff section dropped and the handoff's pointer gone: three files to fix. */
function brokenWorkspace(): string {
  const root = makeWorkspace({})
  cpSync(path.join(projectRoot, 'fixtures/valid'), root, {recursive: true})
  const planFile = path.join(root, plan)
  writeFileSync(planFile, readFileSync(planFile, 'utf8').replace(/## Handoff requirements[\s\S]*$/, ''))
  writeFileSync(path.join(root, 'docs/SESSION_HANDOFF.md'), '# Handoff\n\nNotes for the next session.\n')
  const ledger = path.join(root, 'docs/Ledgers/Token_Churn_Ledger.csv')
  writeFileSync(ledger, readFileSync(ledger, 'utf8').split('\n').slice(0, 3).join('\n') + '\n')
  return root
}

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

function fixCli(root: string) {
  return runCli(['--fix', '--root', root], {env: onPlanDay(root)})
}

describe('read-only files and edits by someone else', () => {
  test('a read-only plan: --fix says so, leaves it byte for byte with its mode, fixes the other files, exits 1', () => {
    const root = brokenWorkspace()
    const planFile = path.join(root, plan)
    const text = readFileSync(planFile)
    chmodSync(planFile, 0o444)
    const fixed = fixCli(root)
    expect(fixed.stderr).toContain(
      `sop-lint: not written: ${plan} is read-only; make it writable and run --fix again to add what is missing`
    )
    expect(fixed.stderr).toContain('sop-lint: fixed docs/SESSION_HANDOFF.md')
    expect(fixed.stderr).toContain('sop-lint: fixed docs/Ledgers/Token_Churn_Ledger.csv')
    expect(fixed.code).toBe(1)
    expect(fixed.stdout).toContain('Missing section “Handoff requirements”')
    expect(readFileSync(planFile).equals(text)).toBe(true)
    expect(statSync(planFile).mode & 0o777).toBe(0o444)
  })

  test('a row appended to the ledger by someone else between read and write is kept: the fix is skipped, not written over it', async () => {
    const root = brokenWorkspace()
    const ledger = path.join(root, 'docs/Ledgers/Token_Churn_Ledger.csv')
    const result = await fixWorkspace(new WorkingTreeSource(root), resolveConfig({}), {
      files: [],
      allPlans: false,
      date,
      cwd: root
    })
    expect(result.changes.map((change) => change.path)).toContain('docs/Ledgers/Token_Churn_Ledger.csv')
    const theirs = `${readFileSync(ledger, 'utf8')}2026-02-14,x,feature,,,,0,0,0,0,0,someone else's row\n`
    writeFileSync(ledger, theirs)
    writeFileSync(path.join(root, 'docs/SESSION_HANDOFF.md'), '# Handoff (rewritten)\n')
    const outcome = await writeChanges(root, result.changes)
    expect(outcome.skipped).toEqual(
      expect.arrayContaining([
        {
          path: 'docs/Ledgers/Token_Churn_Ledger.csv',
          reason: 'changed on disk while sop-lint was fixing it; run --fix again'
        },
        {path: 'docs/SESSION_HANDOFF.md', reason: 'changed on disk while sop-lint was fixing it; run --fix again'}
      ])
    )
    expect(outcome.written).toEqual([plan])
    expect(readFileSync(ledger, 'utf8')).toBe(theirs)
  })

  test('a file --fix would create, created by someone else meanwhile, is theirs', async () => {
    const root = brokenWorkspace()
    rmSync(path.join(root, 'plans'), {recursive: true})
    const result = await fixWorkspace(new WorkingTreeSource(root), resolveConfig({}), {
      files: [],
      allPlans: false,
      date,
      cwd: root
    })
    const created = result.changes.find((change) => change.before === undefined && change.path.startsWith('plans/'))!
    mkdirSync(path.join(root, 'plans'))
    writeFileSync(path.join(root, created.path), '# Their plan\n')
    const outcome = await writeChanges(root, result.changes)
    expect(outcome.skipped).toContainEqual({path: created.path, reason: 'was created by someone else meanwhile'})
    expect(readFileSync(path.join(root, created.path), 'utf8')).toBe('# Their plan\n')
  })
})

describe('two --fix processes at once', () => {
  test('the second one to start while the first holds the lock stops, says so, exit 2, and writes nothing', () => {
    const root = brokenWorkspace()
    execFileSync('git', ['init', '-q', root])
    const lock = acquireFixLock(root)
    const before = snapshot(root)
    try {
      expect(lock.path).toBe('.git/sop-lint-fix.lock')
      const loser = fixCli(root)
      expect(loser.code).toBe(2)
      expect(loser.stdout).toBe('')
      expect(loser.stderr).toBe(
        `sop-lint: another sop-lint --fix (pid ${process.pid}) is fixing this repository: wait for it to finish, then run --fix again (lock: .git/sop-lint-fix.lock)\n`
      )
      expect(snapshot(root)).toEqual(before)
      // A check (no --fix) does not wait for the lock: it writes nothing.
      expect(runCli(['--root', root]).code).toBe(1)
    } finally {
      lock.release()
    }
    expect(fixCli(root).code).not.toBe(2)
    expect(existsSync(path.join(root, '.git/sop-lint-fix.lock'))).toBe(false)
  })

  test('a lock left by a process killed with SIGKILL is taken over', async () => {
    const root = brokenWorkspace()
    // A process that takes the lock and is killed holding it.
    const holder = spawn(process.execPath, [
      '--input-type=module',
      '-e',
      `const {acquireFixLock} = await import(${JSON.stringify(path.join(projectRoot, 'dist/src/engine/fix/lock.js'))}); acquireFixLock(${JSON.stringify(root)}); console.log('held'); setInterval(() => {}, 1000)`
    ])
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()))
    expect(existsSync(path.join(root, '.sop-lint-fix.lock'))).toBe(true)
    holder.kill('SIGKILL')
    await new Promise((resolve) => holder.once('exit', resolve))
    const fixed = fixCli(root)
    expect(fixed.code, fixed.stderr).not.toBe(2)
    expect(fixed.stderr).toContain(`sop-lint: fixed ${plan}`)
    expect(existsSync(path.join(root, '.sop-lint-fix.lock'))).toBe(false)
  })

  test('started together, again and again: every file ends as one whole fix, the loser says so, no lock or temporary file is left', async () => {
    const reference = brokenWorkspace()
    fixCli(reference)
    const fixedOnce = snapshot(reference)
    let lockSeen = 0
    for (let round = 0; round < 6; round++) {
      const root = brokenWorkspace()
      const run = () =>
        new Promise<{code: number | null; stderr: string}>((resolve) => {
          const child = spawn(process.execPath, [cliPath, '--fix', '--root', root], {
            env: {...process.env, NO_COLOR: '1', ...onPlanDay(root)}
          })
          let stderr = ''
          child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
          child.on('exit', (code) => resolve({code, stderr}))
        })
      const results = await Promise.all([run(), run()])
      for (const result of results) {
        expect(result.stderr).not.toMatch(/^\s+at /m)
        expect(result.stderr).not.toContain('internal error')
        if (result.code === 2) {
          lockSeen++
          expect(result.stderr).toMatch(
            /^sop-lint: another sop-lint --fix \(pid \d+\) is fixing this repository: wait for it to finish, then run --fix again \(lock: \.sop-lint-fix\.lock\)\n$/
          )
        }
      }
      // Whoever won, the files are those of one whole fix: never a mix, never half a file.
      const after = snapshot(root)
      expect([...after.keys()].sort()).toEqual([...fixedOnce.keys()].sort())
      for (const [file, bytes] of fixedOnce)
        expect(after.get(file)?.toString('utf8'), file).toBe(bytes.toString('utf8'))
    }
    // On two cores the second process starts while the first still fixes, in most rounds.
    expect(lockSeen).toBeGreaterThan(0)
  }, 120_000)
})

/** Mounts a tmpfs of `size` at a new folder; `undefined` where mounting is not allowed (not root, a container without the right). */
function tinyDisk(size: string): {folder: string; unmount(): void} | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined
  const folder = mkdtempSync(path.join(tmpdir(), 'sop-lint-disk-'))
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', folder])
  if (mounted.status !== 0) {
    rmSync(folder, {recursive: true, force: true})
    return undefined
  }
  return {
    folder,
    unmount() {
      spawnSync('umount', [folder])
      rmSync(folder, {recursive: true, force: true})
    }
  }
}

const disks: Array<{unmount(): void}> = []
afterEach(() => {
  for (const disk of disks.splice(0)) disk.unmount()
})

describe('a full disk (ENOSPC)', () => {
  // SOP_LINT_NO_TMPFS=1 runs the injected failure instead, as where mounting is not allowed.
  const probe = process.env.SOP_LINT_NO_TMPFS ? undefined : tinyDisk('64k')
  probe?.unmount()

  test.skipIf(!probe)(
    'on a full tmpfs every write fails: each file is as it was, the reason is said, no temporary file is left, exit 1',
    () => {
      const disk = tinyDisk('512k')!
      disks.push(disk)
      const root = path.join(disk.folder, 'repo')
      cpSync(brokenWorkspace(), root, {recursive: true})
      const before = snapshot(root)
      // Fill the disk to the last block.
      const filler = path.join(disk.folder, 'filler')
      spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=4k'], {stdio: 'ignore'})
      const fixed = fixCli(root)
      expect(fixed.stderr).not.toMatch(/^\s+at /m)
      expect(fixed.stderr).not.toContain('internal error')
      expect(fixed.stderr).toContain(
        `sop-lint: not written: ${plan} cannot be written (no space left on device, ENOSPC); the file is as it was`
      )
      expect(fixed.stderr).not.toMatch(/sop-lint: (fixed|created)/)
      expect(fixed.code).toBe(1)
      expect(snapshot(root)).toEqual(before)
      // Room again: the same fix goes through.
      rmSync(filler)
      const again = fixCli(root)
      expect(again.stderr).toContain(`sop-lint: fixed ${plan}`)
    }
  )

  test.skipIf(!!probe)(
    '(no tmpfs here: the failure injected) a write that fails with ENOSPC is reported and leaves the file as it was',
    async () => {
      const root = brokenWorkspace()
      const result = await fixWorkspace(new WorkingTreeSource(root), resolveConfig({}), {
        files: [],
        allPlans: false,
        date,
        cwd: root
      })
      const before = snapshot(root)
      vi.resetModules()
      // A full disk as the temporary file is written: every write fails, so the target is never renamed over.
      vi.doMock('node:fs', async (importOriginal) => ({
        ...(await importOriginal<typeof import('node:fs')>()),
        writeSync: () => {
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), {code: 'ENOSPC'})
        }
      }))
      try {
        const {writeChanges: writeOnFullDisk} = await import('../src/engine/fix/write-changes.js')
        const outcome = await writeOnFullDisk(root, result.changes)
        expect(outcome.written).toEqual([])
        expect(outcome.skipped).toContainEqual({
          path: plan,
          reason: 'cannot be written (no space left on device, ENOSPC); the file is as it was'
        })
      } finally {
        vi.doUnmock('node:fs')
        vi.resetModules()
      }
      expect(snapshot(root)).toEqual(before)
    }
  )
})

test('no temporary file is left after --fix', () => {
  const root = brokenWorkspace()
  fixCli(root)
  const leftovers = [...snapshot(root).keys()].filter((file) => /\.\d+$|\.tmp/.test(file) && !file.startsWith('.git/'))
  expect(leftovers).toEqual([])
})
