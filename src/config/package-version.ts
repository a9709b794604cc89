import {packageManifest} from './package-manifest.js'

/** The installed package's version, read from its package.json. */
export function packageVersion(): string {
  return packageManifest().version
}
