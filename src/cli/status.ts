import {parseArgs} from 'node:util'
import {statusCapture, writeCapture} from '../accounting/status.js'
import {UsageError} from '../config/errors.js'
import {formatDiff} from '../fix/diff.js'
import {joinFileText, splitFileText, withLineEndings} from '../fix/file-text.js'
import {writeChanges} from '../fix/write-changes.js'
import {codexSessionsFolder, readCodexSessions} from '../usage/codex.js'
import type {Command} from './command.js'
import {optionalValue} from './ledger-close.js'
import {readDocument} from './read-document.js'
import {chosenWorkspace} from './workspace-choice.js'

const help = `Usage: sop-lint status [--from-codex [DIR]] [--session ID] [--dry-run] [--root DIR]

Write the Codex /status capture of the current session into progress.md:
context used against the window it names (the configured window, 272K by
default; Codex's own model_context_window, e.g. 258,400 for a 272K model, is
given beside it), the 5h and weekly limits used, with the times they reset.
The figures come from the newest token_count event of the newest Codex
session that ran in this repository; its rate-limit windows are told apart by
window_minutes (300 = 5h, 10080 = weekly), and either may be missing.

The capture replaces a capture line of the newest entry that still holds
placeholders (TODO%, as --fix writes it); otherwise it is appended to the
end of progress.md as a list item.

Options:
  --from-codex [DIR]  Codex's sessions folder (default $CODEX_HOME/sessions,
                      else ~/.codex/sessions)
  --session ID        the session to capture (a prefix of its id)
  --dry-run           print the change as a unified diff and write nothing
  --root DIR          repository root (default: git top level of the cwd)
  --workspace NAME    in a monorepo, the workspace (default: the one the
                      current folder is in)
  -h, --help          show this help`

export const statusCommand: Command = {
  words: ['status'],
  summary: 'write the Codex /status capture into progress.md',
  help,
  async run(argv) {
    const codex = optionalValue(argv, '--from-codex')
    const {values, positionals} = parseArgs({
      args: codex.argv,
      strict: true,
      allowPositionals: true,
      options: {session: {type: 'string'}, 'dry-run': {type: 'boolean', default: false}, root: {type: 'string'}}
    })
    if (positionals.length > 0) throw new UsageError(`status takes no file names (got ${positionals.join(' ')}); see sop-lint status --help`)
    const {root, config, source} = await chosenWorkspace(values.root, 'status')
    const folder = codexSessionsFolder(codex.value)
    const sessions = readCodexSessions(folder, root)
    const session =
      values.session === undefined ? sessions.at(-1) : sessions.find((candidate) => candidate.id.startsWith(values.session!))
    if (!session) {
      throw new UsageError(
        values.session === undefined
          ? `no Codex session in ${folder} ran in ${root}: pass --from-codex DIR`
          : `no Codex session ${values.session} in ${folder} ran in ${root}`
      )
    }
    const capture = statusCapture(session, config)
    const progressPath = config.paths.progress
    // No progress.md yet: the capture starts it.
    const before = readDocument(source, progressPath)
    const text = splitFileText(before ?? '')
    const body = writeCapture(text.body, capture.line, config)
    const after = joinFileText({...text, body: text.eol === '\n' ? body : withLineEndings(body.replace(/\r\n/g, '\n'), text.eol)})
    const notes = capture.notes.map((note) => `  note: ${note}\n`).join('')
    if (values['dry-run']) {
      process.stdout.write(formatDiff([{path: progressPath, before, after}]))
      process.stdout.write(`sop-lint: would write the /status capture of Codex session ${session.id} into ${progressPath}; nothing written (dry run)\n${notes}`)
      return 0
    }
    const outcome = await writeChanges(root, [{path: progressPath, before, after}])
    const skipped = outcome.skipped[0]
    if (skipped) throw new UsageError(`${progressPath} ${skipped.reason}`)
    process.stdout.write(`sop-lint: wrote the /status capture of Codex session ${session.id} into ${progressPath}:\n  ${capture.line}\n${notes}`)
    return 0
  }
}
