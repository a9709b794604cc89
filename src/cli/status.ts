import {claudeStatusCapture} from './accounting/claude-status.js'
import {statusCapture, writeCapture} from './accounting/status.js'
import {UsageError} from '../config/errors.js'
import {parseRefusal} from '../markdown/parse-limits.js'
import {wordFileProblem} from '../rule/file-problems.js'
import {formatDiff} from '../engine/fix/diff.js'
import {joinFileText, splitFileText, withLineEndings} from '../engine/fix/file-text.js'
import {writeChanges} from '../engine/fix/write-changes.js'
import {claudeProjectsFolder, readClaudeSessions} from '../tokens/usage/claude.js'
import {codexSessionsFolder, readCodexSessions} from '../tokens/usage/codex.js'
import {configChoice} from './config-choice.js'
import {logsFolder} from './logs-folder.js'
import {parseOptions} from './options.js'
import {readDocument} from './read-document.js'
import {chosenWorkspace} from './workspace-choice.js'
import {statusOptions as options} from './commands/status.js'

export async function runStatus(argv: string[]): Promise<number> {
  const {values, positionals} = parseOptions(options, argv, 'sop-lint status')
  const codex = values['from-codex']
  const claude = values['from-claude']
  if (positionals.length > 0)
    throw new UsageError(`status takes no file names (got ${positionals.join(' ')}); see sop-lint status --help`)
  if (codex !== undefined && claude !== undefined) throw new UsageError('pass --from-codex or --from-claude, not both')
  const {root, config, source} = await chosenWorkspace(values, 'status', await configChoice(values))
  const agent = claude !== undefined ? 'Claude Code' : 'Codex'
  const given = claude !== undefined ? (claude === true ? undefined : claude) : codex === true ? undefined : codex
  const folder =
    claude !== undefined
      ? logsFolder('--from-claude', given, claudeProjectsFolder(given), agent)
      : logsFolder('--from-codex', given, codexSessionsFolder(given), agent)
  const sessions = claude !== undefined ? readClaudeSessions(folder, root) : readCodexSessions(folder, root)
  const session =
    values.session === undefined
      ? sessions.at(-1)
      : sessions.find((candidate) => candidate.id.startsWith(values.session!))
  if (!session) {
    throw new UsageError(
      values.session === undefined
        ? `no ${agent} session in ${folder} ran in ${root}: pass ${claude !== undefined ? '--from-claude' : '--from-codex'} DIR`
        : `no ${agent} session ${values.session} in ${folder} ran in ${root}`
    )
  }
  const capture = 'requests' in session ? claudeStatusCapture(session, config) : statusCapture(session, config)
  const progressPath = config.paths.progress
  // No progress.md yet: the capture starts it.
  const before = readDocument(source, progressPath)
  const text = splitFileText(before ?? '')
  const refusal = parseRefusal([{text: text.body, line: 1}], config.limits)
  if (refusal)
    throw new UsageError(
      `${wordFileProblem(progressPath, {id: 'notParsed', refusal, limits: config.limits}).reason}; the /status capture is not written`
    )
  const body = writeCapture(text.body, capture.line, config)
  const after = joinFileText({
    ...text,
    body: text.eol === '\n' ? body : withLineEndings(body.replace(/\r\n/g, '\n'), text.eol)
  })
  const notes = capture.notes.map((note) => `  note: ${note}\n`).join('')
  if (values['dry-run']) {
    process.stdout.write(formatDiff([{path: progressPath, before, after}]))
    process.stdout.write(
      `sop-lint: would write the /status capture of ${agent} session ${session.id} into ${progressPath}; nothing written (dry run)\n${notes}`
    )
    return 0
  }
  const outcome = await writeChanges(root, [{path: progressPath, before, after}])
  const skipped = outcome.skipped[0]
  if (skipped) throw new UsageError(`${progressPath} ${skipped.reason}`)
  process.stdout.write(
    `sop-lint: wrote the /status capture of ${agent} session ${session.id} into ${progressPath}:\n  ${capture.line}\n${notes}`
  )
  return 0
}
