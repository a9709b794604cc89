/**
 * Reads a remark config file as it is written, without validating the
 * preset's options (src/config/load.ts does, with the schema): what the
 * pre-push hook needs to tell a monorepo from a repository of one workspace
 * without loading the schema, and YAML's parser only for a YAML config.
 */
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import type {FileSource} from '../workspace/source.js'
import {withModuleFile} from './committed-module.js'
import {isCodeConfig, remarkConfigNames} from './config-names.js'
import {UsageError} from './errors.js'
import {didYouMean} from './suggest.js'
import {loadTypeScriptConfig} from './typescript.js'

/** The package names a remark config may use for the preset. */
const presetNames = new Set(['sop-lint', 'remark-preset-sop-lint'])

/**
 * The remark config in `root` as its file holds it (not validated), with the
 * file's name; `undefined` when the root has none.
 */
export async function readRemarkConfig(root: string, source: FileSource): Promise<{remarkConfig: unknown; name: string} | undefined> {
  for (const name of remarkConfigNames) {
    const remarkConfig = await readConfigFile(source, path.join(root, name), name)
    if (remarkConfig !== undefined) return {remarkConfig, name}
  }
  return undefined
}

/**
 * A config file's contents, `undefined` when there is none. A JavaScript or
 * TypeScript one is imported from a file with that text, next to where it
 * lives (the file itself when it holds the same text, as in the working tree).
 */
export async function readConfigFile(source: FileSource, file: string, name: string): Promise<unknown> {
  const text = source.isFile(name) ? source.read(name) : undefined
  if (text === undefined) {
    const why = source.unusable(name)
    if (why === undefined) return undefined
    throw new UsageError(`cannot read ${name}: it ${why}; fix it or remove it`)
  }
  try {
    if (isCodeConfig(name)) return await imported(file, text, name)
    if (name === 'package.json') return (JSON.parse(text) as {remarkConfig?: unknown}).remarkConfig
    if (name.endsWith('.json')) return JSON.parse(text) as unknown
    const {default: YAML} = await import('yaml')
    return YAML.parse(text) as unknown
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(`cannot load ${name}: ${firstLine((error as Error).message)}; fix the file or remove it`)
  }
}

/**
 * Code configs imported in this process, by file and text: telling a
 * monorepo from a repository of one workspace reads the root config before
 * the check does, and a `.remarkrc.ts` costs jiti's compile each time.
 */
const importedConfigs = new Map<string, Promise<unknown>>()

function imported(file: string, text: string, name: string): Promise<unknown> {
  const key = `${file}\0${text}`
  let config = importedConfigs.get(key)
  if (!config) {
    config = withModuleFile(file, text, (copy) => importConfig(copy, name))
    importedConfigs.set(key, config)
    // A config that failed to load is tried again by the next reader, which reports it.
    config.catch(() => importedConfigs.delete(key))
  }
  return config
}

async function importConfig(file: string, name: string): Promise<unknown> {
  if (name.endsWith('.ts')) return importTypeScript(file)
  return ((await import(pathToFileURL(file).href)) as {default?: unknown}).default
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
    misspeltPreset(plugins.map((entry: unknown) => (Array.isArray(entry) ? entry[0] : entry)), name)
    return {}
  }
  if (typeof plugins === 'object' && plugins !== null) {
    for (const [key, options] of Object.entries(plugins)) if (presetNames.has(key)) return options ?? {}
    misspeltPreset(Object.keys(plugins), name)
    return {}
  }
  throw new UsageError(`invalid configuration in ${name}: plugins: expected a list or an object`)
}

/**
 * A plugin named like the preset but not quite (`sop-lnit`) is a slip that
 * would leave every option unused: it is reported, with the name meant.
 */
function misspeltPreset(plugins: readonly unknown[], name: string): void {
  for (const plugin of plugins) {
    if (typeof plugin !== 'string' || presetNames.has(plugin)) continue
    const advice = didYouMean(plugin, presetNames, (preset) => `“${preset}”`)
    if (advice) throw new UsageError(`invalid configuration in ${name}: plugin “${plugin}” is not sop-lint${advice}`)
  }
}

function isPreset(plugin: unknown): boolean {
  if (typeof plugin === 'string') return presetNames.has(plugin)
  return typeof plugin === 'function' && plugin.name === 'sopLint'
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim()
}

/**
 * The remark config in a folder on disk, read at once (no import): a JSON or
 * YAML one (or `package.json#remarkConfig`) as its file holds it, a code one
 * by its name only (`remarkConfig` undefined); `undefined` when the folder has
 * none. What the editor needs to find a document's workspace while it parses.
 */
export function readRemarkConfigSync(folder: string): {remarkConfig: unknown; name: string} | undefined {
  for (const name of remarkConfigNames) {
    let text: string
    try {
      text = readFileSync(path.join(folder, name), 'utf8')
    } catch {
      continue
    }
    if (isCodeConfig(name)) return {remarkConfig: undefined, name}
    try {
      if (name === 'package.json') {
        const remarkConfig = (JSON.parse(text) as {remarkConfig?: unknown}).remarkConfig
        if (remarkConfig === undefined) continue
        return {remarkConfig, name}
      }
      if (name.endsWith('.json')) return {remarkConfig: JSON.parse(text) as unknown, name}
      const yaml = createRequire(import.meta.url)('yaml') as {parse(text: string): unknown}
      return {remarkConfig: yaml.parse(text), name}
    } catch {
      // A config that does not parse: the check that reads it says so.
      return {remarkConfig: undefined, name}
    }
  }
  return undefined
}
