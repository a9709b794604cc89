import {mkdirSync, symlinkSync} from 'node:fs'
import path from 'node:path'
import {projectRoot} from './cli.js'
import {fixtureFiles, makeWorkspace} from './workspace.js'

export {fixtureFiles}

/**
 * A temporary workspace in which `sop-lint` resolves to this project, as it
 * does where the package is installed: `node_modules/sop-lint` links here, so
 * stock remark tools and remark configs naming `sop-lint` load the build.
 */
export function makeLinkedWorkspace(files: Record<string, string>): string {
  const root = makeWorkspace(files)
  mkdirSync(path.join(root, 'node_modules'), {recursive: true})
  symlinkSync(projectRoot, path.join(root, 'node_modules', 'sop-lint'), 'dir')
  return root
}
