/**
 * Checks a document at once when it is edited, unless a check of it is
 * running; the edits that come meanwhile are checked once, when that check
 * has published and the edits pause. unified-language-server lints on every
 * `onDidChangeContent` of its TextDocuments, that is, on every didOpen and
 * didChange, one version after the other: 800 edits sent in a burst delayed
 * the next diagnostics by 9.6 s. Here a listener of that event hears of an
 * edit at once when no check of the document runs (a keystroke, a document
 * opened), and of the edits of a burst once, after the check before them and
 * a pause in them, with the document as it is at that moment, its newest
 * version; a document closed meanwhile is not checked. TextDocuments itself
 * still takes every edit at once, so a code action is computed on the newest
 * text.
 *
 * Waiting for a pause before every check instead put the pause in front of
 * every re-lint: 15 ms on a year's progress.md became 40 ms.
 */

/**
 * How long the edits made during a check must pause before they are checked:
 * the edits of a burst (a paste, a replace-all) come closer together than
 * this, so the burst costs one more check, not one per check's time.
 */
const pauseMs = 25

/**
 * A check that has published nothing after this long is taken as ended, so
 * that the edits after it are checked: the server publishes nothing for a
 * document outside every workspace folder.
 */
const checkTimeoutMs = 2000

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

/** What each listener wrapped below does when a document's check has published. */
const checkEnded = new Set<(uri: string) => void>()

/** Says that the diagnostics of a document were published: its check has ended. */
export function documentChecked(uri: string): void {
  for (const ended of checkEnded) ended(uri)
}

/**
 * Makes `onDidChangeContent` of every instance of `TextDocuments` (the class
 * unified-language-server constructs) tell its listeners of a document's
 * edit at once, or, while a check of it runs, once after that check
 * ({@link documentChecked}) and a pause in the edits.
 */
export function checkOneAtATime(TextDocuments: {prototype: object}): void {
  const descriptor = Object.getOwnPropertyDescriptor(TextDocuments.prototype, 'onDidChangeContent')
  const contentChanged = descriptor?.get
  if (!contentChanged) throw new Error('vscode-languageserver: TextDocuments has no onDidChangeContent event')
  Object.defineProperty(TextDocuments.prototype, 'onDidChangeContent', {
    configurable: true,
    enumerable: descriptor.enumerable ?? false,
    get(this: TextDocumentsLike): ContentEvent {
      const event = contentChanged.call(this) as ContentEvent
      return (listener, thisArgs, disposables) => {
        /**
         * The documents being checked, or whose edits wait for a pause after a check: the timer that ends the
         * wait (or takes the check as ended), when the document was last edited, and whether it was edited meanwhile.
         */
        const busy = new Map<string, {timer: NodeJS.Timeout; editedAt: number; edited: boolean; waiting: boolean}>()
        const check = (document: TextDocumentLike) => {
          const timer = setTimeout(() => ended(document.uri), checkTimeoutMs).unref()
          busy.set(document.uri, {timer, editedAt: performance.now(), edited: false, waiting: false})
          listener.call(thisArgs, {document})
        }
        const checkNewest = (uri: string) => {
          busy.delete(uri)
          const document = this.get(uri)
          if (document) check(document)
        }
        const ended = (uri: string) => {
          const state = busy.get(uri)
          if (!state || state.waiting) return
          clearTimeout(state.timer)
          if (!state.edited) {
            busy.delete(uri)
            return
          }
          const pauseLeft = pauseMs - (performance.now() - state.editedAt)
          if (pauseLeft <= 0) {
            checkNewest(uri)
            return
          }
          state.waiting = true
          state.timer = setTimeout(() => checkNewest(uri), pauseLeft)
        }
        const subscription = event(({document}) => {
          const state = busy.get(document.uri)
          if (!state) {
            check(document)
            return
          }
          state.edited = true
          state.editedAt = performance.now()
          if (state.waiting) {
            clearTimeout(state.timer)
            state.timer = setTimeout(() => checkNewest(document.uri), pauseMs)
          }
        })
        checkEnded.add(ended)
        const disposable = {
          dispose: () => {
            for (const {timer} of busy.values()) clearTimeout(timer)
            busy.clear()
            checkEnded.delete(ended)
            subscription.dispose()
          }
        }
        disposables?.push(disposable)
        return disposable
      }
    }
  })
}
