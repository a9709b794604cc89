/**
 * sop-lint's language server: unified-language-server configured as
 * remark-language-server is (remark configs, `.remarkignore`, the `remark`
 * settings section), with the package's remark as the processor when the
 * workspace has none, and the sop-lint preset added to every workspace.
 *
 * - A document's workspace is the workspace folder it is in (its `file.cwd`);
 *   cross-file rules read the other documents from disk below that folder.
 * - A document outside every workspace folder gets no diagnostics
 *   (unified-language-server does not check it); with no workspace folder at
 *   all, the nearest folder above the document holding a `package.json` or
 *   `.git` is its workspace.
 * - A message's `place` and `expected` become a quick fix (insert at a point,
 *   replace a range), which is the same data `sop-lint --fix` applies; its
 *   title is one short line (quick-fix-title.ts), not the whole text.
 * - Editors that answer `workspace/configuration` with `null` for a section
 *   they have no settings for (Neovim, Helix) are answered as if with `{}`:
 *   unified-language-server reads `null.requireConfig` and the process dies.
 * - It does not offer to format documents: unified-language-server formats by
 *   re-serialising with remark-stringify, which rewrites hand-written bullets,
 *   tables and emphasis; sop-lint's fixes are edits at source positions.
 * - A frame it cannot read (`Content-Length: abc`) is dropped and the server
 *   reads on (frames.ts); a document is checked at once when it is edited,
 *   and the edits made while a check of it runs once after it, at its newest
 *   version (settle.ts).
 */
import {createRequire} from 'node:module'
import {pipeline} from 'node:stream'
import {remark} from 'remark'
import type {Processor} from 'unified'
import {growingDocumentsInPart} from '../engine/growing-documents.js'
import sopLint, {hasSopLint} from '../preset.js'
import {FrameFilter} from './frames.js'
import {withShortTitle, type CodeActionLike} from './quick-fix-title.js'
import {checkOneAtATime, documentChecked} from './settle.js'

/**
 * Adds the preset with its defaults unless the workspace's remark config
 * already did (with its own options, from whichever copy of the package it
 * names); unified-engine adds these plugins after the config's.
 */
export function sopLintUnlessConfigured(this: Processor): undefined {
  if (hasSopLint(this)) return
  sopLint.call(this)
}

interface Connection {
  workspace: {getConfiguration(item: unknown): Promise<unknown>}
  onDidChangeConfiguration(handler: (change: {settings?: unknown}) => unknown): unknown
  onInitialize(handler: (...args: unknown[]) => {capabilities: Record<string, unknown>}): unknown
  onCodeAction(
    handler: (...args: unknown[]) => CodeActionLike[] | undefined | Promise<CodeActionLike[] | undefined>
  ): unknown
  sendDiagnostics(params: {uri: string}): Promise<void>
}

/**
 * Wraps vscode-languageserver's `createConnection`, as unified-language-server
 * imports it, so that settings the client does not have read as `{}`, the
 * formatting capability is not announced, quick fixes get short titles,
 * a document's published diagnostics end its check and, over `--stdio`, bad
 * frames are dropped; and makes its `TextDocuments` report an edit at once
 * unless a check of the document runs, then once after it.
 * The module is patched before unified-language-server is first imported:
 * its import of the CommonJS module then sees the wrapper.
 */
function adaptConnection(): void {
  const require = createRequire(import.meta.resolve('unified-language-server'))
  const node = require('vscode-languageserver/node.js') as {
    createConnection: (...args: unknown[]) => Connection
    TextDocuments: {prototype: object}
    sopLintWrapped?: true
  }
  if (node.sopLintWrapped) return
  checkOneAtATime(node.TextDocuments)
  const createConnection = node.createConnection
  node.createConnection = (...args: unknown[]) => {
    if (process.argv.includes('--stdio')) dropBadFrames()
    const connection = createConnection(...args)
    const workspace = connection.workspace
    const getConfiguration = workspace.getConfiguration.bind(workspace)
    workspace.getConfiguration = async (item) => (await getConfiguration(item)) ?? {}
    const onDidChangeConfiguration = connection.onDidChangeConfiguration.bind(connection)
    connection.onDidChangeConfiguration = (handler) =>
      onDidChangeConfiguration((change) => handler({...change, settings: change?.settings ?? {}}))
    const onCodeAction = connection.onCodeAction.bind(connection)
    connection.onCodeAction = (handler) =>
      onCodeAction(async (...args: unknown[]) => (await handler(...args))?.map((action) => withShortTitle(action)))
    const sendDiagnostics = connection.sendDiagnostics.bind(connection)
    connection.sendDiagnostics = (params) => {
      const sent = sendDiagnostics(params)
      documentChecked(params.uri)
      return sent
    }
    const onInitialize = connection.onInitialize.bind(connection)
    connection.onInitialize = (handler) =>
      onInitialize((...args: unknown[]) => {
        const result = handler(...args)
        delete result.capabilities.documentFormattingProvider
        return result
      })
    return connection
  }
  node.sopLintWrapped = true
}

/**
 * Puts the frame filter between standard input and the server. With
 * `--stdio`, vscode-languageserver takes `process.stdin` itself (and, for
 * that transport only, sends console output to the client's log, so a
 * plugin's console.log cannot corrupt the protocol), so the filtered stream
 * stands in for `process.stdin`. When standard input ends or fails, so does
 * the filtered stream, and the server exits as before.
 */
function dropBadFrames(): void {
  const frames = new FrameFilter((problem) => process.stderr.write(`sop-lint-language-server: ${problem}\n`))
  pipeline(process.stdin, frames, () => {})
  Object.defineProperty(process, 'stdin', {value: frames, configurable: true, enumerable: true})
}

/**
 * The partial parse of growing documents, with the workspaces of the preset
 * attached before it. The preset adds its own plugins (the parse gate among
 * them) while the processor freezes, after every plugin already listed, so
 * this one is added there too, after them: it must wrap the gate, to have it
 * judge the part parsed (wrapped by the gate, a growing document over
 * `limits.maxParsedBytes` would not be checked at all, though its part is small).
 */
function growingDocumentsInPartOfPreset(this: Processor): undefined {
  this.use(growingDocumentsInPart)
}

/** Starts the server on the connection given on the command line (`--stdio`, `--node-ipc`, `--socket=N`, `--pipe=N`). */
export async function startLanguageServer(): Promise<void> {
  adaptConnection()
  const {createUnifiedLanguageServer} = await import('unified-language-server')
  createUnifiedLanguageServer({
    processorName: 'remark',
    processorSpecifier: 'remark',
    defaultProcessor: remark,
    pluginPrefix: 'remark',
    configurationSection: 'remark',
    rcName: '.remarkrc',
    packageField: 'remarkConfig',
    ignoreName: '.remarkignore',
    // progress.md, the handoff and the feature log: only the part the checks need is parsed (this server never writes trees back).
    plugins: [sopLintUnlessConfigured, growingDocumentsInPartOfPreset]
  })
}
