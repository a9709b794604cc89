import {chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterEach} from 'vitest'
import {projectRoot} from './cli.js'

const created: string[] = []

afterEach(() => {
  for (const folder of created.splice(0)) {
    chmodTree(folder)
    rmSync(folder, {recursive: true, force: true})
  }
})

/** Writes `files` (repository-relative path → text) into a fresh temporary folder, removed after the test. */
export function makeWorkspace(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'sop-lint-'))
  created.push(root)
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(root, relative)
    mkdirSync(path.dirname(file), {recursive: true})
    writeFileSync(file, text)
  }
  return root
}

/** Makes every file writable again so that a test that removed permissions can still be cleaned up. */
function chmodTree(folder: string): void {
  try {
    chmodSync(folder, 0o755)
  } catch {}
}

/** A fresh empty temporary folder (outside every workspace), removed after the test. */
export function tempFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'sop-lint-'))
  created.push(folder)
  return folder
}

/** Every file of `fixtures/<name>` (repository-relative path → text), as `makeWorkspace` takes them. */
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

/** A copy of fixtures/valid (a workspace that passes) in a temporary folder, with `files` written over it. */
export function validWorkspace(files: Record<string, string | Buffer> = {}): string {
  const root = makeWorkspace({})
  cpSync(path.join(projectRoot, 'fixtures/valid'), root, {recursive: true})
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, relative)), {recursive: true})
    writeFileSync(path.join(root, relative), text)
  }
  return root
}

/** The real example workspace, where the shared folder holds it (tests of it are skipped elsewhere). */
export const agentosFolder = path.resolve(projectRoot, '../shared/examples/agentos')

/** A writable copy of examples/agentos in a temporary folder (shared/ is laid out read-only; --fix leaves read-only files alone). */
export function agentosCopy(): string {
  const root = tempFolder()
  cpSync(agentosFolder, root, {recursive: true})
  const writable = (folder: string) => {
    chmodSync(folder, 0o755)
    for (const entry of readdirSync(folder, {withFileTypes: true})) {
      const child = path.join(folder, entry.name)
      if (entry.isDirectory()) writable(child)
      else if (entry.isFile()) chmodSync(child, 0o644)
    }
  }
  writable(root)
  return root
}
