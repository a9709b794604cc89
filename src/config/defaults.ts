/**
 * Fixed names beside the config's schema (src/config/schema.ts, which takes
 * the cache folder as a default), in a module without its validator: the
 * pre-push hook reads them (the cache, the ignore files) before any config
 * is validated, and would otherwise load zod on every push to find a cached
 * result.
 */

/** Where tools keep their caches in a JavaScript repository: token counts and check results go there. */
export const defaultCacheFolder = 'node_modules/.cache/sop-lint'

/** Ignore files read in the repository root, in .gitignore syntax, with the config's `ignores`. */
export const ignoreFileNames = ['.sop-lintignore', '.remarkignore'] as const

/** Never checked when found in a folder or by a glob, whatever the config says. */
export const alwaysIgnored = ['node_modules/', '.git/'] as const
