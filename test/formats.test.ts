/**
 * `--format sarif` (validated against the official SARIF 2.1.0 JSON Schema,
 * as shipped by @microsoft/jest-sarif), `--format github` (workflow command
 * annotations) and `--output-file`.
 */
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import ajvDraft04 from 'ajv-draft-04'
import ajvFormats from 'ajv-formats'
import {VFile} from 'vfile'
import {describe, expect, test} from 'vitest'
import {rules} from '../rules/index.js'
import {escapeData, escapeProperty, formatGithub} from '../src/cli/formats/github.js'
import {runCli, projectRoot} from './helpers/cli.js'
import {makeWorkspace} from './helpers/workspace.js'

const require = createRequire(import.meta.url)
const schemaFile = path.join(
  path.dirname(require.resolve('@microsoft/jest-sarif/package.json')),
  'lib/schemas/sarif-2.1.0-rtm.5.json'
)
const failing = path.join(projectRoot, 'fixtures/failures/missing-sections')

function sarifValidator() {
  // unicodeRegExp off: the official schema's `language` pattern, `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`,
  // has a stray `]` that JavaScript rejects in unicode mode (and accepts as a literal without it).
  // Both packages are CommonJS: their default export is the module, which holds the class and the plugin as `default`.
  const ajv = new ajvDraft04.default({allErrors: true, strict: false, unicodeRegExp: false})
  ajvFormats.default(ajv)
  return ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object)
}

describe('--format sarif', () => {
  test('is valid SARIF 2.1.0, with every rule, help URIs, levels and regions', () => {
    const result = runCli(['--root', failing, '--format', 'sarif'])
    expect(result.code).toBe(1)
    const log = JSON.parse(result.stdout)
    const validate = sarifValidator()
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true)

    const run = log.runs[0]
    expect(log.version).toBe('2.1.0')
    expect(run.tool.driver.name).toBe('sop-lint')
    const ruleIds = run.tool.driver.rules.map((rule: {id: string}) => rule.id)
    expect(ruleIds).toContain('plan-sections')
    expect(ruleIds).toContain('plan-fresh')
    const planSections = run.tool.driver.rules[ruleIds.indexOf('plan-sections')]
    expect(planSections.helpUri).toMatch(/rules\/plan-sections\.md$/)
    expect(planSections.shortDescription.text).toBe(rules.find((rule) => rule.id === 'plan-sections')!.meta.description)
    expect(planSections.defaultConfiguration.level).toBe('error')

    const missing = run.results.find((item: {message: {text: string}}) =>
      item.message.text.startsWith('Missing section “Required reading”')
    )
    expect(missing).toMatchObject({
      ruleId: 'plan-sections',
      ruleIndex: ruleIds.indexOf('plan-sections'),
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: {uri: 'plans/2026-04-07_next_session.plan.md', uriBaseId: '%SRCROOT%'},
            region: {startLine: 14, startColumn: 1}
          }
        }
      ]
    })
    expect(missing.fixes[0].artifactChanges[0].replacements[0].insertedContent.text).toContain('Required reading')
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${failing}/`)
  })

  test('a run with nothing to report is valid too, and --output-file writes it', () => {
    const root = makeWorkspace({})
    const out = path.join(root, 'report.sarif')
    const result = runCli(['--root', root, '--format', 'sarif', '--output-file', out])
    expect(result.stdout).toBe('')
    const log = JSON.parse(readFileSync(out, 'utf8'))
    const validate = sarifValidator()
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true)
    // The workspace has no plan: that one result stands on the plans folder.
    expect(log.runs[0].results.map((item: {ruleId: string}) => item.ruleId)).toEqual(['plan-filename'])
  })

  test('the schema check itself rejects a broken log', () => {
    const validate = sarifValidator()
    expect(validate({version: '2.1.0', runs: [{tool: {driver: {}}}]})).toBe(false)
  })
})

describe('--format github', () => {
  test('one workflow command per message, paths relative to the current folder', () => {
    const result = runCli(['--root', failing, '--format', 'github'], {cwd: projectRoot})
    expect(result.code).toBe(1)
    expect(result.stdout.trim().split('\n')).toEqual([
      '::error file=fixtures/failures/missing-sections/plans/2026-04-07_next_session.plan.md,line=14,col=1,title=plan-sections::Missing section “Required reading”: add it before “Tasks”',
      '::error file=fixtures/failures/missing-sections/plans/2026-04-07_next_session.plan.md,line=32,col=50,title=plan-sections::Missing section “Handoff requirements”: add it after “Validation matrix”'
    ])
  })

  test('escapes % CR LF in messages, and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b')
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A')
    const file = new VFile({path: 'docs/odd, name: here.md', cwd: process.cwd()})
    const message = file.message('Line one\nline two 50%', {
      place: {start: {line: 2, column: 3}, end: {line: 2, column: 9}},
      ruleId: 'no-todo'
    })
    message.fatal = false
    expect(formatGithub([file], false)).toBe(
      '::warning file=docs/odd%2C name%3A here.md,line=2,col=3,endLine=2,endColumn=9,title=no-todo::Line one%0Aline two 50%25\n'
    )
    expect(formatGithub([file], true)).toBe('')
  })
})
