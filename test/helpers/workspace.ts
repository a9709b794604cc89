import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterEach} from 'vitest'

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
