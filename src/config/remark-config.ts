/**
 * A remark config as it is written, before the schema validates the preset's
 * options (src/engine/load-config.ts does): the preset's entry in `plugins`,
 * and a folder's config read at once from disk — what the pre-push hook and
 * the editor need to tell a monorepo's workspaces before a workspace's config
 * is validated.
 */
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {isCodeConfig, remarkConfigNames} from './config-names.js'
import {UsageError} from './errors.js'
import {didYouMean} from './suggest.js'

/** The package names a remark config may use for the preset. */
const presetNames = new Set(['sop-lint', 'remark-preset-sop-lint'])

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
    misspeltPreset(
      plugins.map((entry: unknown) => (Array.isArray(entry) ? entry[0] : entry)),
      name
    )
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
