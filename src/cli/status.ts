import {parseArgs} from 'node:util'
import {claudeStatusCapture} from '../accounting/claude-status.js'
import {statusCapture, writeCapture} from '../accounting/status.js'
import {UsageError} from '../config/errors.js'
import {loadConfig} from '../config/load.js'
import {formatDiff} from '../fix/diff.js'
import {joinFileText, splitFileText, withLineEndings} from '../fix/file-text.js'
import {writeChanges} from '../fix/write-changes.js'
import {claudeProjectsFolder, readClaudeSessions} from '../usage/claude.js'
import {codexSessionsFolder, readCodexSessions} from '../usage/codex.js'
import {WorkingTreeSource} from '../workspace/source.js'
import type {Command} from './command.js'
import {optionalValue} from './ledger-close.js'
import {readDocument} from './read-document.js'
import {findRoot} from './root.js'

const help = `Usage: sop-lint status [--from-codex [DIR] | --from-claude [DIR]] [--session ID] [--dry-run] [--root DIR]

Write the /status capture of the current session into progress.md.

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
end of progress.md as a list item.

Options:
  --from-codex [DIR]   Codex's sessions folder (default $CODEX_HOME/sessions,
                       else ~/.codex/sessions)
  --from-claude [DIR]  Claude Code's projects folder (default
                       $CLAUDE_CONFIG_DIR/projects, else ~/.claude/projects)
  --session ID         the session to capture (a prefix of its id)
  --dry-run            print the change as a unified diff and write nothing
  --root DIR           repository root (default: git top level of the cwd)
  -h, --help           show this help`

export const statusCommand: Command = {
  words: ['status'],
  summary: 'write the /status capture (Codex, or Claude Code) into progress.md',
  help,
  async run(argv) {
    const codex = optionalValue(argv, '--from-codex')
    const claude = optionalValue(codex.argv, '--from-claude')
    const {values, positionals} = parseArgs({
      args: claude.argv,
      strict: true,
      allowPositionals: true,
      options: {session: {type: 'string'}, 'dry-run': {type: 'boolean', default: false}, root: {type: 'string'}}
    })
    if (positionals.length > 0) throw new UsageError(`status takes no file names (got ${positionals.join(' ')}); see sop-lint status --help`)
    if (codex.present && claude.present) throw new UsageError('pass --from-codex or --from-claude, not both')
    const root = findRoot(values.root)
    const {config} = await loadConfig(root)
    const agent = claude.present ? 'Claude Code' : 'Codex'
    const folder = claude.present ? claudeProjectsFolder(claude.value) : codexSessionsFolder(codex.value)
    const sessions = claude.present ? readClaudeSessions(folder, root) : readCodexSessions(folder, root)
    const session =
      values.session === undefined ? sessions.at(-1) : sessions.find((candidate) => candidate.id.startsWith(values.session!))
    if (!session) {
      throw new UsageError(
        values.session === undefined
          ? `no ${agent} session in ${folder} ran in ${root}: pass ${claude.present ? '--from-claude' : '--from-codex'} DIR`
          : `no ${agent} session ${values.session} in ${folder} ran in ${root}`
      )
    }
    const capture = 'requests' in session ? claudeStatusCapture(session, config) : statusCapture(session, config)
    const progressPath = config.paths.progress
    // No progress.md yet: the capture starts it.
    const before = readDocument(new WorkingTreeSource(root), progressPath)
    const text = splitFileText(before ?? '')
    const body = writeCapture(text.body, capture.line, config)
    const after = joinFileText({...text, body: text.eol === '\n' ? body : withLineEndings(body.replace(/\r\n/g, '\n'), text.eol)})
    const notes = capture.notes.map((note) => `  note: ${note}\n`).join('')
    if (values['dry-run']) {
      process.stdout.write(formatDiff([{path: progressPath, before, after}]))
      process.stdout.write(`sop-lint: would write the /status capture of ${agent} session ${session.id} into ${progressPath}; nothing written (dry run)\n${notes}`)
      return 0
    }
    const outcome = await writeChanges(root, [{path: progressPath, before, after}])
    const skipped = outcome.skipped[0]
    if (skipped) throw new UsageError(`${progressPath} ${skipped.reason}`)
    process.stdout.write(`sop-lint: wrote the /status capture of ${agent} session ${session.id} into ${progressPath}:\n  ${capture.line}\n${notes}`)
    return 0
  }
}
