import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {presetOptions} from '../src/engine/load-config.js'
import {resolveConfig} from '../src/engine/config.js'
import {rules} from '../rules/index.js'

const ruleIds = rules.map((rule) => rule.id)
import {projectRoot} from './helpers/cli.js'

describe('resolveConfig', () => {
  test('fills in the procedure’s defaults', () => {
    const config = resolveConfig({})
    expect(config.budget).toEqual({
      contextWindow: 272_000,
      band: {min: 0.7, max: 0.8},
      buffer: {min: 10_000, max: 20_000},
      buckets: ['specs', 'fixtures', 'code', 'tests', 'docs'],
      tolerance: 2000
    })
    expect(config.paths.plans).toBe('plans')
    expect(config.paths.ledger).toBe('docs/Ledgers/Token_Churn_Ledger.csv')
    expect(config.plan.pattern).toBe('{date}_next_session.plan.md')
    expect(config.plan.sections.requiredReading.title).toBe('Required reading')
    expect(Object.keys(config.rules).sort()).toEqual([...ruleIds].sort())
  })

  test('keeps defaults beside a partial override', () => {
    const config = resolveConfig({budget: {contextWindow: 400_000}, rules: {'no-todo': 'off'}})
    expect(config.budget.contextWindow).toBe(400_000)
    expect(config.budget.buffer).toEqual({min: 10_000, max: 20_000})
    expect(config.rules['no-todo']).toBe('off')
    expect(config.rules['plan-sections']).toBe('error')
  })

  test('names the bad key and what was expected', () => {
    expect(() => resolveConfig({budget: {contextWindow: 'big'}}, '.remarkrc.json')).toThrow(
      'invalid configuration in .remarkrc.json: budget.contextWindow: expected number, received string'
    )
    expect(() => resolveConfig({rules: {budget: 'loud'}})).toThrow(/rules\.budget: expected one of "error"\|"warn"\|"off"/)
    expect(() => resolveConfig({budgett: {}})).toThrow('unknown key: budgett')
    expect(() => resolveConfig({paths: {plans: '/abs/plans'}})).toThrow('paths.plans: expected a path relative to the repository root')
    expect(() => resolveConfig({plan: {pattern: 'next.plan.md'}})).toThrow('plan.pattern: expected a pattern containing {date}')
  })
})

describe('presetOptions', () => {
  test('finds the preset in every plugin form remark configs use', () => {
    const options = {budget: {contextWindow: 300_000}}
    expect(presetOptions({plugins: [['sop-lint', options]]}, 'x')).toBe(options)
    expect(presetOptions({plugins: ['remark-frontmatter', 'sop-lint']}, 'x')).toEqual({})
    expect(presetOptions({plugins: {'sop-lint': options}}, 'x')).toBe(options)
    expect(presetOptions({plugins: [[function sopLint() {}, options]]}, 'x')).toBe(options)
    expect(presetOptions({settings: {}}, 'x')).toEqual({})
  })

  test('rejects a config that is not an object', () => {
    expect(() => presetOptions(42, '.remarkrc.json')).toThrow('invalid configuration in .remarkrc.json: expected an object with a plugins list')
    expect(() => presetOptions({plugins: 'sop-lint'}, '.remarkrc.json')).toThrow('plugins: expected a list or an object')
  })
})

test('the shipped JSON Schema is generated from the zod schema, defaults included', () => {
  const schema = JSON.parse(readFileSync(path.join(projectRoot, 'dist/sop-lint.schema.json'), 'utf8'))
  expect(schema.properties.budget.properties.contextWindow.default).toBe(272_000)
  expect(schema.properties.rules.properties['plan-sections'].enum).toEqual(['error', 'warn', 'off'])
  expect(schema.additionalProperties).toBe(false)
})
