/**
 * Checks a document once its edits pause. unified-language-server lints on
 * every `onDidChangeContent` of its TextDocuments, that is, on every didOpen
 * and didChange, one version after the other: 800 edits sent in a burst
 * delayed the next diagnostics by 9.6 s. Here a listener of that event hears
 * of a document only when no edit of it came for `pauseMs`, and then with the
 * document as it is at that moment, its newest version; a document closed
 * meanwhile is not checked. TextDocuments itself still takes every edit at
 * once, so a code action is computed on the newest text.
 */

/**
 * How long a document's edits must pause before it is checked: the edits of
 * a burst (a paste, a replace-all, an agent writing the file) come closer
 * together than this, and a single edit is still checked about as soon as
 * before (a re-lint of a 2,000-line progress.md takes 15 ms; the target for
 * edit → diagnostics is 50 ms).
 */
const pauseMs = 25

interface Disposable {
  dispose(): void
}

type Listener = (change: {document: TextDocumentLike}) => unknown
type ContentEvent = (listener: Listener, thisArgs?: unknown, disposables?: Disposable[]) => Disposable

interface TextDocumentLike {
  uri: string
}

interface TextDocumentsLike {
  get(uri: string): TextDocumentLike | undefined
}

/**
 * Makes `onDidChangeContent` of every instance of `TextDocuments` (the class
 * unified-language-server constructs) tell its listeners of a document after
 * a pause in its edits.
 */
export function checkAfterPause(TextDocuments: {prototype: object}): void {
  const descriptor = Object.getOwnPropertyDescriptor(TextDocuments.prototype, 'onDidChangeContent')
  const contentChanged = descriptor?.get
  if (!contentChanged) throw new Error('vscode-languageserver: TextDocuments has no onDidChangeContent event')
  Object.defineProperty(TextDocuments.prototype, 'onDidChangeContent', {
    configurable: true,
    enumerable: descriptor.enumerable ?? false,
    get(this: TextDocumentsLike): ContentEvent {
      const event = contentChanged.call(this) as ContentEvent
      return (listener, thisArgs, disposables) => {
        const timers = new Map<string, NodeJS.Timeout>()
        const subscription = event((change) => {
          const {uri} = change.document
          clearTimeout(timers.get(uri))
          timers.set(
            uri,
            setTimeout(() => {
              timers.delete(uri)
              const document = this.get(uri)
              if (document) listener.call(thisArgs, {document})
            }, pauseMs)
          )
        })
        const disposable = {
          dispose: () => {
            for (const timer of timers.values()) clearTimeout(timer)
            timers.clear()
            subscription.dispose()
          }
        }
        disposables?.push(disposable)
        return disposable
      }
    }
  })
}
