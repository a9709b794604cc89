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
import type {Command} from './command.js'
import {configChoice} from './config-choice.js'
import {logsFolder} from './logs-folder.js'
import {configOption, helpOption, parseOptions, rootOption, workspaceOption, type OptionSpecs} from './options.js'
import {readDocument} from './read-document.js'
import {chosenWorkspace} from './workspace-choice.js'

const options = {
  'from-codex': {
    type: 'string',
    value: 'DIR',
    optional: true,
    help: 'capture from Codex (the default): its sessions folder (default $CODEX_HOME/sessions, else ~/.codex/sessions)'
  },
  'from-claude': {
    type: 'string',
    value: 'DIR',
    optional: true,
    help: 'capture from Claude Code: its projects folder (default $CLAUDE_CONFIG_DIR/projects, else ~/.claude/projects)'
  },
  session: {type: 'string', value: 'ID', help: 'the session to capture (a prefix of its id)'},
  'dry-run': {type: 'boolean', help: 'print the change as a unified diff and write nothing'},
  root: rootOption,
  workspace: workspaceOption,
  config: configOption,
  help: helpOption
} as const satisfies OptionSpecs

export const statusCommand: Command = {
  words: ['status'],
  summary: 'write the /status capture (Codex, or Claude Code) into progress.md',
  usage: 'sop-lint status [--from-codex [DIR] | --from-claude [DIR]] [options]',
  description: `Write the /status capture of the current session into progress.md.

From Codex (the default): context used against the window it names (the
configured window, 272K by default; Codex's own model_context_window, e.g.
258,400 for a 272K model, is given beside it), the 5h and weekly limits used,
with the times they reset. The figures come from the newest token_count
event of the newest Codex session that ran in this repository; its
rate-limit windows are told apart by window_minutes (300 = 5h, 10080 =
weekly), and either may be missing.

From Claude Code (--from-claude): context used against agent.claudeContextWindow
(200K by default), from the usage of the newest assistant message of the
newest Claude Code session that ran in this repository (its prompt and its
answer). Claude Code's logs hold no rate limits: the capture says "5h limit
not in the logs, weekly limit not in the logs", which the status-capture
rule accepts.

The capture replaces a capture line of the newest entry that still holds
placeholders (TODO%, as --fix writes it); otherwise it is appended to the
end of progress.md as a list item.`,
  options,
  examples: [
    ['sop-lint status', "write the newest Codex session's capture into progress.md"],
    ['sop-lint status --from-claude', "write the newest Claude Code session's capture"],
    [
      'sop-lint status --from-codex ~/backup/sessions --dry-run',
      'show the capture from another sessions folder, write nothing'
    ]
  ],
  async run(argv) {
    const {values, positionals} = parseOptions(options, argv, 'sop-lint status')
    const codex = values['from-codex']
    const claude = values['from-claude']
    if (positionals.length > 0)
      throw new UsageError(`status takes no file names (got ${positionals.join(' ')}); see sop-lint status --help`)
    if (codex !== undefined && claude !== undefined)
      throw new UsageError('pass --from-codex or --from-claude, not both')
    const {root, config, source} = await chosenWorkspace(values, 'status', configChoice(values))
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
}
