/**
 * Remark config files, in the order sop-lint looks for them in the
 * repository root: `.remarkrc.ts` first (stock remark tools ignore it), then
 * what unified-engine discovers.
 */
export const remarkConfigNames = [
  '.remarkrc.ts',
  '.remarkrc',
  '.remarkrc.json',
  '.remarkrc.cjs',
  '.remarkrc.mjs',
  '.remarkrc.js',
  '.remarkrc.yaml',
  '.remarkrc.yml',
  'package.json'
] as const

/** Whether a config file is code (imported, so it may read anything) rather than data. */
export function isCodeConfig(name: string): boolean {
  return /\.(ts|js|mjs|cjs)$/.test(name)
}
