import {statusCapture, writeCapture} from '../accounting/status.js'
import {UsageError} from '../config/errors.js'
import {loadConfig} from '../config/load.js'
import {formatDiff} from '../fix/diff.js'
import {joinFileText, splitFileText, withLineEndings} from '../fix/file-text.js'
import {writeChanges} from '../fix/write-changes.js'
import {codexSessionsFolder, readCodexSessions} from '../usage/codex.js'
import {WorkingTreeSource} from '../workspace/source.js'
import type {Command} from './command.js'
import {configChoice} from './config-choice.js'
import {logsFolder} from './logs-folder.js'
import {configOption, helpOption, parseOptions, rootOption, type OptionSpecs} from './options.js'
import {readDocument} from './read-document.js'
import {findRoot} from './root.js'

const options = {
  'from-codex': {
    type: 'string',
    value: 'DIR',
    optional: true,
    help: "Codex's sessions folder (default $CODEX_HOME/sessions, else ~/.codex/sessions)"
  },
  session: {type: 'string', value: 'ID', help: 'the session to capture (a prefix of its id)'},
  'dry-run': {type: 'boolean', help: 'print the change as a unified diff and write nothing'},
  root: rootOption,
  config: configOption,
  help: helpOption
} as const satisfies OptionSpecs

export const statusCommand: Command = {
  words: ['status'],
  summary: 'write the Codex /status capture into progress.md',
  usage: 'sop-lint status [options]',
  description: `Write the Codex /status capture of the current session into progress.md:
context used against the window it names (the configured window, 272K by
default; Codex's own model_context_window, e.g. 258,400 for a 272K model, is
given beside it), the 5h and weekly limits used, with the times they reset.
The figures come from the newest token_count event of the newest Codex
session that ran in this repository; its rate-limit windows are told apart by
window_minutes (300 = 5h, 10080 = weekly), and either may be missing.

The capture replaces a capture line of the newest entry that still holds
placeholders (TODO%, as --fix writes it); otherwise it is appended to the
end of progress.md as a list item.`,
  options,
  examples: [
    ['sop-lint status', "write the newest Codex session's capture into progress.md"],
    ['sop-lint status --from-codex ~/backup/sessions --dry-run', 'show the capture from another sessions folder, write nothing']
  ],
  async run(argv) {
    const {values, positionals} = parseOptions(options, argv, 'sop-lint status')
    const codex = values['from-codex']
    if (positionals.length > 0) throw new UsageError(`status takes no file names (got ${positionals.join(' ')}); see sop-lint status --help`)
    const root = findRoot(values.root)
    const {config} = await loadConfig(root, undefined, {choice: configChoice(values)})
    const given = codex === true ? undefined : codex
    const folder = logsFolder('--from-codex', given, codexSessionsFolder(given), 'Codex')
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
    const before = readDocument(new WorkingTreeSource(root), progressPath)
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
