import type {VFile} from 'vfile'

/**
 * One line per message, `file:line:col: severity message [rule]`, which
 * editors' error formats (Vim's `errorformat`, Emacs' compilation mode) and
 * grep read. `unix` prints these lines only; `compact` ends them with a count,
 * as ESLint's does.
 */
export function formatUnix(files: readonly VFile[], options: {quiet: boolean; count: boolean}): string {
  const lines: string[] = []
  for (const file of files) {
    const byPlace = [...file.messages].sort(
      (a, b) => (a.line ?? 1) - (b.line ?? 1) || (a.column ?? 1) - (b.column ?? 1)
    )
    for (const message of byPlace) {
      if (options.quiet && message.fatal !== true) continue
      const severity = message.fatal === true ? 'error' : 'warning'
      const rule = message.ruleId ? ` [${message.ruleId}]` : ''
      lines.push(
        `${file.path}:${message.line ?? 1}:${message.column ?? 1}: ${severity} ${message.reason.replace(/\s*\n\s*/g, ' ')}${rule}`
      )
    }
  }
  if (lines.length === 0) return ''
  const count = options.count ? `\n${lines.length} problem${lines.length === 1 ? '' : 's'}\n` : ''
  return `${lines.join('\n')}\n${count}`
}
