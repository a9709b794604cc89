/**
 * What is wrong with a path a document names, for the rules that check named
 * paths (required-reading, handoff-requirements, spec-table, citation,
 * validation-matrix): the kind of problem and the words that describe the
 * path, which each rule puts in its own message.
 *
 * A path missing as written is found in context before it is reported: in
 * the folder of the path listed before it (`ai-docs/README.md, MANIFEST.md`),
 * written from a folder above the workspace (`projects/app/PROGRESS.md`,
 * `app/docs/x.md` in a workspace at `…/projects/app`), or in another
 * repository that `paths.siblings` maps (`CCP: ClaudeCodeProxy/x.md`).
 */
import nodePath from 'node:path'
import {expandBraces, maxBraceAlternatives, type PathRef} from '../../src/markdown/path-refs.js'
import {describeUnusable} from '../../src/rule/words.js'
import {classifyInWorkspace, findInRepository} from '../../src/workspace/across-workspaces.js'
import type {RepoPath} from '../../src/workspace/repo-path.js'
import type {Workspace} from '../../src/workspace/workspace.js'

export type PathProblem =
  /** Absolute, in the home folder, or climbing out of the repository: a warning. */
  (
    | {kind: 'notPortable'; data: {path: string; why: string}}
    /** A path of another repository that is not checked (not mapped, not there, or not read by a check of a commit): a warning. */
    | {kind: 'elsewhere'; data: {path: string; why: string}}
    /** `*`, `<date>`: cannot be checked, a warning. */
    | {kind: 'pattern'; data: {path: string}}
    /** `{a,b}` groups that stand for more files than are checked (`max`): a warning. */
    | {kind: 'tooManyAlternatives'; data: {path: string; max: number}}
    /** Something stands there that sop-lint does not read (a folder, a link that loops…): `what` names each. */
    | {kind: 'unusable'; data: {what: string}}
    /** `what`: "`a` does not exist", "`a`, `b` do not exist", "`a` does not exist in `../other`". */
    | {kind: 'missing'; data: {what: string}}
  ) & {
    /** Problems of one group are said once per document: the first says it for all (paths outside the repository, of one other repository). */
    group?: string
  }

const notPortableWords: Record<Exclude<RepoPath['kind'], 'inside'>, string> = {
  absolute:
    'is an absolute path: not portable, and sop-lint reads nothing outside the repository; name it relative to the repository root',
  home: 'is a home-folder path: not portable, and sop-lint reads nothing outside the repository; name it relative to the repository root',
  outside:
    'climbs out of the repository with `..`: sop-lint reads nothing outside the repository; name a file inside it'
}

/** The group of paths outside the repository: a place the session delivers to, which handoff-requirements leaves alone. */
export const outsideGroup = 'outside'

/** A label of another repository, when nothing maps it: an acronym (`CCP:`), not a word like `Docs:`. */
const repositoryLabel = /^[A-Z][A-Z0-9]{1,9}$/

/** Why a classified path cannot be checked, phrased to follow the path; `undefined` for a path inside the repository. */
export function notPortable(repoPath: RepoPath): string | undefined {
  return repoPath.kind === 'inside' ? undefined : notPortableWords[repoPath.kind]
}

/**
 * Checks that a named path is a file or folder inside the repository (in a
 * monorepo, written from the workspace, the repository root or a folder of
 * workspaces: src/workspace/across-workspaces.ts). Paths outside it are
 * reported, never read. `{a,b}` alternatives are each checked;
 * other patterns (`*`, `<date>`) cannot be and are reported as such.
 */
export function judgePath(ref: PathRef, workspace: Workspace, documentFolder: string): PathProblem | undefined {
  const classified = classifyInWorkspace(workspace, ref.path, ref.kind === 'link' ? documentFolder : '')
  const why = notPortable(classified)
  if (why) return {kind: 'notPortable', data: {path: ref.path, why}, group: outsideGroup}
  const candidates = expandBraces(classified.path)
  if (candidates === undefined) return {kind: 'tooManyAlternatives', data: {path: ref.path, max: maxBraceAlternatives}}
  if (candidates.some((candidate) => /[*<>{}]/.test(candidate))) return {kind: 'pattern', data: {path: ref.path}}
  const missing = candidates.filter((candidate) => !existsInContext(candidate, ref, workspace))
  if (missing.length === 0) return undefined
  const elsewhere = anotherRepository(ref, workspace)
  if (elsewhere === 'found') return undefined
  if (elsewhere) return elsewhere
  // Something stands there that sop-lint will not read (a link that loops or leads out of the repository): say what.
  const unusable = missing.flatMap((candidate) => {
    const found = workspace.source.unusable(candidate)
    return found ? [`\`${candidate}\` ${describeUnusable(found)}`] : []
  })
  if (unusable.length > 0) return {kind: 'unusable', data: {what: unusable.join(', ')}}
  const names = missing.map((candidate) => `\`${candidate}\``).join(', ')
  return {kind: 'missing', data: {what: `${names} ${missing.length > 1 ? 'do' : 'does'} not exist`}}
}

function existsInContext(candidate: string, ref: PathRef, workspace: Workspace): boolean {
  if (findInRepository(workspace, candidate) !== undefined) return true
  if (ref.folder !== undefined && ref.kind !== 'link' && workspace.exists(`${ref.folder}/${candidate}`)) return true
  return withoutWorkspaceFolders(candidate, workspace.root).some((inside) => workspace.exists(inside))
}

/** `projects/app/PROGRESS.md` in a workspace at `…/projects/app`: the path with the workspace's own folders taken off its start. */
function withoutWorkspaceFolders(candidate: string, root: string): string[] {
  const folders = nodePath.resolve(root).split(nodePath.sep).filter(Boolean)
  const segments = candidate.split('/')
  const found: string[] = []
  for (let count = 1; count < segments.length && count <= folders.length; count++) {
    if (segments.slice(0, count).join('/') === folders.slice(-count).join('/'))
      found.push(segments.slice(count).join('/'))
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
    const mapped = `is in another repository, \`${sibling.folder}\` (\`paths.siblings\`)`
    if (!source)
      return {
        kind: 'elsewhere',
        data: {path: ref.path, why: `${mapped}, which a check of a commit does not read: its paths are not checked`},
        group
      }
    if (source.unusable('.') !== 'folder')
      return {
        kind: 'elsewhere',
        data: {path: ref.path, why: `${mapped}, which is not there: its paths are not checked`},
        group
      }
    if (source.exists(sibling.rest)) return 'found'
    // Read by the rules of this repository: a link out of that folder, or a `..` that climbs out of it, is named, not followed.
    const why = source.unusable(sibling.rest)
    if (why)
      return {kind: 'unusable', data: {what: `\`${ref.path}\` (in \`${sibling.folder}\`) ${describeUnusable(why)}`}}
    return {kind: 'missing', data: {what: `\`${ref.path}\` does not exist in \`${sibling.folder}\``}}
  }
  const first = ref.path.split('/')[0]!
  if (ref.label === undefined || !repositoryLabel.test(ref.label) || !ref.path.includes('/') || workspace.exists(first))
    return undefined
  return {
    kind: 'elsewhere',
    data: {
      path: ref.path,
      why: `names another repository (its line is labelled \`${ref.label}:\`), which sop-lint does not read: map \`${ref.label}\` to that repository's folder in \`paths.siblings\` to check its paths`
    },
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
