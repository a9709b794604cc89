/**
 * `sop-lint init` at the root of a monorepo: finds the workspaces — folders
 * below the root that hold a plans folder and a progress log or handoff
 * notes — and writes their list into the root's remark config, so the check,
 * the hook and the editor take each on its own (init then adopts each, as it
 * adopts a repository of one workspace). Nothing is written over what a
 * person wrote: a root config that already declares workspaces is kept, and
 * the folders it leaves out are named.
 */
import path from 'node:path'
import type {SopLintConfig} from '../config/schema.js'
import type {FileChange} from '../engine/fix/fix-workspace.js'
import {loadConfig} from '../engine/load-config.js'
import {readRemarkConfig} from '../engine/read-remark-config.js'
import {globParents, Monorepo} from '../workspace/monorepo.js'
import type {FileSource} from '../workspace/source.js'

/** How deep below the root workspaces are looked for (`projects/group/name` is three). */
const searchDepth = 4

export interface WorkspacesSetUp {
  changes: FileChange[]
  /** What init tells the user. */
  done: string[]
  notes: string[]
  /** The workspaces' folders (those declared, or those found and now declared); none in a repository of one workspace. */
  folders: string[]
  /** The folders that hold them (paths written from there resolve). */
  parents: string[]
}

/** The changes that declare the workspaces found below the root; none when the root is itself a workspace or none is found. */
export async function setUpWorkspaces(source: FileSource): Promise<WorkspacesSetUp> {
  const result: WorkspacesSetUp = {changes: [], done: [], notes: [], folders: [], parents: []}
  const {config} = await loadConfig(source.root, source)
  const remark = await readRemarkConfig(source.root, source)
  if (config.workspaces) {
    const declared = new Monorepo(source, {
      configName: remark!.name,
      globs: config.workspaces,
      outsideWorkspaces: config.hook.outsideWorkspaces
    })
    const left = findWorkspaces(source, config).filter((folder) => !declared.folders.includes(folder))
    if (left.length > 0)
      result.notes.push(
        `${remark!.name} declares workspaces that leave out ${left.join(', ')}: add them to "workspaces" if they are workspaces`
      )
    return {...result, folders: [...declared.folders], parents: [...declared.parents]}
  }
  if (isWorkspace(source, '', config)) return result
  const folders = findWorkspaces(source, config)
  if (folders.length === 0) return result
  if (remark === undefined || remark.name === '.remarkrc.json') {
    const text = remark ? source.read(remark.name)! : undefined
    result.changes.push({path: '.remarkrc.json', before: text, after: withWorkspaces(text, folders)})
    result.done.push(`.remarkrc.json (workspaces: ${folders.join(', ')})`)
  } else {
    result.notes.push(
      `found the workspaces ${folders.join(', ')}: add "workspaces": ${JSON.stringify(folders)} to the sop-lint options in ${remark.name}`
    )
    return result
  }
  return {...result, folders, parents: globParents(folders)}
}

/** The folders below the root, up to {@link searchDepth}, that are workspaces; none below a workspace. */
function findWorkspaces(source: FileSource, config: SopLintConfig): string[] {
  const found: string[] = []
  const walk = (folder: string, depth: number) => {
    for (const [name, kind] of source.entries?.(folder) ?? []) {
      if (kind !== 'folder' || name.startsWith('.') || name === 'node_modules') continue
      const child = folder ? `${folder}/${name}` : name
      if (isWorkspace(source, child, config)) found.push(child)
      else if (depth < searchDepth) walk(child, depth + 1)
    }
  }
  walk('', 1)
  return found
}

/** A plans folder and a progress log or handoff notes, by the config's names or names like them. */
function isWorkspace(source: FileSource, folder: string, config: SopLintConfig): boolean {
  const {plans} = config.paths
  if (!source.exists(join(folder, plans)) || source.isFile(join(folder, plans))) return false
  return (
    roleFile(source, folder, 'progress', config) !== undefined ||
    roleFile(source, folder, 'handoff', config) !== undefined
  )
}

/**
 * The path (from `folder`) of its progress log or handoff notes: the file the
 * config names, in another case (`PROGRESS.md`), or for the handoff a
 * Markdown file named for it (`HANDOFF.md`, `session-handoff.md`), in the
 * configured folder or the workspace's own. (Which names the workspace uses
 * is for its adoption to find and write into its own config.)
 */
function roleFile(
  source: FileSource,
  folder: string,
  role: 'progress' | 'handoff',
  config: SopLintConfig
): string | undefined {
  const wanted = config.paths[role]
  const parent = path.posix.dirname(wanted)
  const base = path.posix.basename(wanted).toLowerCase()
  const likeIt = (name: string) => name.toLowerCase() === base || (role === 'handoff' && /handoff.*\.md$/i.test(name))
  for (const where of parent === '.' ? [''] : [parent, '']) {
    const names = source.list(join(folder, where))
    const name = names.find((entry) => entry.toLowerCase() === base) ?? names.find(likeIt)
    if (name !== undefined && source.isFile(join(folder, join(where, name)))) return join(where, name)
  }
  return undefined
}

function join(folder: string, name: string): string {
  return folder === '' ? name : name === '' ? folder : `${folder}/${name}`
}

/** A `.remarkrc.json` with the workspaces in the sop-lint entry's options (the entry added when missing), indented as it was. */
function withWorkspaces(text: string | undefined, folders: readonly string[]): string {
  if (text === undefined)
    return `{\n  "plugins": [["sop-lint", {"workspaces": [${folders.map((folder) => JSON.stringify(folder)).join(', ')}]}]]\n}\n`
  const config = JSON.parse(text) as {plugins?: unknown}
  const plugins = (config.plugins ??= []) as unknown
  if (Array.isArray(plugins)) {
    const entry = plugins.find((plugin) => (Array.isArray(plugin) ? plugin[0] : plugin) === 'sop-lint')
    if (Array.isArray(entry)) entry[1] = {...(entry[1] as object), workspaces: folders}
    else if (entry !== undefined) plugins[plugins.indexOf(entry)] = ['sop-lint', {workspaces: folders}]
    else plugins.push(['sop-lint', {workspaces: folders}])
  } else if (plugins && typeof plugins === 'object') {
    const record = plugins as Record<string, unknown>
    record['sop-lint'] = {...(record['sop-lint'] as object | undefined), workspaces: folders}
  }
  const indent = /^\t/m.test(text) ? '\t' : (/^( +)"/m.exec(text)?.[1] ?? '  ')
  return `${JSON.stringify(config, null, indent)}\n`
}
