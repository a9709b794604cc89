import nodePath from 'node:path'
import {expandBraces, maxBraceAlternatives, type PathRef} from '../markdown/path-refs.js'
import {classifyPath, notPortableReason} from './repo-path.js'
import {folderProblem} from './source.js'
import type {Workspace} from './workspace.js'

/** What is wrong with a path a document names, or nothing. */
export interface PathProblem {
  reason: string
  /** Not portable or not checkable: reported as a warning. */
  warning: boolean
  /** Problems of one group are said once per document: the first says it for all (paths of another repository, paths outside this one). */
  group?: string
}

/** A label of another repository, when nothing maps it: an acronym (`CCP:`), not a word like `Docs:`. */
const repositoryLabel = /^[A-Z][A-Z0-9]{1,9}$/

/**
 * Checks that a named path is a file or folder inside the repository. Paths
 * outside it are reported, never read. `{a,b}` alternatives are each checked;
 * other patterns (`*`, `<date>`) cannot be and are reported as such. A path
 * missing as written is found in context before it is reported: in the
 * folder of the path listed before it (`ai-docs/README.md, MANIFEST.md`),
 * written from a folder above the workspace (`projects/app/PROGRESS.md`,
 * `app/docs/x.md` in a workspace at `…/projects/app`), or in another
 * repository that `paths.siblings` maps (`CCP: ClaudeCodeProxy/x.md`).
 */
export function judgePath(ref: PathRef, workspace: Workspace, documentFolder: string): PathProblem | undefined {
  const classified = classifyPath(ref.path, ref.kind === 'link' ? documentFolder : '')
  const notPortable = notPortableReason(classified)
  if (notPortable) return {reason: `\`${ref.path}\` ${notPortable}`, warning: true, group: 'outside'}
  const candidates = expandBraces(classified.path)
  if (candidates === undefined) {
    return {reason: `\`${ref.path}\` stands for more than ${maxBraceAlternatives} files: name fewer alternatives, or the files themselves`, warning: true}
  }
  if (candidates.some((candidate) => /[*<>{}]/.test(candidate))) {
    return {reason: `\`${ref.path}\` is a pattern, not a file: name the files it stands for`, warning: true}
  }
  const missing = candidates.filter((candidate) => !existsInContext(candidate, ref, workspace))
  if (missing.length === 0) return undefined
  const elsewhere = anotherRepository(ref, workspace)
  if (elsewhere === 'found') return undefined
  if (elsewhere) return elsewhere
  // Something stands there that sop-lint will not read (a link that loops or leads out of the repository): say what.
  const unusable = missing.flatMap((candidate) => {
    const why = workspace.source.unusable?.(candidate)
    return why ? [`\`${candidate}\` ${why}`] : []
  })
  if (unusable.length > 0) return {reason: unusable.join(', '), warning: false}
  return {reason: `${missing.map((candidate) => `\`${candidate}\``).join(', ')} ${missing.length > 1 ? 'do' : 'does'} not exist`, warning: false}
}

function existsInContext(candidate: string, ref: PathRef, workspace: Workspace): boolean {
  if (workspace.exists(candidate)) return true
  if (ref.folder !== undefined && ref.kind !== 'link' && workspace.exists(`${ref.folder}/${candidate}`)) return true
  return withoutWorkspaceFolders(candidate, workspace.root).some((inside) => workspace.exists(inside))
}

/** `projects/app/PROGRESS.md` in a workspace at `…/projects/app`: the path with the workspace's own folders taken off its start. */
function withoutWorkspaceFolders(candidate: string, root: string): string[] {
  const folders = nodePath.resolve(root).split(nodePath.sep).filter(Boolean)
  const segments = candidate.split('/')
  const found: string[] = []
  for (let count = 1; count < segments.length && count <= folders.length; count++) {
    if (segments.slice(0, count).join('/') === folders.slice(-count).join('/')) found.push(segments.slice(count).join('/'))
  }
  return found
}

/**
 * A path of another repository: mapped in `paths.siblings` (by its line's
 * label or its start) and checked in that folder when it is present, else
 * said once as not checked; or, unmapped, on a line labelled with an acronym
 * (`CCP:`) and starting with a folder this repository does not have.
 */
function anotherRepository(ref: PathRef, workspace: Workspace): PathProblem | 'found' | undefined {
  const sibling = mappedSibling(ref, workspace.config.paths.siblings)
  if (sibling) {
    const group = `sibling ${sibling.folder}`
    const source = workspace.siblingSource(sibling.folder)
    if (!source) {
      return {
        reason: `\`${ref.path}\` is in another repository, \`${sibling.folder}\` (\`paths.siblings\`), which a check of a commit does not read: its paths are not checked`,
        warning: true,
        group
      }
    }
    if (source.unusable('.') !== folderProblem) {
      return {
        reason: `\`${ref.path}\` is in another repository, \`${sibling.folder}\` (\`paths.siblings\`), which is not there: its paths are not checked`,
        warning: true,
        group
      }
    }
    if (source.exists(sibling.rest)) return 'found'
    // Read by the rules of this repository: a link out of that folder, or a `..` that climbs out of it, is named, not followed.
    const why = source.unusable(sibling.rest)
    if (why) return {reason: `\`${ref.path}\` (in \`${sibling.folder}\`) ${why}`, warning: false}
    return {reason: `\`${ref.path}\` does not exist in \`${sibling.folder}\``, warning: false}
  }
  const first = ref.path.split('/')[0]!
  if (ref.label === undefined || !repositoryLabel.test(ref.label) || !ref.path.includes('/') || workspace.exists(first)) return undefined
  return {
    reason: `\`${ref.path}\` names another repository (its line is labelled \`${ref.label}:\`), which sop-lint does not read: map \`${ref.label}\` to that repository's folder in \`paths.siblings\` to check its paths`,
    warning: true,
    group: `label ${ref.label}`
  }
}

/** Whether a path names a file of another repository that `paths.siblings` maps (by its line's label or its start). */
export function inSiblingRepository(ref: PathRef, workspace: Workspace): boolean {
  return mappedSibling(ref, workspace.config.paths.siblings) !== undefined
}

function mappedSibling(ref: PathRef, siblings: Record<string, string>): {folder: string; rest: string} | undefined {
  for (const [key, folder] of Object.entries(siblings)) {
    const name = nodePath.posix.basename(folder.replace(/\/+$/, ''))
    const rest = ref.path.startsWith(`${name}/`) ? ref.path.slice(name.length + 1) : ref.path
    if (key.endsWith('/') && ref.path.startsWith(key)) return {folder, rest: ref.path.slice(key.length)}
    if (ref.label === key || ref.path.startsWith(`${name}/`)) return {folder, rest}
  }
  return undefined
}
