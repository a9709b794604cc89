/**
 * Reads a remark config file as it is written, without validating the
 * preset's options (load-config.ts does, with the schema and the rules'
 * severities): what the pre-push hook needs to tell a monorepo from a
 * repository of one workspace without loading the rules, and YAML's parser
 * only for a YAML config.
 */
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {isCodeConfig, remarkConfigNames} from '../config/config-names.js'
import {UsageError} from '../config/errors.js'
import {loadTypeScriptConfig} from '../config/typescript.js'
import {describeUnusable} from '../rule/words.js'
import type {FileSource} from '../workspace/source.js'
import {withModuleFile} from './committed-module.js'

/**
 * The remark config in `root` as its file holds it (not validated), with the
 * file's name; `undefined` when the root has none.
 */
export async function readRemarkConfig(
  root: string,
  source: FileSource
): Promise<{remarkConfig: unknown; name: string} | undefined> {
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
    throw new UsageError(`cannot read ${name}: it ${describeUnusable(why)}; fix it or remove it`)
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

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim()
}
