import path from 'node:path'
import {presetOptions} from '../config/remark-config.js'
import {UsageError} from '../config/errors.js'
import {defaultCacheFolder} from '../config/defaults.js'
import {WorkingTreeSource, type FileSource} from '../workspace/source.js'
import {resolveConfig, type ResolvedConfig} from './config.js'
import {readConfigFile, readRemarkConfig} from './read-remark-config.js'

export {presetOptions} from '../config/remark-config.js'

export interface LoadedConfig {
  config: ResolvedConfig
  /** Repository-relative name of the file the options came from, if any. */
  source: string | undefined
}

/** How a config is read: from a commit (`committed`), with what the command line chose (`choice`). */
export interface LoadOptions {
  committed?: boolean | undefined
  choice?: ConfigChoice | undefined
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
  options: LoadOptions = {}
): Promise<LoadedConfig> {
  const choice = options.choice ?? {}
  if (choice.file !== undefined) {
    const name = path.basename(choice.file)
    const remarkConfig = await readConfigFile(new WorkingTreeSource(path.dirname(choice.file)), choice.file, name)
    if (remarkConfig === undefined) throw new UsageError(`--config ${choice.file}: no such file`)
    return {config: resolveConfig(withRules(presetOptions(remarkConfig, name), choice.rules), name), source: undefined}
  }
  const found = await readRemarkConfig(root, source)
  if (!found) return {config: resolveConfig(withRules({}, choice.rules)), source: undefined}
  return {config: validated(found.remarkConfig, found.name, options), source: found.name}
}

/** The preset's options of a remark config, with the command line's rule severities, validated; a committed config's cache folder is the default. */
export function validated(remarkConfig: unknown, name: string, options: LoadOptions = {}): ResolvedConfig {
  const config = resolveConfig(withRules(presetOptions(remarkConfig, name), options.choice?.rules), name)
  return options.committed ? {...config, tokens: {...config.tokens, cacheFolder: defaultCacheFolder}} : config
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
  if (rules === undefined || Object.keys(rules).length === 0 || options === null || typeof options !== 'object')
    return options
  const own = (options as {rules?: unknown}).rules
  return {...options, rules: {...(own !== null && typeof own === 'object' ? own : {}), ...rules}}
}
