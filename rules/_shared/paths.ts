/**
 * What is wrong with a path a document names, for the rules that check named
 * paths (required-reading, handoff-requirements, spec-table, citation,
 * validation-matrix): the kind of problem and the words that describe the
 * path, which each rule puts in its own message.
 */
import {expandBraces, maxBraceAlternatives, type PathRef} from '../../src/markdown/path-refs.js'
import {describeUnusable} from '../../src/rule/words.js'
import {classifyInWorkspace, findInRepository} from '../../src/workspace/across-workspaces.js'
import type {RepoPath} from '../../src/workspace/repo-path.js'
import type {Workspace} from '../../src/workspace/workspace.js'

export type PathProblem =
  /** Absolute, in the home folder, or climbing out of the repository: a warning. */
  | {kind: 'notPortable'; data: {path: string; why: string}}
  /** `*`, `<date>`: cannot be checked, a warning. */
  | {kind: 'pattern'; data: {path: string}}
  /** `{a,b}` groups that stand for more files than are checked (`max`): a warning. */
  | {kind: 'tooManyAlternatives'; data: {path: string; max: number}}
  /** Something stands there that sop-lint does not read (a folder, a link that loops…): `what` names each. */
  | {kind: 'unusable'; data: {what: string}}
  /** `what`: "`a` does not exist", "`a`, `b` do not exist". */
  | {kind: 'missing'; data: {what: string}}

const notPortableWords: Record<Exclude<RepoPath['kind'], 'inside'>, string> = {
  absolute: 'is an absolute path: not portable, and sop-lint reads nothing outside the repository; name it relative to the repository root',
  home: 'is a home-folder path: not portable, and sop-lint reads nothing outside the repository; name it relative to the repository root',
  outside: 'climbs out of the repository with `..`: sop-lint reads nothing outside the repository; name a file inside it'
}

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
  if (why) return {kind: 'notPortable', data: {path: ref.path, why}}
  const candidates = expandBraces(classified.path)
  if (candidates === undefined) return {kind: 'tooManyAlternatives', data: {path: ref.path, max: maxBraceAlternatives}}
  if (candidates.some((candidate) => /[*<>{}]/.test(candidate))) return {kind: 'pattern', data: {path: ref.path}}
  const missing = candidates.filter((candidate) => findInRepository(workspace, candidate) === undefined)
  if (missing.length === 0) return undefined
  // Something stands there that sop-lint will not read (a link that loops or leads out of the repository): say what.
  const unusable = missing.flatMap((candidate) => {
    const found = workspace.source.unusable(candidate)
    return found ? [`\`${candidate}\` ${describeUnusable(found)}`] : []
  })
  if (unusable.length > 0) return {kind: 'unusable', data: {what: unusable.join(', ')}}
  const names = missing.map((candidate) => `\`${candidate}\``).join(', ')
  return {kind: 'missing', data: {what: `${names} ${missing.length > 1 ? 'do' : 'does'} not exist`}}
}
