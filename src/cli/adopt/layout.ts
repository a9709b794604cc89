/**
 * The layout an existing workspace already has, found as `sop-lint init`
 * adopts it: where its plans are and how they are named, its progress log,
 * handoff notes, token ledger and Task ↔ Spec table. Only what differs from
 * the defaults becomes a setting, so a workspace laid out as the procedure
 * says gets an empty config.
 */
import type {SopLintConfig} from '../../config/schema.js'
import type {SopLintOptions} from '../../engine/config.js'
import {findSpecTables} from '../../plan/spec-table.js'
import {parsable, parseMarkdown} from '../../markdown/parse.js'
import type {FileSource} from '../../workspace/source.js'

/** One role, and where it was found (or not). */
export interface FoundRole {
  role: string
  path: string | undefined
  /** What else is worth saying: how many plans, the newest. */
  detail?: string
}

export interface Layout {
  /** Options that differ from the defaults, as the config gets them. */
  settings: SopLintOptions
  found: FoundRole[]
}

const planFolders = ['plans', 'docs/plans', '.claude/plans']
const progressNames = ['progress.md', 'PROGRESS.md', 'docs/progress.md', 'docs/PROGRESS.md']
const handoffNames = [
  'docs/SESSION_HANDOFF.md',
  'HANDOFF.md',
  'SESSION_HANDOFF.md',
  'docs/HANDOFF.md',
  'docs/handoff.md',
  'handoff.md'
]
const datedName = /^(\d{4}-\d{2}-\d{2})(.*)$/
/** Files and folders looked through for the ledger and the table: enough for a docs tree, bounded for a huge one. */
const searchLimit = 2000

export function findLayout(source: FileSource, defaults: SopLintConfig): Layout {
  const settings: {paths: Record<string, string>; plan: Record<string, string>} = {paths: {}, plan: {}}
  const found: FoundRole[] = []
  const set = (key: keyof SopLintConfig['paths'], value: string | undefined) => {
    if (value !== undefined && value !== defaults.paths[key]) settings.paths[key] = value
  }

  const plans = findPlans(source, defaults)
  if (plans) {
    set('plans', plans.folder)
    if (plans.suffix !== defaults.plan.suffix) settings.plan.suffix = plans.suffix
    if (plans.pattern !== undefined && plans.pattern !== defaults.plan.pattern) settings.plan.pattern = plans.pattern
    found.push({
      role: 'plans',
      path: `${plans.folder}/`,
      detail: `${plans.count} plan${plans.count === 1 ? '' : 's'}${plans.pattern ? `, named ${plans.pattern}` : ''}`
    })
  } else {
    found.push({role: 'plans', path: undefined})
  }
  const progress = progressNames.find((name) => source.isFile(name))
  set('progress', progress)
  found.push({role: 'progress log', path: progress})
  const handoff = [defaults.paths.handoff, ...handoffNames].find((name) => source.isFile(name))
  set('handoff', handoff)
  found.push({role: 'handoff notes', path: handoff})
  const ledger = source.isFile(defaults.paths.ledger)
    ? defaults.paths.ledger
    : findFile(source, (name) => name.endsWith('.csv') && isLedger(source, name))
  set('ledger', ledger)
  found.push({role: 'token ledger', path: ledger})
  const table = hasSpecTable(source, defaults.paths.taskSpecTable, defaults)
    ? defaults.paths.taskSpecTable
    : findFile(source, (name) => /\.md$/i.test(name) && hasSpecTable(source, name, defaults))
  set('taskSpecTable', table)
  found.push({role: 'Task ↔ Spec table', path: table})

  const options: SopLintOptions = {}
  if (Object.keys(settings.paths).length > 0) options.paths = settings.paths
  if (Object.keys(settings.plan).length > 0) options.plan = settings.plan
  return {settings: options, found}
}

interface FoundPlans {
  folder: string
  suffix: string
  /** The name pattern most dated plans follow, when one does. */
  pattern: string | undefined
  count: number
}

/** The first plans folder holding Markdown files, with the suffix and dated pattern its names share. */
function findPlans(source: FileSource, defaults: SopLintConfig): FoundPlans | undefined {
  for (const folder of [defaults.paths.plans, ...planFolders]) {
    const names = source.list(folder).filter((name) => /\.md$/i.test(name) && source.isFile(`${folder}/${name}`))
    if (names.length === 0) continue
    const suffix = names.some((name) => name.endsWith(defaults.plan.suffix)) ? defaults.plan.suffix : '.md'
    const plans = names.filter((name) => name.endsWith(suffix))
    const patterns = new Map<string, number>()
    for (const name of plans) {
      const dated = datedName.exec(name)
      if (dated) patterns.set(`{date}${dated[2]}`, (patterns.get(`{date}${dated[2]}`) ?? 0) + 1)
    }
    const [best] = [...patterns].sort(
      (a, b) => b[1] - a[1] || (a[0] === defaults.plan.pattern ? -1 : b[0] === defaults.plan.pattern ? 1 : 0)
    )
    // One name shared by two dated plans or more is the team's pattern; a lone one decides nothing.
    const pattern =
      best && (best[1] >= 2 || patterns.size === 1)
        ? best[0]
        : patterns.has(defaults.plan.pattern)
          ? defaults.plan.pattern
          : undefined
    return {folder, suffix, pattern, count: plans.length}
  }
  return undefined
}

/** The first file, breadth first from the root (`node_modules` and dot folders skipped), that `matches`. */
function findFile(source: FileSource, matches: (file: string) => boolean): string | undefined {
  const queue = ['']
  let looked = 0
  while (queue.length > 0 && looked < searchLimit) {
    const folder = queue.shift()!
    for (const name of source.list(folder).sort()) {
      if (++looked > searchLimit) break
      if (name.startsWith('.') || name === 'node_modules') continue
      const file = folder ? `${folder}/${name}` : name
      if (source.isFile(file)) {
        if (matches(file)) return file
      } else if (source.exists(file)) {
        queue.push(file)
      }
    }
  }
  return undefined
}

function isLedger(source: FileSource, file: string): boolean {
  const header = source.read(file)?.split(/\r?\n/, 1)[0] ?? ''
  return /(^|,)\s*"?tokens_planned"?\s*(,|$)/.test(header)
}

function hasSpecTable(source: FileSource, file: string, defaults: SopLintConfig): boolean {
  const text = source.isFile(file) ? source.read(file) : undefined
  if (!parsable(text, defaults) || !/^\s*\|.*\btask\b.*\|/im.test(text)) return false
  return findSpecTables(parseMarkdown(text), defaults).length > 0
}

/** What init says it found, one role a line. */
export function describeLayout(layout: Layout): string {
  return layout.found
    .map(
      (role) =>
        `  ${role.role}: ${role.path === undefined ? 'none yet (--fix creates it with the next plan)' : `${role.path}${role.detail ? ` (${role.detail})` : ''}`}`
    )
    .join('\n')
}
