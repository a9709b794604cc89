import {lintFiles, type LintOptions} from '../../src/engine/lint.js'
import {loadConfig} from '../../src/engine/load-config.js'
import {WorkingTreeSource} from '../../src/workspace/source.js'
import {dayOf} from '../../src/workspace/plan-name.js'
import {Workspace} from '../../src/workspace/workspace.js'

/** What a check run from `cwd` today is given, as the CLI gives it. */
export function lintOptions(cwd: string): LintOptions {
  return {cwd, date: dayOf(new Date())}
}

/** One message as tests compare it: `line:column-endLine:endColumn severity ruleId reason`. */
export function describeMessage(message: {
  line?: number | undefined
  column?: number | undefined
  place?: unknown
  fatal?: boolean | null | undefined
  ruleId?: string | undefined
  reason: string
}): string {
  const place = message.place as
    {start?: {line: number; column: number}; end?: {line: number; column: number}} | undefined
  const end = place?.end ? `-${place.end.line}:${place.end.column}` : ''
  return `${message.line ?? 1}:${message.column ?? 1}${end} ${message.fatal ? 'error' : 'warning'} ${message.ruleId} ${message.reason}`
}

/** Lints repository-relative files of a folder in-process, with the folder's own config. */
export async function lintWorkspace(root: string, files: string[], ruleId?: string): Promise<string[]> {
  const {config} = await loadConfig(root)
  const workspace = new Workspace(new WorkingTreeSource(root), config)
  const vfiles = await lintFiles(workspace, files, lintOptions(root))
  return vfiles.flatMap((file) =>
    file.messages
      .filter((message) => ruleId === undefined || message.ruleId === ruleId)
      .map((message) => describeMessage(message))
  )
}
