/**
 * Loads a TypeScript remark config (`.remarkrc.ts`) with jiti, for the two
 * places that need it: sop-lint's own config loading, and a `.remarkrc.mjs`
 * that re-exports the `.ts` one for stock remark tools and editors, which
 * skip `.remarkrc.ts` (`sop-lint/config` exports this for that file):
 *
 * ```js
 * // .remarkrc.mjs
 * import {loadTypeScriptConfig} from 'sop-lint/config'
 *
 * export default await loadTypeScriptConfig(new URL('.remarkrc.ts', import.meta.url))
 * ```
 *
 * jiti is imported only here and only when called, so runs without a `.ts`
 * config never pay its start-up.
 */
import {fileURLToPath} from 'node:url'

/** The default export of a TypeScript module (`string` is a path, or a `file:` URL). */
export async function loadTypeScriptConfig(file: string | URL): Promise<unknown> {
  const filePath = typeof file === 'string' && !file.startsWith('file:') ? file : fileURLToPath(file)
  const {createJiti} = await import('jiti')
  const jiti = createJiti(import.meta.url, {fsCache: true, moduleCache: false})
  return jiti.import(filePath, {default: true})
}
