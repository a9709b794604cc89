/**
 * Every rule's page, `rules/<id>.md`, is a test: each example runs once,
 * and must give exactly the messages the page lists and, when it is not ok,
 * exactly the text the page says fixing gives (ESLint RuleTester's `output`
 * and `suggestions`): the docs cannot lie. The page format is read by
 * test/helpers/rule-pages.ts, which describes it. The README's rule table is
 * the rules' meta, word for word.
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {z} from 'zod'
import {rules} from '../rules/index.js'
import {configSchema, resolveConfig} from '../src/engine/config.js'
import {projectRoot} from './helpers/cli.js'
import {codeSpans, readRulePage, runExample, sectionTitles} from './helpers/rule-pages.js'

const rulesFolder = path.join(projectRoot, 'rules')
const pages = readdirSync(rulesFolder)
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => readRulePage(path.join(rulesFolder, name)))
const ruleIds: string[] = rules.map((rule) => rule.id)
const defaults = resolveConfig({}) as unknown as Record<string, unknown>

/** The options' JSON Schema: every key a user may write, optional ones included. */
const optionsSchema = z.toJSONSchema(configSchema, {io: 'input'}) as {properties?: Record<string, unknown>}

/** Dotted config keys a page names (`budget.band`, `crossFile.docsFolder`) that the schema does not have. */
function unknownKeys(codes: string[]): string[] {
  return codes
    .filter((key) => /^(paths|plan|budget|crossFile|ledger|hook|tokens|limits|rules)(\.[\w-]+)+$/.test(key))
    .filter(
      (key) =>
        key
          .split('.')
          .reduce<{properties?: Record<string, unknown>} | undefined>(
            (schema, part) => schema?.properties?.[part] as typeof schema,
            optionsSchema
          ) === undefined
    )
}

describe('rules/index.ts', () => {
  test('every rule has a page, and every page is a rule’s', () => {
    expect(pages.map((page) => page.id)).toEqual([...ruleIds].sort())
  })

  test('the README’s rule table is the list, each rule’s description and default severity from its meta', () => {
    const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8')
    const rows = readme.split('\n').filter((line) => /^\| \[`[a-z-]+`\]\(rules\/[a-z-]+\.md\) \|/.test(line))
    const severityWords = {error: 'error', warn: 'warning'}
    expect(rows).toEqual(
      rules.map(
        (rule) =>
          `| [\`${rule.id}\`](rules/${rule.id}.md) | ${rule.meta.description} | ${severityWords[rule.meta.severity]} |`
      )
    )
  })
})

for (const page of pages) {
  describe(`rules/${page.id}.md`, () => {
    test('has an intro, Why, Options, Fix and Examples, with ok and not-ok examples', () => {
      expect(page.problems).toEqual([])
      expect(page.intro.some((block) => block.type === 'paragraph')).toBe(true)
      expect([...page.sections.keys()]).toEqual(sectionTitles)
      for (const title of sectionTitles.slice(0, 3)) expect(page.sections.get(title)?.length, title).toBeGreaterThan(0)
      expect(page.examples.some((example) => example.kind === 'ok')).toBe(true)
      expect(page.examples.some((example) => example.kind === 'not-ok')).toBe(true)
    })

    test('Options names the severity key with its default, and only keys the schema has', () => {
      const codes = codeSpans(page.sections.get('Options') ?? [])
      expect(codes).toContain(`rules.${page.id}`)
      expect(codes).toContain((defaults.rules as Record<string, string>)[page.id])
      expect(unknownKeys(codes)).toEqual([])
    })

    for (const example of page.examples) {
      test(`${example.kind}: ${example.title}`, async () => {
        const run = await runExample(page.id, example)
        expect(run.messages).toEqual(example.expected)
        expect(run.fixed, 'Fixed:').toBe(example.fixed)
        expect(run.suggested, 'Suggested:').toBe(example.suggested)
      })
    }
  })
}
