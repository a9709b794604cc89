import path from 'node:path'
import type {VFile} from 'vfile'

/**
 * GitHub Actions workflow commands, one per message:
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule>::message`
 * (`::warning` for warnings), which the runner turns into annotations on the
 * pull request. File paths are relative to the current folder (the workflow's
 * checkout).
 */
export function formatGithub(files: readonly VFile[], quiet: boolean): string {
  const lines: string[] = []
  for (const file of files) {
    const name = path.relative(process.cwd(), path.resolve(file.cwd, file.path)).split(path.sep).join('/') || '.'
    for (const message of file.messages) {
      if (quiet && !message.fatal) continue
      const end = message.place && 'end' in message.place ? message.place.end : undefined
      const properties: Array<[string, string | number | undefined]> = [
        ['file', name],
        ['line', message.line ?? 1],
        ['col', message.column ?? 1],
        ['endLine', end?.line],
        ['endColumn', end?.column],
        ['title', message.ruleId ?? 'sop-lint']
      ]
      const list = properties
        .filter((property): property is [string, string | number] => property[1] !== undefined)
        .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
        .join(',')
      lines.push(`::${message.fatal ? 'error' : 'warning'} ${list}::${escapeData(message.reason)}`)
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : ''
}

/** The message of a workflow command: `%`, CR and LF are escaped (as @actions/core does). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** A property value of a workflow command: also `:` and `,`, which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
