/**
 * Parses a `.feature` spec with @cucumber/gherkin, the parser Cucumber and
 * behave-compatible tools share, and returns its errors as Gherkin states
 * them: one-based line and column and Gherkin's own text.
 */
import {AstBuilder, GherkinClassicTokenMatcher, Parser} from '@cucumber/gherkin'
import {IdGenerator} from '@cucumber/messages'

export interface GherkinError {
  /** One-based line, as Gherkin reports it (end of file is the line after the last). */
  line: number
  /** One-based column in Unicode code points, as Gherkin counts; `undefined` at end of file. */
  column: number | undefined
  /** Gherkin's text without its `(line:column): ` prefix. */
  text: string
  /** Gherkin's exception class: UnexpectedTokenException, UnexpectedEOFException, AstBuilderException, NoSuchLanguageException… */
  kind: string
}

export interface GherkinResult {
  errors: GherkinError[]
  /** Whether the document has a `Feature:` (an empty or comment-only file parses, but has none). */
  hasFeature: boolean
}

interface LocatedError extends Error {
  location?: {line?: number; column?: number}
  errors?: LocatedError[]
}

export function parseGherkin(text: string): GherkinResult {
  const parser = new Parser(new AstBuilder(IdGenerator.incrementing()), new GherkinClassicTokenMatcher())
  parser.stopAtFirstError = false
  try {
    const document = parser.parse(text)
    return {errors: [], hasFeature: document.feature !== undefined}
  } catch (error) {
    const thrown = error as LocatedError
    const errors = (thrown.errors && thrown.errors.length > 0 ? thrown.errors : [thrown]).map(toGherkinError)
    errors.sort((a, b) => a.line - b.line || (a.column ?? Infinity) - (b.column ?? Infinity))
    return {errors, hasFeature: false}
  }
}

function toGherkinError(error: LocatedError): GherkinError {
  const line = error.location?.line || 1
  const column = error.location?.column || undefined
  return {
    line,
    column,
    text: error.message.replace(/^\(-?\d+:-?\d+\):\s*/, ''),
    // A bundler names a class `_Name` inside its own body (esbuild does, for the CLI's bundle): the kind is the name without it.
    kind: error.constructor.name.replace(/^_+/, '')
  }
}
