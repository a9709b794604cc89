import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {placeholderHints, type PlaceholderHint} from '../../src/plan/template/placeholders.js'

/** What a person writes for each placeholder sop-lint leaves: plain decisions that name no file, so nothing new must exist. */
const decisions: Record<PlaceholderHint, string> = {
  taskTitle: 'Follow-up work',
  spec: 'the scenarios of the task’s row',
  start: 'the scenarios are written and fail',
  end: 'the scenarios pass',
  artefacts: 'the module and its tests',
  budget: '40K',
  readingReason: 'what the session starts from',
  readingItem: 'what the session starts from',
  command: 'pytest -q',
  checks: 'the suite passes',
  handoffFiles: 'the plan pointer',
  featureLog: 'the follow-up work',
  glossaryEntry: 'what the folder holds',
  glossarySection: 'the folders the plan names'
}

/**
 * Fills every placeholder sop-lint wrote in the Markdown files below `root`
 * (`TODO: <hint>`, and the `/status` capture's `TODO%` and `TODOK`), as a
 * person finishing the scaffold would. Returns the files it changed.
 */
export function fillPlaceholders(root: string, overrides: Partial<Record<PlaceholderHint, string>> = {}): string[] {
  const changed: string[] = []
  for (const file of markdownFiles(root)) {
    const text = readFileSync(path.join(root, file), 'utf8')
    let filled = text
    for (const [hint, words] of Object.entries(placeholderHints) as Array<[PlaceholderHint, string]>) {
      filled = filled.split(`TODO: ${words}`).join(overrides[hint] ?? decisions[hint])
    }
    filled = filled
      .replace(/context window TODO% used \(TODOK\//g, 'context window 40% used (109K/')
      .replace(/TODO% used/g, '20% used')
    if (filled !== text) {
      writeFileSync(path.join(root, file), filled)
      changed.push(file)
    }
  }
  return changed
}

function markdownFiles(root: string, folder = ''): string[] {
  return readdirSync(path.join(root, folder), {withFileTypes: true}).flatMap((entry) => {
    const relative = folder ? `${folder}/${entry.name}` : entry.name
    if (entry.isDirectory())
      return entry.name === '.git' || entry.name === 'node_modules' ? [] : markdownFiles(root, relative)
    return entry.name.endsWith('.md') ? [relative] : []
  })
}
