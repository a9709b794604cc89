import {expandBraces, maxBraceAlternatives, type PathRef} from '../markdown/path-refs.js'
import {classifyInWorkspace, findInRepository} from './across-workspaces.js'
import {notPortableReason} from './repo-path.js'
import type {Workspace} from './workspace.js'

/** What is wrong with a path a document names, or nothing. */
export interface PathProblem {
  reason: string
  /** Not portable or not checkable: reported as a warning. */
  warning: boolean
}

/**
 * Checks that a named path is a file or folder inside the repository. Paths
 * outside it are reported, never read. `{a,b}` alternatives are each checked;
 * other patterns (`*`, `<date>`) cannot be and are reported as such.
 */
export function judgePath(ref: PathRef, workspace: Workspace, documentFolder: string): PathProblem | undefined {
  const classified = classifyInWorkspace(workspace, ref.path, ref.kind === 'link' ? documentFolder : '')
  const notPortable = notPortableReason(classified)
  if (notPortable) return {reason: `\`${ref.path}\` ${notPortable}`, warning: true}
  const candidates = expandBraces(classified.path)
  if (candidates === undefined) {
    return {reason: `\`${ref.path}\` stands for more than ${maxBraceAlternatives} files: name fewer alternatives, or the files themselves`, warning: true}
  }
  if (candidates.some((candidate) => /[*<>{}]/.test(candidate))) {
    return {reason: `\`${ref.path}\` is a pattern, not a file: name the files it stands for`, warning: true}
  }
  const missing = candidates.filter((candidate) => findInRepository(workspace, candidate) === undefined)
  if (missing.length === 0) return undefined
  // Something stands there that sop-lint will not read (a link that loops or leads out of the repository): say what.
  const unusable = missing.flatMap((candidate) => {
    const why = workspace.source.unusable?.(candidate)
    return why ? [`\`${candidate}\` ${why}`] : []
  })
  if (unusable.length > 0) return {reason: unusable.join(', '), warning: false}
  return {reason: `${missing.map((candidate) => `\`${candidate}\``).join(', ')} ${missing.length > 1 ? 'do' : 'does'} not exist`, warning: false}
}
