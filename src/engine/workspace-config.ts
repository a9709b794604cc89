import {loadConfig, validated, type LoadedConfig, type LoadOptions} from './load-config.js'
import {readRemarkConfig} from './read-remark-config.js'
import type {FileSource} from '../workspace/source.js'
import {SubfolderSource} from '../workspace/subfolder-source.js'

/**
 * The config of a workspace: its own remark config when its folder holds one,
 * else the repository root's — the nearest config wins, as unified-engine's
 * walk up finds it, so `remark` and the editor agree with the CLI. A workspace
 * that is the repository's root reads the root's, as always.
 */
export async function loadWorkspaceConfig(source: FileSource, options: LoadOptions = {}): Promise<LoadedConfig> {
  // A config the command line names applies to every workspace.
  if (!(source instanceof SubfolderSource) || source.place.folder === '' || options.choice?.file !== undefined)
    return loadConfig(source.root, source, options)
  const own = await readRemarkConfig(source.root, source)
  if (own) return {config: validated(own.remarkConfig, `${source.place.folder}/${own.name}`, options), source: own.name}
  return loadConfig(source.repository.root, source.repository, options)
}
