import type {FileSource} from '../workspace/source.js'
import {answers, type Query, type Question} from './queries.js'

/**
 * A source that passes every question on to another and notes each distinct
 * question with its answer: what a check's result depends on.
 */
export class RecordingSource implements FileSource {
  readonly root: string
  private readonly inner: FileSource
  private readonly asked = new Map<string, Query>()

  constructor(inner: FileSource) {
    this.inner = inner
    this.root = inner.root
  }

  /** Every question asked so far, first asked first. */
  get queries(): Query[] {
    return [...this.asked.values()]
  }

  exists(relativePath: string): boolean {
    const value = this.inner.exists(relativePath)
    this.note('exists', relativePath, answers.flag(value))
    return value
  }

  isFile(relativePath: string): boolean {
    const value = this.inner.isFile(relativePath)
    this.note('isFile', relativePath, answers.flag(value))
    return value
  }

  read(relativePath: string): string | undefined {
    const text = this.inner.read(relativePath)
    this.note('read', relativePath, answers.text(text, text === undefined ? undefined : this.inner.contentId?.(relativePath)))
    return text
  }

  list(relativePath: string): string[] {
    const names = this.inner.list(relativePath)
    this.note('list', relativePath, answers.names(names))
    return names
  }

  unusable(relativePath: string): string | undefined {
    const why = this.inner.unusable(relativePath)
    this.note('unusable', relativePath, answers.reason(why))
    return why
  }

  warm(relativePaths: readonly string[]): void {
    this.inner.warm?.(relativePaths)
  }

  prefetch(relativePaths: readonly string[]): void {
    this.inner.prefetch?.(relativePaths)
  }

  private note(question: Question, relativePath: string, answer: string): void {
    const key = `${question}\0${relativePath}`
    if (!this.asked.has(key)) this.asked.set(key, [question, relativePath, answer])
  }
}
