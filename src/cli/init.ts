import {execFileSync} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {UsageError} from '../config/errors.js'
import {remarkConfigNames} from '../config/config-names.js'
import type {FileChange} from '../engine/fix/fix-workspace.js'
import {writeChanges} from '../engine/fix/write-changes.js'
import {WorkingTreeSource, type FileSource} from '../workspace/source.js'
import {SubfolderSource} from '../workspace/subfolder-source.js'
import {agentHookChanges, parseAgents} from './init-agent.js'
import {parseOptions} from './options.js'
import {readDocument} from './read-document.js'
import {findRoot} from './root.js'
import {adoptWorkspace, type Adopted} from './adopt.js'
import {setUpWorkspaces} from './init-workspaces.js'
import {shellWord} from './shell-word.js'
import {initOptions as options} from './commands/init.js'

/** The versions `init` adds when a package has none. */
export const huskyRange = '^9.1.7'
export const lintStagedRange = '^16.4.0'
const lintStagedGlob = '*.{md,csv}'
const lintStagedConfigFiles = [
  '.lintstagedrc',
  '.lintstagedrc.json',
  '.lintstagedrc.yaml',
  '.lintstagedrc.yml',
  '.lintstagedrc.mjs',
  '.lintstagedrc.cjs',
  '.lintstagedrc.js',
  'lint-staged.config.js',
  'lint-staged.config.mjs',
  'lint-staged.config.cjs'
]

interface PackageJson {
  scripts?: Record<string, string>
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  'lint-staged'?: Record<string, string | string[]>
  remarkConfig?: unknown
  [key: string]: unknown
}

export async function runInit(argv: string[], cwd = process.cwd()): Promise<number> {
  const {values, positionals} = parseOptions(options, argv, 'sop-lint init')
  if (positionals.length > 0)
    throw new UsageError(`init takes no file names (got ${positionals.join(' ')}); see sop-lint init --help`)
  const agents = values.agent === undefined ? [] : parseAgents(values.agent)
  const packageDir = findPackageDir(cwd)
  const top = gitTopLevel(packageDir)
  const root = values.root === undefined ? top : findRoot(values.root, cwd)
  const subfolder = toPosix(path.relative(top, packageDir))
  if (subfolder.startsWith('..')) throw new UsageError(`${packageDir} is outside the git repository ${top}`)
  const done: string[] = []
  // Read and written as --fix does: nothing through a link (a hook linked out of the repository, a linked .husky/), no FIFO, atomically.
  const source = new WorkingTreeSource(top)
  const inPackage = (name: string) => (subfolder ? `${subfolder}/${name}` : name)
  const changes: FileChange[] = []

  const manifestPath = inPackage('package.json')
  const manifestText = readDocument(source, manifestPath)
  const manifest = parseManifest(manifestText)
  const rootArgument =
    path.resolve(root) === path.resolve(top)
      ? ''
      : ` --root ${shellWord(toPosix(path.relative(packageDir, root)) || '.')}`
  done.push(...editManifest(manifest, subfolder, hasLintStagedFile(packageDir)))
  if (done.length > 0 || manifestText === undefined) {
    changes.push({path: manifestPath, before: manifestText, after: serialize(manifest, manifestText)})
    if (manifestText === undefined) done.unshift('package.json (new)')
  }

  const inSubfolder = (command: string) => (subfolder ? `( cd ${shellWord(subfolder)} && ${command} )` : command)
  // lint-staged inside a subfolder sees only that subfolder's files: the plans at the repository's root would go unchecked.
  // --quiet: lint-staged says nothing when no staged file is Markdown or CSV (every other commit), and still shows what sop-lint reports.
  const preCommit = subfolder
    ? {
        marker: 'sop-lint hook pre-commit',
        line: inSubfolder(`sop-lint hook pre-commit${rootArgument}`),
        template: 'lint-staged'
      }
    : {marker: 'lint-staged', line: 'lint-staged --quiet'}
  for (const [name, hookLine] of [
    ['pre-push', {marker: 'sop-lint hook pre-push', line: inSubfolder(`sop-lint hook pre-push${rootArgument}`)}],
    ['pre-commit', preCommit]
  ] as const) {
    const hook = hookChange(source, inPackage(`.husky/${name}`), name, hookLine)
    if (!hook) continue
    changes.push(hook)
    done.push(hook.before === undefined ? `.husky/${name}` : `.husky/${name} (line appended)`)
  }
  const agentHooks = agentHookChanges(agents, source, {
    binary: toPosix(path.relative(top, path.join(packageDir, 'node_modules/.bin/sop-lint'))),
    root: path.resolve(root) === path.resolve(top) ? undefined : toPosix(path.relative(top, root))
  })
  changes.push(...agentHooks.changes)
  done.push(...agentHooks.done)
  await write(top, changes)

  // At the root of a monorepo: the workspaces found below it, declared in the root's config, and each adopted on its own.
  const monorepo =
    subfolder === '' && path.resolve(root) === path.resolve(top)
      ? await setUpWorkspaces(new WorkingTreeSource(root))
      : undefined
  if (monorepo && monorepo.changes.length > 0) {
    await write(root, monorepo.changes)
    done.push(...monorepo.done)
  }
  const adopted: Adopted = {lines: [...(monorepo?.notes ?? []).map((note) => `sop-lint init: ${note}`)], changed: []}
  const workspaces = monorepo && monorepo.folders.length > 0 ? monorepo.folders : ['']
  for (const folder of workspaces) {
    const workspace =
      folder === ''
        ? new WorkingTreeSource(root)
        : new SubfolderSource(new WorkingTreeSource(root), {folder, parents: monorepo!.parents})
    const one = await adoptWorkspace(workspace.root, hasRemarkConfig(workspace), {
      baseline: values.baseline,
      interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
      cwd,
      source: workspace,
      write: (changed) => write(workspace.root, changed)
    })
    adopted.lines.push(
      ...(folder === ''
        ? one.lines
        : one.lines.map((line) => line.replace(/^sop-lint init: /, `sop-lint init: ${folder}: `)))
    )
    adopted.changed.push(...one.changed)
  }
  done.push(...adopted.changed)

  const activated = activateHusky(packageDir, top, subfolder)
  process.stdout.write(
    done.length > 0 ? `sop-lint init: set up ${done.join(', ')}\n` : 'sop-lint init: already set up; nothing changed\n'
  )
  for (const line of adopted.lines) process.stdout.write(`${line}\n`)
  if (!has(manifest, 'sop-lint')) {
    process.stdout.write(
      'sop-lint init: sop-lint is not in devDependencies: add it as the README says (Install), so `npm install` brings it to every clone\n'
    )
  }
  process.stdout.write(
    activated
      ? 'sop-lint init: the hooks are active; commit package.json, .husky/ and the config\n'
      : 'sop-lint init: husky is not installed yet: run `npm install` now, which activates the hooks (until then, nothing checks a commit or a push)\n'
  )
  for (const note of agentHooks.notes) process.stdout.write(`sop-lint init: ${note}\n`)
  return 0
}

/** The folder of the nearest package.json from `cwd` up to the git top level; `cwd` when there is none. */
function findPackageDir(cwd: string): string {
  const top = gitTopLevel(cwd)
  for (let folder = path.resolve(cwd); ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, 'package.json'))) return folder
    if (folder === top || path.dirname(folder) === folder) return path.resolve(cwd)
  }
}

function gitTopLevel(cwd: string): string {
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore']
    }).trim()
  } catch {
    throw new UsageError('init: not inside a git repository; run `git init` first (the hooks are git hooks)')
  }
}

function parseManifest(text: string | undefined): PackageJson {
  if (text === undefined) return {private: true}
  try {
    const parsed = JSON.parse(text) as unknown
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object')
    return parsed as PackageJson
  } catch (error) {
    throw new UsageError(`init: cannot read package.json: ${(error as Error).message}; fix it first`)
  }
}

/** Adds what is missing to package.json; returns what it added. */
function editManifest(manifest: PackageJson, subfolder: string, lintStagedFile: boolean): string[] {
  const done: string[] = []
  // sop-lint itself is not added: a registry range would make `npm install` fail until it is published (README: Install).
  const wanted: Array<[string, string]> = [
    ['husky', huskyRange],
    ...(subfolder ? [] : ([['lint-staged', lintStagedRange]] as Array<[string, string]>))
  ]
  const missing = wanted.filter(([name]) => !has(manifest, name))
  if (missing.length > 0) {
    manifest.devDependencies = sortedKeys({...manifest.devDependencies, ...Object.fromEntries(missing)})
    done.push(`devDependencies (${missing.map(([name, range]) => `${name}@${range}`).join(', ')})`)
  }

  const depth = subfolder ? subfolder.split('/').length : 0
  const prepare = subfolder
    ? `cd ${Array(depth).fill('..').join('/')} && husky ${shellWord(`${subfolder}/.husky`)}`
    : 'husky'
  const scripts = (manifest.scripts ??= {})
  const existing = scripts.prepare
  if (existing === undefined || !/\bhusky\b/.test(existing)) {
    scripts.prepare = existing ? `${existing} && ${prepare}` : prepare
    done.push(`"prepare": "${scripts.prepare}"`)
  }

  if (!lintStagedFile && !subfolder) {
    const entries = (manifest['lint-staged'] ??= {})
    const mentioned = Object.values(entries).some((commands) =>
      [commands].flat().some((command) => /\bsop-lint\b/.test(command))
    )
    if (!mentioned) {
      const current = entries[lintStagedGlob]
      entries[lintStagedGlob] = current === undefined ? 'sop-lint' : [...[current].flat(), 'sop-lint']
      done.push(`lint-staged ("${lintStagedGlob}": sop-lint)`)
    }
  }
  return done
}

function has(manifest: PackageJson, name: string): boolean {
  return manifest.dependencies?.[name] !== undefined || manifest.devDependencies?.[name] !== undefined
}

function hasLintStagedFile(packageDir: string): boolean {
  return lintStagedConfigFiles.some((name) => existsSync(path.join(packageDir, name)))
}

/**
 * The hook written, or the line appended to an existing one that does not run
 * `marker` yet; `undefined` when it does. The hook's template (hooks/<name>)
 * has its command on a line of its own (`template`, the marker by default),
 * replaced by `line`.
 */
function hookChange(
  source: FileSource,
  hookPath: string,
  name: string,
  hook: {marker: string; line: string; template?: string}
): FileChange | undefined {
  const current = readDocument(source, hookPath)
  if (current !== undefined && current.includes(hook.marker)) return undefined
  const template = readFileSync(new URL(`../../../hooks/${name}`, import.meta.url), 'utf8')
  const lines = template.replace(new RegExp(`^${escapeRegExp(hook.template ?? hook.marker)}\\b.*$`, 'm'), hook.line)
  if (current === undefined) return {path: hookPath, before: undefined, after: lines, mode: 0o755}
  const separator = current === '' || current.endsWith('\n\n') ? '' : current.endsWith('\n') ? '\n' : '\n\n'
  return {path: hookPath, before: current, after: `${current}${separator}${lines}`}
}

/** Writes as --fix does; a file that cannot be written safely stops init with the reason. */
async function write(root: string, changes: FileChange[]): Promise<void> {
  const outcome = await writeChanges(root, changes)
  if (outcome.skipped.length > 0) {
    throw new UsageError(
      `init: not written: ${outcome.skipped.map((skipped) => `${skipped.path} ${skipped.reason}`).join('; ')}`
    )
  }
}

/** Whether the root has a remark config: a file of one of its names stands there (readable or not), or package.json has remarkConfig. */
function hasRemarkConfig(source: FileSource): boolean {
  return remarkConfigNames.some((name) => {
    if (!source.exists(name) && source.unusable(name) === undefined) return false
    if (name !== 'package.json') return true
    try {
      return (JSON.parse(source.read(name) ?? '{}') as PackageJson).remarkConfig !== undefined
    } catch {
      return false
    }
  })
}

/** Runs husky as `npm install` would (the prepare script), when it is installed; false when it is not. */
function activateHusky(packageDir: string, top: string, subfolder: string): boolean {
  const bin = findInNodeModules(packageDir, 'husky/bin.js')
  if (!bin) return false
  const output = execFileSync(process.execPath, [bin, subfolder ? `${subfolder}/.husky` : '.husky'], {
    cwd: top,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe']
  }).trim()
  if (output) process.stdout.write(`husky: ${output}\n`)
  return true
}

function findInNodeModules(from: string, file: string): string | undefined {
  for (let folder = path.resolve(from); ; folder = path.dirname(folder)) {
    const candidate = path.join(folder, 'node_modules', file)
    if (existsSync(candidate)) return candidate
    if (path.dirname(folder) === folder) return undefined
  }
}

/** package.json as it was indented (two spaces unless it used tabs or four), with its final newline. */
function serialize(manifest: PackageJson, original: string | undefined): string {
  const indent = original === undefined ? 2 : /^\t/m.test(original) ? '\t' : (/^( +)"/m.exec(original)?.[1] ?? '  ')
  const eol = original?.includes('\r\n') ? '\r\n' : '\n'
  const text = JSON.stringify(manifest, null, indent).replace(/\n/g, eol)
  return original === undefined || /\r?\n$/.test(original) ? `${text}${eol}` : text
}

function sortedKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/')
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
