import path from 'node:path'
import {pathToFileURL} from 'node:url'
import YAML from 'yaml'
import {defaultCacheFolder} from '../config/schema.js'
import {WorkingTreeSource, type FileSource} from '../workspace/source.js'
import {withModuleFile} from './committed-module.js'
import {isCodeConfig, remarkConfigNames} from '../config/config-names.js'
import {UsageError} from '../config/errors.js'
import {loadTypeScriptConfig} from '../config/typescript.js'
import {describeUnusable} from '../rule/words.js'
import {resolveConfig, type ResolvedConfig} from './config.js'
import {didYouMean} from '../config/suggest.js'

/** The package names a remark config may use for the preset. */
const presetNames = new Set(['sop-lint', 'remark-preset-sop-lint'])

export interface LoadedConfig {
  config: ResolvedConfig
  /** Repository-relative name of the file the options came from, if any. */
  source: string | undefined
}

/**
 * Finds the remark config in `root`, takes the sop-lint preset's options and
 * validates them. The files come from `source`: the working tree by default,
 * a commit's tree for the hook (the config in that tree, not the one on disk).
 * A config read from a commit (`committed`) chooses no place on this machine
 * to write to: its `tokens.cacheFolder` is not taken, the default is.
 */
export async function loadConfig(
  root: string,
  source: FileSource = new WorkingTreeSource(root),
  options: {committed?: boolean; choice?: ConfigChoice} = {}
): Promise<LoadedConfig> {
  const choice = options.choice ?? {}
  if (choice.file !== undefined) {
    const name = path.basename(choice.file)
    const remarkConfig = await readConfigFile(new WorkingTreeSource(path.dirname(choice.file)), choice.file, name)
    if (remarkConfig === undefined) throw new UsageError(`--config ${choice.file}: no such file`)
    return {config: resolveConfig(withRules(presetOptions(remarkConfig, name), choice.rules), name), source: undefined}
  }
  for (const name of remarkConfigNames) {
    const remarkConfig = await readConfigFile(source, path.join(root, name), name)
    if (remarkConfig === undefined) continue
    const config = resolveConfig(withRules(presetOptions(remarkConfig, name), choice.rules), name)
    return {config: options.committed ? {...config, tokens: {...config.tokens, cacheFolder: defaultCacheFolder}} : config, source: name}
  }
  return {config: resolveConfig(withRules({}, choice.rules)), source: undefined}
}

/** What the command line says of the config: another file (`-c FILE`), rule severities (`--rule id:severity`). */
export interface ConfigChoice {
  /** Absolute path of a remark config to use instead of the one in the root. */
  file?: string | undefined
  /** Severities over the config's, by rule id. */
  rules?: Record<string, string> | undefined
}

/** The preset's options with the command line's rule severities over theirs (validated with them). */
function withRules(options: unknown, rules: ConfigChoice['rules']): unknown {
  if (rules === undefined || Object.keys(rules).length === 0 || options === null || typeof options !== 'object') return options
  const own = (options as {rules?: unknown}).rules
  return {...options, rules: {...(own !== null && typeof own === 'object' ? own : {}), ...rules}}
}

/**
 * A config file's contents, `undefined` when there is none. A JavaScript or
 * TypeScript one is imported from a file with that text, next to where it
 * lives (the file itself when it holds the same text, as in the working tree).
 */
async function readConfigFile(source: FileSource, file: string, name: string): Promise<unknown> {
  const text = source.isFile(name) ? source.read(name) : undefined
  if (text === undefined) {
    const why = source.unusable(name)
    if (why === undefined) return undefined
    throw new UsageError(`cannot read ${name}: it ${describeUnusable(why)}; fix it or remove it`)
  }
  try {
    if (isCodeConfig(name)) return await withModuleFile(file, text, (copy) => importConfig(copy, name))
    if (name === 'package.json') return (JSON.parse(text) as {remarkConfig?: unknown}).remarkConfig
    if (name.endsWith('.json')) return JSON.parse(text) as unknown
    return YAML.parse(text) as unknown
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(`cannot load ${name}: ${firstLine((error as Error).message)}; fix the file or remove it`)
  }
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
