import {spawnSync} from 'node:child_process'
import {chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {cliPath, projectRoot} from './cli.js'
import {fixtureFiles, tempFolder} from './workspace.js'

export {fixtureFiles as fixture, tempFolder}

/**
 * The day the valid fixture's newest plan is dated: commits made "on" it pass
 * plan-fresh whatever today's date is.
 */
export const fixtureDay = '2026-02-13T12:00:00+00:00'

export interface GitResult {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs git in `cwd` with a fixed identity, no global or system config, and
 * commit dates set to `date` (the fixture's day unless told otherwise).
 */
export function git(
  cwd: string,
  args: string[],
  options: {date?: string; input?: string; env?: Record<string, string>} = {}
): GitResult {
  const date = options.date ?? fixtureDay
  const result = spawnSync('git', args, {
    cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    env: {
      ...process.env,
      HOME: tmpdir(),
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
      NO_COLOR: '1',
      ...options.env
    }
  })
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

/** Runs git and fails the test with git's message when it fails. */
export function gitOk(cwd: string, args: string[], options: Parameters<typeof git>[2] = {}): string {
  const result = git(cwd, args, options)
  if (result.code !== 0)
    throw new Error(`git ${args.join(' ')} failed (${result.code}):\n${result.stdout}${result.stderr}`)
  return result.stdout
}

/** Writes files (path → text) below `root`; `null` removes one. */
export function writeFiles(root: string, files: Record<string, string | null>): void {
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(root, relative)
    if (text === null) {
      rmSync(file, {recursive: true, force: true})
      continue
    }
    mkdirSync(path.dirname(file), {recursive: true})
    writeFileSync(file, text)
  }
}

/**
 * Provides what `npm install` would in a package: `node_modules/.bin/sop-lint`
 * (this build), `husky` and `lint-staged` (this project's devDependencies),
 * and `node_modules/husky` for `sop-lint init` to activate the hooks with.
 * Nothing is fetched.
 */
export function installTools(packageDir: string): void {
  const bin = path.join(packageDir, 'node_modules', '.bin')
  mkdirSync(bin, {recursive: true})
  const wrappers: Record<string, string> = {
    'sop-lint': cliPath,
    husky: path.join(projectRoot, 'node_modules/husky/bin.js'),
    'lint-staged': path.join(projectRoot, 'node_modules/lint-staged/bin/lint-staged.js')
  }
  for (const [name, target] of Object.entries(wrappers)) {
    const file = path.join(bin, name)
    writeFileSync(file, `#!/bin/sh\nexec "${process.execPath}" "${target}" "$@"\n`)
    chmodSync(file, 0o755)
  }
  symlinkSync(path.join(projectRoot, 'node_modules/husky'), path.join(packageDir, 'node_modules', 'husky'), 'dir')
}

/**
 * A bare remote and a clone-to-be (`work`) holding `files`, with `origin`
 * pointing at the remote; nothing committed yet.
 */
export function makeRepository(
  files: Record<string, string>,
  options: {objectFormat?: 'sha1' | 'sha256'} = {}
): {work: string; remote: string} {
  const base = tempFolder()
  const remote = path.join(base, 'remote.git')
  const work = path.join(base, 'work')
  const format = options.objectFormat ? [`--object-format=${options.objectFormat}`] : []
  gitOk(base, ['init', '-q', '--bare', '-b', 'main', ...format, remote])
  gitOk(base, ['init', '-q', '-b', 'main', ...format, work])
  gitOk(work, ['remote', 'add', 'origin', remote])
  writeFiles(work, {...files, '.gitignore': 'node_modules/\n'})
  return {work, remote}
}

/** The object id a ref has in a repository, or `undefined`. */
export function refOid(repository: string, ref: string): string | undefined {
  const result = git(repository, ['rev-parse', '--verify', '--quiet', ref])
  return result.code === 0 ? result.stdout.trim() : undefined
}
