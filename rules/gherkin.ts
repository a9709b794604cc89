/**
 * Every `.feature` spec a check reads — the ones the newest plan and the
 * Task ↔ Spec table name — parses with @cucumber/gherkin and has a Feature
 * (procedure step 3: "draft or point to a `.feature` stub before
 * implementation"; a stub that does not parse is no spec). A named spec that
 * does not exist is reported where it is named (spec-table, task-fields).
 */
import path from 'node:path'
import type {Point} from 'unist'
import {oneLine} from '../src/markdown/written-text.js'
import {defineRule} from '../src/rule/define-rule.js'
import {parseGherkin, type GherkinError} from './gherkin/parse-gherkin.js'

export default defineRule({
  id: 'gherkin',
  meta: {
    severity: 'error',
    description: 'every `.feature` the plan or the table names parses',
    messages: {
      parseError: 'Gherkin parse error “{{error}}”: {{advice}}',
      noFeature: {
        text: 'This spec has no `Feature:`: write `Feature: <name>` and a Scenario (procedure step 3: a `.feature` stub before implementation)',
        fix: 'insert'
      }
    }
  },
  reads: 'text',
  appliesTo: (filePath) => filePath.endsWith('.feature'),
  check({text, path: specPath, report}) {
    const source = text()
    const {errors, hasFeature} = parseGherkin(source)
    const lines = source.split(/\r?\n|\r/)
    for (const error of errors)
      report('parseError', pointAt(lines, error), {data: {error: error.text, advice: advice(error)}})
    if (errors.length > 0 || hasFeature) return
    // An empty spec gets the stub; text that is no Feature is for a person to rewrite.
    report('noFeature', {line: 1, column: 1}, source.trim() === '' ? {fix: stub(specPath)} : {})
  }
})

/** What would make Gherkin accept the file, by the kind of error it reports. */
function advice(error: GherkinError): string {
  const {kind, text} = error
  if (kind === 'NoSuchLanguageException') return 'write a language Gherkin knows (`# language: en`) or remove the line'
  if (/inconsistent cell count/i.test(text)) return 'give every row of the table the same number of `|` cells'
  if (kind === 'UnexpectedEOFException') {
    if (text.includes('#DocStringSeparator')) return 'close the doc string with the `"""` (or ```) that opened it'
    return 'the file ends where Gherkin expects more: a tag line needs the Feature, Rule, Scenario or Examples it tags below it'
  }
  if (kind === 'UnexpectedTokenException' && text.includes('#FeatureLine')) {
    return 'start the spec with `Feature: <name>` (only tags, comments and `# language:` may come before it)'
  }
  if (kind === 'UnexpectedTokenException') {
    return 'start the line with a keyword (Given, When, Then, And, But, Scenario:, Examples:, Rule:), a table row `|` or `#` for a comment; free text belongs only in a description right below Feature:, Rule:, Scenario: or Examples:'
  }
  return 'fix the spec so that Gherkin parses it'
}

/**
 * Gherkin's line and column as a vfile point. Gherkin counts code points,
 * vfile UTF-16 units; end of file is the line after the last, which is clamped
 * to the end of the text when the file has no final newline.
 */
function pointAt(lines: string[], error: GherkinError): Point {
  if (error.line > lines.length) {
    const last = lines.at(-1) ?? ''
    return {line: Math.max(lines.length, 1), column: last.length + 1}
  }
  const text = lines[error.line - 1] ?? ''
  if (error.column === undefined) return {line: error.line, column: 1}
  const units = [...text].slice(0, error.column - 1).join('').length
  return {line: error.line, column: units + 1}
}

/** A stub that parses: what `--fix` writes into an empty spec. */
function stub(specPath: string): string {
  const words = oneLine(path.posix.basename(specPath, '.feature')).replace(/[_-]+/g, ' ').trim()
  const name = words ? words[0]!.toUpperCase() + words.slice(1) : 'TODO'
  return `Feature: ${name}\n\n  Scenario: TODO\n    Given TODO\n`
}
