import {spawnSync} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const cliPath = path.join(projectRoot, 'dist/src/cli/main.js')

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Environment that makes every Node process started with it (sop-lint, and
 * the hooks git runs) live on `day` (YYYY-MM-DD): see test/helpers/clock.mjs.
 */
export function onDay(day: string): Record<string, string> {
  const clock = path.join(projectRoot, 'test/helpers/clock.mjs')
  return {SOP_LINT_TEST_TODAY: day, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${clock}`.trim()}
}

/**
 * {@link onDay} the date of the newest dated plan in `root/plans` (nothing
 * when it has none): a test of `--fix` on a fixture runs on the day of its
 * plan, so `--fix` does not also write today's plan for a plan long past.
 */
export function onPlanDay(root: string): Record<string, string> {
  let names: string[] = []
  try {
    names = readdirSync(path.join(root, 'plans'))
  } catch {}
  const dates = names.flatMap((name) => /^(\d{4}-\d{2}-\d{2})[_.-]/.exec(name)?.[1] ?? []).sort()
  return dates.length > 0 ? onDay(dates.at(-1)!) : {}
}

/** Runs the built `sop-lint` binary as a user would, with colour off. */
export function runCli(
  args: string[],
  options: {cwd?: string; input?: string; env?: Record<string, string>} = {}
): CliResult {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: options.cwd ?? projectRoot,
    input: options.input ?? '',
    encoding: 'utf8',
    env: {...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env}
  })
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

/**
 * {@link runCli} with the code the run loaded: every file of sop-lint's dist/
 * it read (test/helpers/loaded-modules.mjs, loaded with `node --import`), its
 * text and its size — what a run had to read and compile, whatever the
 * bundle's files are called.
 */
export function loadedCode(
  args: string[],
  options: {cwd?: string; input?: string; env?: Record<string, string>} = {}
): {run: CliResult; code: string; bytes: number} {
  const list = path.join(mkdtempSync(path.join(tmpdir(), 'sop-lint-modules-')), 'modules.txt')
  writeFileSync(list, '')
  const run = runCli(args, {
    ...options,
    env: {
      ...options.env,
      SOP_LINT_TEST_MODULES: list,
      // Beside what the caller's environment imports (the clock of onDay).
      NODE_OPTIONS: [
        options.env?.NODE_OPTIONS,
        `--import=${pathToFileURL(path.join(projectRoot, 'test/helpers/loaded-modules.mjs')).href}`
      ]
        .filter(Boolean)
        .join(' ')
    }
  })
  const files = [...new Set(readFileSync(list, 'utf8').split('\n').filter(Boolean))]
    .map((url) => fileURLToPath(url))
    .filter((file) => file.startsWith(path.join(projectRoot, 'dist') + path.sep))
  const code = files.map((file) => readFileSync(file, 'utf8')).join('\n')
  return {run, code, bytes: Buffer.byteLength(code)}
}

/**
 * The environment without what an enclosing npm or npx run sets (`npm_config_*`,
 * `npm_package_*`…): CI runs the suite under `npx -p node@24`, whose settings
 * would make an `npx` or `npm` the test starts fetch that package again.
 */
export function withoutNpmSettings(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^npm_/i.test(name)))
}

/** Runs `npx --no-install …` in `cwd` as a user would, colour off, with `env` added. */
export function runNpx(cwd: string, args: string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync('npx', ['--no-install', ...args], {
    cwd,
    encoding: 'utf8',
    env: {...withoutNpmSettings(), NO_COLOR: '1', ...env}
  })
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}
