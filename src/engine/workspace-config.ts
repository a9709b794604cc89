import {isCodeConfig, remarkConfigNames} from '../config/config-names.js'
import type {ResolvedConfig} from './config.js'
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

/**
 * What the remark configs that are code, which a check of `source` runs,
 * evaluate to, as text; `undefined` when none is code. A workspace of a
 * monorepo runs its own and the repository root's (which lays the
 * workspaces out). The check takes nothing from a config but the preset's
 * options, resolved to plain data: two runs whose code gives the same
 * options judge the same files alike, whatever the code imported or read to
 * give them. The place token counts are kept (`tokens.cacheFolder`) changes
 * no result and is left out, as for a commit's config.
 */
export async function codeConfigOptions(source: FileSource): Promise<string | undefined> {
  const sources =
    source instanceof SubfolderSource && source.place.folder !== '' ? [source, source.repository] : [source]
  const options = await Promise.all(sources.map(ownCodeConfigOptions))
  return options.some((each) => each !== undefined) ? JSON.stringify(options) : undefined
}

/** The options of the remark config in the source's own folder, when that config is code. */
async function ownCodeConfigOptions(source: FileSource): Promise<ResolvedConfig | undefined> {
  const name = remarkConfigNames.find(
    (candidate) => source.isFile(candidate) || source.unusable(candidate) !== undefined
  )
  if (name === undefined || !isCodeConfig(name)) return undefined
  return (await loadConfig(source.root, source, {committed: true})).config
}
