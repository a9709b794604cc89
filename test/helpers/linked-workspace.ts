import {readdirSync, readFileSync, symlinkSync, mkdirSync} from 'node:fs'
import path from 'node:path'
import {projectRoot} from './cli.js'
import {makeWorkspace} from './workspace.js'

/** Every file of `fixtures/<name>`, as `makeWorkspace` takes them (repository-relative path → text). */
export function fixtureFiles(name: string): Record<string, string> {
  const root = path.join(projectRoot, 'fixtures', name)
  const files: Record<string, string> = {}
  const walk = (folder: string) => {
    for (const entry of readdirSync(path.join(root, folder), {withFileTypes: true})) {
      const relative = folder ? `${folder}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(relative)
      else if (entry.isFile()) files[relative] = readFileSync(path.join(root, relative), 'utf8')
    }
  }
  walk('')
  return files
}

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
