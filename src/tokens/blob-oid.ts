import {createHash} from 'node:crypto'

/**
 * The object id git gives a file's content: SHA-1 of `blob <size>\0` and the
 * bytes, as `git hash-object` computes it. Token counts are cached under it, so
 * the working tree and a commit's tree (the pre-push hook) share entries.
 */
export function gitBlobOid(content: string | Uint8Array): string {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')
}
