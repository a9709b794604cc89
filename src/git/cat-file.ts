import {spawn, type ChildProcessByStdio} from 'node:child_process'
import {closeSync, mkdtempSync, openSync, readSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {Writable} from 'node:stream'
import {UsageError} from '../config/errors.js'
import {sleepSync} from './sleep-sync.js'
import {git, gitEnv} from './run.js'

/** One object as `git cat-file --batch` gives it. */
export interface GitObject {
  oid: string
  type: string
  content: Buffer
}

/**
 * Object contents from ONE long-lived `git cat-file --batch` process, read
 * synchronously (the checks read files through a synchronous API).
 *
 * How it stays synchronous without a worker thread (a worker costs about as
 * much as a second Node start-up, too much for a hook that runs on every
 * push): git's standard output goes to an unlinked temporary file that this
 * process reads at increasing offsets, sleeping in short steps
 * (`Atomics.wait`) while git has not answered yet; requests go down git's
 * standard input, which Node writes at once when the pipe has room (git
 * drains it continuously, its output never blocks on a file). Many names sent
 * in one {@link read} call are one round trip.
 *
 * Should that not hold (no git process, a write left queued), the reader
 * falls back for good to one `git cat-file --batch` run per {@link read} call,
 * which is correct, only slower.
 */
export class CatFile {
  private readonly cwd: string
  private child: ChildProcessByStdio<Writable, null, null> | undefined
  private outFd = -1
  private offset = 0
  private pending: Buffer = Buffer.alloc(0)
  private broken = false
  private readonly timeoutMs: number
  /** How many git processes this reader started (for tests and measurements). */
  processes = 0

  constructor(cwd: string, options: {timeoutMs?: number; longLived?: boolean} = {}) {
    this.cwd = cwd
    this.timeoutMs = options.timeoutMs ?? 20_000
    if (options.longLived === false) this.broken = true
  }

  /**
   * Commits and trees read so far, by a name that always names the same
   * object (an object id, `oid^{commit}`): the checks of one push — the
   * monorepo's, each workspace's, the commits before the tips — ask for the
   * same few again, and each would be a round trip. Blobs are not kept: the
   * sources keep the texts they read.
   */
  private readonly known = new Map<string, GitObject>()

  /** The objects `names` name (object ids, `rev:path`, `oid^{commit}`…), in order; `undefined` for a missing one. */
  read(names: readonly string[]): Array<GitObject | undefined> {
    const asked = [...new Set(names.filter((name) => !this.known.has(name)))]
    const answers = new Map<string, GitObject | undefined>()
    const objects = this.readFromGit(asked)
    asked.forEach((name, index) => {
      const object = objects[index]
      answers.set(name, object)
      if (object && (object.type === 'commit' || object.type === 'tree') && lasting.test(name))
        this.known.set(name, object)
    })
    return names.map((name) => this.known.get(name) ?? answers.get(name))
  }

  private readFromGit(names: readonly string[]): Array<GitObject | undefined> {
    if (names.length === 0) return []
    for (const name of names) {
      if (/[\n\r]/.test(name))
        throw new UsageError(`cannot ask git for an object named with a line break: ${JSON.stringify(name)}`)
    }
    if (!this.broken) {
      try {
        return this.readLongLived(names)
      } catch (error) {
        if (error instanceof UsageError) throw error
        this.close()
        this.broken = true
      }
    }
    this.processes++
    const output = git(['cat-file', '--batch'], {cwd: this.cwd, input: `${names.join('\n')}\n`})
    this.pending = output
    try {
      return names.map(() =>
        this.parseOne(() => {
          throw new UsageError('git cat-file gave an incomplete answer')
        })
      )
    } finally {
      this.pending = Buffer.alloc(0)
    }
  }

  /** Stops the git process. Reading again starts nothing new: it uses one process per call. */
  close(): void {
    if (this.child) {
      this.child.stdin.destroy()
      this.child.kill()
      this.child = undefined
    }
    if (this.outFd !== -1) {
      closeSync(this.outFd)
      this.outFd = -1
    }
  }

  private readLongLived(names: readonly string[]): Array<GitObject | undefined> {
    const child = this.child ?? this.start()
    const objects: Array<GitObject | undefined> = []
    // Requests go in chunks well under a pipe's 64 KiB, so each is written at once.
    for (let start = 0; start < names.length; start += requestChunk) {
      const chunk = names.slice(start, start + requestChunk)
      child.stdin.write(`${chunk.join('\n')}\n`)
      if (child.stdin.writableLength > 0) throw new Error('request queued, not written')
      for (const _ of chunk) objects.push(this.parseOne((bytes) => this.fill(bytes)))
    }
    return objects
  }

  private start(): ChildProcessByStdio<Writable, null, null> {
    const folder = mkdtempSync(path.join(tmpdir(), 'sop-lint-cat-file-'))
    const file = path.join(folder, 'out')
    const writeFd = openSync(file, 'w')
    try {
      this.outFd = openSync(file, 'r')
      this.offset = 0
      this.pending = Buffer.alloc(0)
      const child = spawn('git', ['cat-file', '--batch'], {
        cwd: this.cwd,
        stdio: ['pipe', writeFd, 'ignore'],
        env: gitEnv()
      }) as ChildProcessByStdio<Writable, null, null>
      this.processes++
      if (child.pid === undefined) throw new Error('git did not start')
      child.on('error', () => {})
      child.stdin.on('error', () => {})
      child.unref()
      ;(child.stdin as Writable & {unref?: () => void}).unref?.()
      this.child = child
      return child
    } finally {
      closeSync(writeFd)
      // The open descriptors keep the file readable; where unlinking an open file fails, it goes at exit.
      try {
        rmSync(folder, {recursive: true, force: true})
      } catch {
        process.once('exit', () => rmSync(folder, {recursive: true, force: true}))
      }
    }
  }

  /** Reads what git has written so far, up to `bytes` pending when it has that much; false when there was nothing new. */
  private fill(bytes: number): boolean {
    const chunk = Buffer.allocUnsafe(Math.max(1 << 16, bytes - this.pending.length))
    const count = readSync(this.outFd, chunk, 0, chunk.length, this.offset)
    if (count === 0) return false
    this.offset += count
    const fresh = chunk.subarray(0, count)
    this.pending = this.pending.length === 0 ? Buffer.from(fresh) : Buffer.concat([this.pending, fresh])
    return true
  }

  /** Takes one answer off the pending output, waiting (via `more`) for the rest of it. */
  private parseOne(more: (bytes: number) => boolean): GitObject | undefined {
    let newline = this.pending.indexOf(10)
    while (newline === -1) {
      this.waitFor(() => more(0))
      newline = this.pending.indexOf(10)
    }
    const header = this.pending.subarray(0, newline).toString('utf8')
    const match = /^([0-9a-f]+) (\w+) (\d+)$/.exec(header)
    if (!match) {
      // `<name> missing`, `<name> ambiguous`, …
      this.pending = this.pending.subarray(newline + 1)
      return undefined
    }
    const size = Number(match[3])
    const end = newline + 1 + size + 1
    while (this.pending.length < end) this.waitFor(() => more(end))
    const content = Buffer.from(this.pending.subarray(newline + 1, newline + 1 + size))
    this.pending = this.pending.subarray(end)
    return {oid: match[1]!, type: match[2]!, content}
  }

  private waitFor(more: () => boolean): void {
    let waited = 0
    let delay = 0
    while (!more()) {
      if (waited >= this.timeoutMs) throw new Error('git cat-file did not answer in time')
      sleepSync(delay)
      waited += delay
      delay = delay === 0 ? 0.05 : Math.min(delay * 2, 1)
    }
  }
}

/** A name that names one object for good: an object id, or one with `^{commit}` or `^{tree}` after it. */
const lasting = /^[0-9a-f]{40}([0-9a-f]{24})?(\^\{(commit|tree)\})?$/

/** Names per request: 256 object ids of SHA-256 (65 bytes a line) are 16 KiB. */
const requestChunk = 256
