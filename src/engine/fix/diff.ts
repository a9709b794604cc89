import {createTwoFilesPatch} from 'diff'
import type {FileChange} from './fix-workspace.js'

/** A unified diff of every change, new files against /dev/null, in path order, as `git diff` prints them. */
export function formatDiff(changes: readonly FileChange[]): string {
  return [...changes]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((change) =>
      createTwoFilesPatch(
        change.before === undefined ? '/dev/null' : `a/${change.path}`,
        `b/${change.path}`,
        change.before ?? '',
        change.after,
        undefined,
        undefined,
        {context: 3}
      ).replace(/^=+\n/, '')
    )
    .join('')
}
