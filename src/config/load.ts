import {defaultCacheFolder} from '../cache/cache-folder.js'
import {WorkingTreeSource, type FileSource} from '../workspace/source.js'
import {presetOptions, readRemarkConfig} from './remark-config.js'
import {resolveConfig} from './resolve.js'
import type {SopLintConfig} from './schema.js'

export {presetOptions} from './remark-config.js'

export interface LoadedConfig {
  config: SopLintConfig
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
export async function loadConfig(root: string, source: FileSource = new WorkingTreeSource(root), options: {committed?: boolean} = {}): Promise<LoadedConfig> {
  const found = await readRemarkConfig(root, source)
  if (!found) return {config: resolveConfig({}), source: undefined}
  return {config: validated(found.remarkConfig, found.name, options), source: found.name}
}

/** The preset's options of a remark config, validated; a committed config's cache folder is the default. */
export function validated(remarkConfig: unknown, name: string, options: {committed?: boolean} = {}): SopLintConfig {
  const config = resolveConfig(presetOptions(remarkConfig, name), name)
  return options.committed ? {...config, tokens: {...config.tokens, cacheFolder: defaultCacheFolder}} : config
}
