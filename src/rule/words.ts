/**
 * Words shared by the rules' messages and the file problems: what stands at
 * a path that cannot be read as a file, and an error code as a person reads it.
 */
import type {Unusable} from '../workspace/source.js'

const unusableWords: Record<Exclude<Unusable, `unreadable:${string}`>, string> = {
  outside: 'is outside the repository, which sop-lint never reads',
  'link-folder': 'lies in a folder reached through a symbolic link, which sop-lint does not follow',
  folder: 'is a folder, not a file',
  special: 'is not a regular file (a FIFO, socket or device)',
  loop: 'is a symbolic link that loops',
  'link-outside': 'is a symbolic link to a place outside the repository, which sop-lint never reads',
  dangling: 'is a symbolic link to nothing'
}

/** Why a path cannot be read, phrased to follow the path: `is a folder, not a file`. */
export function describeUnusable(why: Unusable): string {
  if (why.startsWith('unreadable:')) return `cannot be read (${describeErrno(why.slice('unreadable:'.length))})`
  return unusableWords[why as keyof typeof unusableWords]
}

const errnoWords: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EISDIR: 'is a folder',
  ENOTDIR: 'a folder on its path is a file',
  EEXIST: 'a file stands where a folder is needed',
  ELOOP: 'symbolic link loop',
  ENAMETOOLONG: 'name too long',
  EMFILE: 'too many open files',
  EIO: 'input/output error'
}

/** An error code as words a person reads: `permission denied, EACCES`; an unknown code (or a message) as it is. */
export function describeErrno(code: string): string {
  return errnoWords[code] ? `${errnoWords[code]}, ${code}` : code
}
