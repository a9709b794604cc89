import {readFileSync} from 'node:fs'

/** What sop-lint reads of its own package.json: the one source of its version and where it is published. */
export interface PackageManifest {
  name: string
  version: string
  repository?: string | {url: string}
}

let manifest: PackageManifest | undefined

/**
 * sop-lint's own package.json: the nearest one named sop-lint in a folder
 * above this module, which is dist/src/ as tsc writes it and dist/src/cli/
 * once bundled.
 */
export function packageManifest(): PackageManifest {
  if (manifest) return manifest
  for (let folder = new URL('./', import.meta.url); ; folder = new URL('../', folder)) {
    try {
      const found = JSON.parse(readFileSync(new URL('package.json', folder), 'utf8')) as PackageManifest
      if (found.name === 'sop-lint') return (manifest = found)
    } catch {
      // No package.json here, or not one that parses: look further up.
    }
    if (new URL('../', folder).href === folder.href)
      throw new Error(`sop-lint's package.json was not found above ${import.meta.url}`)
  }
}

/** The web address of the repository package.json names (`git+https://…/x.git` → `https://…/x`). */
export function repositoryWebUrl(): string {
  const repository = packageManifest().repository
  const url = typeof repository === 'string' ? repository : repository?.url
  if (url === undefined) throw new Error('package.json names no repository')
  return url.replace(/^git\+/, '').replace(/\.git$/, '')
}
