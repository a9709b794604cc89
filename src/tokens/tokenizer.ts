/**
 * The o200k_base tokenizer (gpt-tokenizer), loaded on first use only: the
 * module takes about a second to load, so a check whose counts are all in the
 * cache, and the pre-push hook after a check, never pay for it.
 *
 * It is loaded with `require` (the package's CommonJS build), synchronously:
 * a rule that awaited it would hand the event loop to unified-engine, which
 * flushes its file queue without waiting for a file that already holds an
 * error message — remark-cli would then exit before reporting. `require`
 * through `createRequire` also keeps the tokenizer out of the esbuild bundle
 * of the CLI: it is resolved from node_modules when it is needed.
 */
import {createRequire} from 'node:module'

type CountTokens = (text: string, options: {disallowedSpecial: Set<string>}) => number

let count: CountTokens | undefined
let loadMs: number | undefined

/** The encoding the counts are made with; a cache made with another is discarded. */
export const encodingName = 'o200k_base'

/** The module that holds the encoding: only this file names it, and only here is it loaded. */
const encodingModule = 'gpt-tokenizer/encoding/o200k_base'

/** Milliseconds the tokenizer took to load in this process, or `undefined` when it has not been loaded. */
export function tokenizerLoadMs(): number | undefined {
  return loadMs
}

/**
 * Tokens of a text with o200k_base. Special-token text (`<|endoftext|>`) in a
 * file is counted as the plain text it is — no special token is recognised,
 * so nothing throws — as `encode_ordinary` does in tiktoken.
 */
export function countTokens(text: string): number {
  if (!count) {
    const started = performance.now()
    const module = createRequire(import.meta.url)(encodingModule) as {countTokens: CountTokens}
    count = module.countTokens
    loadMs = performance.now() - started
  }
  return count(text, {disallowedSpecial: new Set()})
}
