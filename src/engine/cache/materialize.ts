import path from 'node:path'
import {VFile} from 'vfile'
import type {StoredFile} from './outcome.js'

/** Stored files as the vfiles the reporters take, their paths relative to `cwd` as a fresh check gives them. */
export function materialize(files: readonly StoredFile[], root: string, cwd: string): VFile[] {
  return files.map((stored) => {
    const file = new VFile({path: path.relative(cwd, path.join(root, stored.path)), cwd})
    for (const entry of stored.messages) {
      const message = file.message(entry.reason, {place: entry.place, ruleId: entry.ruleId, source: entry.source})
      message.fatal = entry.fatal
      if (entry.url !== undefined) message.url = entry.url
      if (entry.messageId !== undefined) message.messageId = entry.messageId
      if (entry.expected !== undefined) message.expected = entry.expected
      if (entry.fix !== undefined) message.fix = entry.fix
      if (entry.suggestions !== undefined) message.suggestions = entry.suggestions
      if (entry.note !== undefined) message.note = entry.note
    }
    return file
  })
}
