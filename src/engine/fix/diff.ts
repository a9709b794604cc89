import {createTwoFilesPatch} from 'diff'
import type {FileChange} from './fix-workspace.js'

/** A unified diff of every change, new files against /dev/null, as `git diff` prints them. */
export function formatDiff(changes: readonly FileChange[]): string {
  return changes
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
