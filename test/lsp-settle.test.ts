/**
 * When the language server checks a document (src/lsp/settle.ts), on a
 * stand-in for vscode-languageserver's TextDocuments with fake timers: an
 * edit is checked at once unless a check of the document runs; the edits
 * made meanwhile are checked once, at the newest version, after that check
 * has published and the edits pause. lsp.test.ts sends the built server a
 * burst of 800 edits over stdio.
 */
import {afterEach, beforeEach, describe, expect, test, vi} from 'vitest'
import {checkOneAtATime, documentChecked} from '../src/lsp/settle.js'

interface Document {
  uri: string
  version: number
}

type Listener = (change: {document: Document}) => void

/** What unified-language-server sees of TextDocuments: an event per didOpen and didChange, and the open documents. */
class Documents {
  private readonly listeners = new Set<Listener>()
  private readonly open = new Map<string, Document>()

  get onDidChangeContent() {
    return (listener: Listener) => {
      this.listeners.add(listener)
      return {dispose: () => this.listeners.delete(listener)}
    }
  }

  get(uri: string): Document | undefined {
    return this.open.get(uri)
  }

  edit(uri: string, version: number): void {
    const document = {uri, version}
    this.open.set(uri, document)
    for (const listener of this.listeners) listener({document})
  }

  close(uri: string): void {
    this.open.delete(uri)
  }
}
checkOneAtATime(Documents)

const a = 'file:///w/progress.md'
const b = 'file:///w/plans/2026-03-10_next_session.plan.md'

let documents: Documents
let checked: string[]
let subscription: {dispose(): void}

beforeEach(() => {
  vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'performance']})
  documents = new Documents()
  checked = []
  subscription = (documents.onDidChangeContent as unknown as (listener: Listener) => {dispose(): void})(({document}) =>
    checked.push(`${document.uri === a ? 'a' : 'b'}@${document.version}`)
  )
})

afterEach(() => {
  subscription.dispose()
  vi.useRealTimers()
})

describe('checkOneAtATime', () => {
  test('an edit while no check of the document runs is checked at once, with no wait', () => {
    documents.edit(a, 1)
    expect(checked).toEqual(['a@1'])
    documentChecked(a)
    vi.advanceTimersByTime(5)
    documents.edit(a, 2)
    expect(checked).toEqual(['a@1', 'a@2'])
    // Another document's check does not hold this one back.
    documents.edit(b, 1)
    expect(checked).toEqual(['a@1', 'a@2', 'b@1'])
  })

  test('the edits made while a check runs are checked once, at the newest version, after it published and the edits paused', () => {
    documents.edit(a, 1)
    for (let version = 2; version <= 100; version++) documents.edit(a, version)
    expect(checked).toEqual(['a@1'])
    // The check of version 1 publishes while the burst goes on.
    documentChecked(a)
    vi.advanceTimersByTime(20)
    documents.edit(a, 101)
    vi.advanceTimersByTime(24)
    expect(checked).toEqual(['a@1'])
    vi.advanceTimersByTime(1)
    expect(checked).toEqual(['a@1', 'a@101'])
    // Once that check has published, the next edit is checked at once again.
    documentChecked(a)
    documents.edit(a, 102)
    expect(checked).toEqual(['a@1', 'a@101', 'a@102'])
  })

  test('edits that paused before the check published are checked as soon as it has', () => {
    documents.edit(a, 1)
    documents.edit(a, 2)
    vi.advanceTimersByTime(100)
    documentChecked(a)
    expect(checked).toEqual(['a@1', 'a@2'])
  })

  test('a document closed while its check runs is not checked again', () => {
    documents.edit(a, 1)
    documents.edit(a, 2)
    documents.close(a)
    documentChecked(a)
    vi.advanceTimersByTime(5000)
    expect(checked).toEqual(['a@1'])
    // Opened again: checked at once.
    documents.edit(a, 1)
    expect(checked).toEqual(['a@1', 'a@1'])
  })

  test('a check that publishes nothing (a document outside every workspace folder) is taken as ended after 2 s', () => {
    documents.edit(a, 1)
    documents.edit(a, 2)
    vi.advanceTimersByTime(1999)
    expect(checked).toEqual(['a@1'])
    vi.advanceTimersByTime(1)
    expect(checked).toEqual(['a@1', 'a@2'])
  })
})
