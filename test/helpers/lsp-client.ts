/**
 * A minimal LSP client over stdio for tests and the latency bench: spawns the
 * built `sop-lint-language-server --stdio` as an editor does and talks to it
 * with vscode-jsonrpc. Every wait is bounded and fails with what it waited for.
 */
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection
} from 'vscode-jsonrpc/node.js'

const here = path.dirname(fileURLToPath(import.meta.url))
// test/helpers, or dist/test/helpers when compiled for the bench.
const projectRoot = path.resolve(here, path.basename(path.resolve(here, '../..')) === 'dist' ? '../../..' : '../..')
export const serverPath = path.join(projectRoot, 'dist/src/lsp/main.js')

export interface LspPosition {
  line: number
  character: number
}

export interface LspRange {
  start: LspPosition
  end: LspPosition
}

export interface Diagnostic {
  range: LspRange
  severity?: 1 | 2 | 3 | 4
  code?: string | number
  codeDescription?: {href: string}
  source?: string
  message: string
  data?: unknown
}

export interface PublishDiagnostics {
  uri: string
  version?: number
  diagnostics: Diagnostic[]
}

export interface TextEdit {
  range: LspRange
  newText: string
}

export interface CodeAction {
  title: string
  kind?: string
  isPreferred?: boolean
  edit?: {changes?: Record<string, TextEdit[]>}
}

export const uriOf = (file: string): string => pathToFileURL(file).href

export class LspClient {
  readonly connection: MessageConnection
  readonly child: ChildProcessWithoutNullStreams
  /** Every publishDiagnostics received, in order. */
  readonly published: PublishDiagnostics[] = []
  /** Server log lines (window/logMessage) and shown messages (window/showMessage). */
  readonly log: string[] = []
  private readonly waiters = new Set<() => void>()
  stderr = ''

  /** Settles with an error when the server process ends, so that no wait outlives it. */
  private readonly ended: Promise<never>

  private constructor(child: ChildProcessWithoutNullStreams) {
    this.child = child
    this.ended = new Promise<never>((_, reject) => {
      child.once('exit', (code, signal) => {
        reject(new Error(`the server exited (${signal ?? `code ${code}`}); stderr: ${this.stderr.slice(-2000)}`))
        for (const waiter of this.waiters) waiter()
      })
    })
    this.ended.catch(() => {})
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk))
    this.connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin)
    )
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnostics) => {
      this.published.push(params)
      for (const waiter of this.waiters) waiter()
    })
    this.connection.onNotification('window/logMessage', (params: {message: string}) => this.log.push(params.message))
    this.connection.onNotification('window/showMessage', (params: {message: string}) => this.log.push(params.message))
    this.connection.listen()
  }

  /** Spawns the built server with `--stdio`, or another command (an installed binary). */
  static start(command: readonly string[] = [process.execPath, serverPath, '--stdio']): LspClient {
    const [file, ...args] = command
    const child = spawn(file!, args, {stdio: 'pipe'})
    return new LspClient(child)
  }

  /**
   * initialize + initialized, with the given workspace folders (absolute
   * paths); `rootUri` is the first. With `settings`, the client says it answers
   * `workspace/configuration` (as VS Code, Neovim, Helix and Zed do) and
   * answers each section with `settings(section)`.
   */
  async initialize(
    folders: string[],
    options: {settings?: (section: string | undefined) => unknown} = {}
  ): Promise<{capabilities: Record<string, unknown>}> {
    const workspaceFolders = folders.map((folder) => ({uri: uriOf(folder), name: path.basename(folder)}))
    const {settings} = options
    if (settings) {
      this.connection.onRequest('workspace/configuration', (params: {items: Array<{section?: string}>}) =>
        params.items.map((item) => settings(item.section))
      )
      this.connection.onRequest('client/registerCapability', () => null)
    }
    const result = await this.withTimeout(
      this.connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: workspaceFolders[0]?.uri ?? null,
        workspaceFolders: workspaceFolders.length > 0 ? workspaceFolders : null,
        capabilities: {
          textDocument: {publishDiagnostics: {versionSupport: true}, codeAction: {}},
          ...(settings ? {workspace: {configuration: true, workspaceFolders: true}} : {})
        }
      }),
      15_000,
      'the initialize response'
    )
    await this.connection.sendNotification('initialized', {})
    return result as {capabilities: Record<string, unknown>}
  }

  open(file: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', {
      textDocument: {uri: uriOf(file), languageId: 'markdown', version, text}
    })
  }

  /** A full-text change, as the server asks for (TextDocumentSyncKind.Full). */
  change(file: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: {uri: uriOf(file), version},
      contentChanges: [{text}]
    })
  }

  close(file: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', {textDocument: {uri: uriOf(file)}})
  }

  /** Writes bytes to the server's standard input as they are: a malformed frame, junk between frames. */
  writeRaw(bytes: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) =>
      this.child.stdin.write(bytes, (error) => (error ? reject(error) : resolve()))
    )
  }

  async codeActions(file: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? {start: {line: 0, character: 0}, end: {line: 0, character: 0}}
    const result = await this.withTimeout(
      this.connection.sendRequest('textDocument/codeAction', {
        textDocument: {uri: uriOf(file)},
        range,
        context: {diagnostics}
      }),
      15_000,
      'the codeAction response'
    )
    return (result ?? []) as CodeAction[]
  }

  /**
   * The first diagnostics published for `file` from now on (or already
   * received, with `since`), at `version` when given.
   */
  async diagnostics(
    file: string,
    options: {version?: number; since?: number; timeout?: number} = {}
  ): Promise<PublishDiagnostics> {
    const uri = uriOf(file)
    const since = options.since ?? 0
    const find = () =>
      this.published
        .slice(since)
        .find((entry) => entry.uri === uri && (options.version === undefined || entry.version === options.version))
    const found = find()
    if (found) return found
    const timeout = options.timeout ?? 15_000
    return new Promise((resolve, reject) => {
      const waiter = () => {
        const entry = find()
        if (entry) {
          done()
          resolve(entry)
        } else if (this.child.exitCode !== null || this.child.signalCode !== null) {
          done()
          reject(new Error(`the server exited before diagnostics for ${uri}; stderr: ${this.stderr.slice(-2000)}`))
        }
      }
      const timer = setTimeout(() => {
        done()
        reject(
          new Error(
            `no diagnostics for ${uri}${options.version === undefined ? '' : ` version ${options.version}`} within ${timeout} ms; ` +
              `stderr: ${this.stderr.slice(-2000)}; log: ${this.log.join('\n').slice(-2000)}`
          )
        )
      }, timeout)
      const done = () => {
        clearTimeout(timer)
        this.waiters.delete(waiter)
      }
      this.waiters.add(waiter)
    })
  }

  /** shutdown + exit, then waits for the process to end (killing it if it does not). */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.child.exitCode !== null) resolve(this.child.exitCode)
      else this.child.once('exit', (code) => resolve(code))
    })
    try {
      await this.withTimeout(this.connection.sendRequest('shutdown'), 5000, 'the shutdown response')
      await this.connection.sendNotification('exit')
    } catch {
      this.child.kill()
    }
    const timer = setTimeout(() => this.child.kill(), 5000)
    const code = await exited
    clearTimeout(timer)
    this.connection.dispose()
    return code
  }

  private withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms; stderr: ${this.stderr.slice(-2000)}`)), ms)
    })
    return Promise.race([promise, timeout, this.ended]).finally(() => clearTimeout(timer))
  }
}

/** Applies LSP text edits (UTF-16 positions) to a text, last edit first. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lineStarts = [0]
  for (let index = 0; index < text.length; index++) if (text[index] === '\n') lineStarts.push(index + 1)
  const offset = (position: LspPosition) => (lineStarts[position.line] ?? text.length) + position.character
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))
  let result = text
  for (const edit of sorted) {
    result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end))
  }
  return result
}
