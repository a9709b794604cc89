/**
 * Reading a monorepo's root config for its workspaces alone — their part of
 * the schema, not the whole config with every rule's severity, and YAML's
 * parser only for a YAML config: the pre-push hook tells a monorepo from a
 * repository of one workspace on every push. Options a check validated before
 * are taken as it found them (./cache/validated-options.ts).
 */
import path from 'node:path'
import {defaultCacheFolder} from '../config/defaults.js'
import {presetOptions} from '../config/remark-config.js'
import {cacheFolderFor} from '../workspace/cache-folder.js'
import {validatedOnce} from './cache/validated-options.js'
import {readRemarkConfig} from './read-remark-config.js'
import {Monorepo, type MonorepoConfig} from '../workspace/monorepo.js'
import type {FileSource} from '../workspace/source.js'

/**
 * The monorepo options of the remark config in the root of `repository` (a
 * source of the whole repository: the working tree or a commit's tree), read
 * with the monorepo's part of the schema; `undefined` when the root config declares no
 * workspaces — a repository of one workspace, checked as before.
 */
export async function readMonorepoConfig(repository: FileSource): Promise<MonorepoConfig | undefined> {
  const found = await readRemarkConfig(repository.root, repository)
  if (!found) return undefined
  const options = presetOptions(found.remarkConfig, found.name)
  // Most repositories hold one workspace: their options, validated when it is checked, need no schema here.
  if (!isRecord(options) || !Object.hasOwn(options, 'workspaces')) return undefined
  const folder = path.join(cacheFolderFor(repository.root, defaultCacheFolder), 'validated')
  const option = await validatedOnce(folder, `workspaces of ${found.name}`, options, async () =>
    (await import('../config/workspaces-option.js')).readWorkspacesOption(options, found.name)
  )
  if (!option.globs) return undefined
  return {configName: found.name, globs: option.globs, outsideWorkspaces: option.outsideWorkspaces}
}

/** The repository's monorepo, when its root config declares workspaces. */
export async function openMonorepo(repository: FileSource): Promise<Monorepo | undefined> {
  const config = await readMonorepoConfig(repository)
  return config && new Monorepo(repository, config)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
