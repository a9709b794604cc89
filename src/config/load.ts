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
 */
export async function loadConfig(root: string, source: FileSource = new WorkingTreeSource(root)): Promise<LoadedConfig> {
  const found = await readRemarkConfig(root, source)
  if (!found) return {config: resolveConfig({}), source: undefined}
  return {config: resolveConfig(presetOptions(found.remarkConfig, found.name), found.name), source: found.name}
}
