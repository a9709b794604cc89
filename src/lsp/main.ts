#!/usr/bin/env node
/** `sop-lint-language-server --stdio`: the binary editors start. */
import {packageVersion} from '../config/package-version.js'

const help = `Usage: sop-lint-language-server --stdio

The sop-lint language server (LSP): sop-lint's diagnostics in an editor, with
quick fixes for missing sections and other in-document fixes. Editors start it
with --stdio; see docs/editors.md for VS Code, Neovim, Helix and Zed.

Transports (one is required):
  --stdio             talk over standard input and output
  --node-ipc          talk over Node's IPC channel
  --socket=PORT       connect to a socket on PORT
  --pipe=NAME         connect to a named pipe

Options:
  -h, --help          show this help
  -v, --version       print the version

Configuration: the workspace folder's remark config (.remarkrc.mjs,
.remarkrc.json, … or package.json#remarkConfig); .remarkrc.ts is read
through a .remarkrc.mjs that re-exports it.`

const args = process.argv.slice(2)

if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`${help}\n`)
} else if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${packageVersion()}\n`)
} else if (!args.some((arg) => /^--(stdio|node-ipc|socket=.+|pipe=.+)$/.test(arg))) {
  process.stderr.write('sop-lint-language-server: expected a transport: --stdio (editors start it so); see --help\n')
  process.exitCode = 2
} else {
  // Imported here so that --help and --version do not load the remark stack.
  const {startLanguageServer} = await import('./server.js')
  await startLanguageServer()
}
