import {reporter} from 'vfile-reporter'
import type {VFile} from 'vfile'

/** vfile-reporter's output for the files that have messages; colour only on a terminal, never with `NO_COLOR`. */
export function formatStylish(files: readonly VFile[], options: {quiet: boolean; color: boolean}): string {
  const text = reporter([...files], {color: options.color, silent: options.quiet, quiet: true})
  return text ? `${text}\n` : ''
}

export function useColor(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '')
}
