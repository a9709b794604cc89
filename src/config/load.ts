import {readFileSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import YAML from 'yaml'
import type {FileSource} from '../workspace/source.js'
import {withModuleFile} from './committed-module.js'
import {UsageError} from './errors.js'
import {resolveConfig} from './resolve.js'
import type {SopLintConfig} from './schema.js'
import {loadTypeScriptConfig} from './typescript.js'

/**
 * Remark config files, in the order sop-lint looks for them in the
 * repository root: `.remarkrc.ts` first (stock remark tools ignore it), then
 * what unified-engine discovers.
 */
export const remarkConfigNames = [
  '.remarkrc.ts',
  '.remarkrc',
  '.remarkrc.json',
  '.remarkrc.cjs',
  '.remarkrc.mjs',
  '.remarkrc.js',
  '.remarkrc.yaml',
  '.remarkrc.yml',
  'package.json'
] as const

/** The package names a remark config may use for the preset. */
const presetNames = new Set(['sop-lint', 'remark-preset-sop-lint'])

export interface LoadedConfig {
  config: SopLintConfig
  /** Repository-relative name of the file the options came from, if any. */
  source: string | undefined
}

/**
 * Finds the remark config in `root`, takes the sop-lint preset's options and
 * validates them. With a `source` (a commit's tree) the config is the one in
 * that tree, not the one on disk.
 */
export async function loadConfig(root: string, source?: FileSource): Promise<LoadedConfig> {
  for (const name of remarkConfigNames) {
    const file = path.join(root, name)
    const remarkConfig = source ? await readCommittedConfig(source, file, name) : await readRemarkConfig(file, name)
    if (remarkConfig === undefined) continue
    return {config: resolveConfig(presetOptions(remarkConfig, name), name), source: name}
  }
  return {config: resolveConfig({}), source: undefined}
}

/** A config file of a commit's tree; a JavaScript or TypeScript one is imported from a file with its text, next to where it lives. */
async function readCommittedConfig(source: FileSource, file: string, name: string): Promise<unknown> {
  const text = source.isFile(name) ? source.read(name) : undefined
  if (text === undefined) return undefined
  if (/\.(ts|js|mjs|cjs)$/.test(name)) return withModuleFile(file, text, (copy) => readRemarkConfig(copy, name, text))
  return readRemarkConfig(file, name, text)
}

async function readRemarkConfig(file: string, name: string, committedText?: string): Promise<unknown> {
  let text: string
  try {
    text = committedText ?? readFileSync(file, 'utf8')
  } catch (error) {
    if (isMissing(error)) return undefined
    throw new UsageError(`cannot read ${name}: ${(error as Error).message}`)
  }
  try {
    if (name === 'package.json') return (JSON.parse(text) as {remarkConfig?: unknown}).remarkConfig
    if (name.endsWith('.json')) return JSON.parse(text) as unknown
    if (name.endsWith('.yaml') || name.endsWith('.yml') || name === '.remarkrc') return YAML.parse(text) as unknown
    if (name.endsWith('.ts')) return await importTypeScript(file)
    return ((await import(pathToFileURL(file).href)) as {default?: unknown}).default
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(`cannot load ${name}: ${firstLine((error as Error).message)}; fix the file or remove it`)
  }
}

/** jiti compiles `.remarkrc.ts`; it is imported only when such a file exists. */
async function importTypeScript(file: string): Promise<unknown> {
  return loadTypeScriptConfig(file)
}

/** The options of the preset entry in `plugins`, whichever form the config writes it in. */
export function presetOptions(remarkConfig: unknown, name: string): unknown {
  if (remarkConfig === null || typeof remarkConfig !== 'object') {
    throw new UsageError(`invalid configuration in ${name}: expected an object with a plugins list`)
  }
  const plugins = (remarkConfig as {plugins?: unknown}).plugins
  if (plugins === undefined) return {}
  if (Array.isArray(plugins)) {
    for (const entry of plugins) {
      const [plugin, options] = Array.isArray(entry) ? entry : [entry, undefined]
      if (isPreset(plugin)) return options ?? {}
    }
    return {}
  }
  if (typeof plugins === 'object' && plugins !== null) {
    for (const [key, options] of Object.entries(plugins)) if (presetNames.has(key)) return options ?? {}
    return {}
  }
  throw new UsageError(`invalid configuration in ${name}: plugins: expected a list or an object`)
}

function isPreset(plugin: unknown): boolean {
  if (typeof plugin === 'string') return presetNames.has(plugin)
  return typeof plugin === 'function' && plugin.name === 'sopLint'
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOENT' || code === 'ENOTDIR'
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim()
}
