import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {presetOptions} from '../src/engine/load-config.js'
import {resolveConfig} from '../src/engine/config.js'
import {rules} from '../rules/index.js'
import {projectRoot, runCli} from './helpers/cli.js'
import {makeWorkspace} from './helpers/workspace.js'

const ruleIds = rules.map((rule) => rule.id)

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

  test('aliases are added over the defaults, without repeating a title or a label (issue 15, item 15)', () => {
    const config = resolveConfig({
      plan: {sections: {tasks: {aliases: ['Active work']}}, taskFields: {end: {aliases: ['Ready when']}}}
    })
    expect(config.plan.sections.tasks).toEqual({
      title: 'Tasks',
      aliases: ['Task list', 'Work items', 'Task tracker', 'Active work']
    })
    expect(config.plan.taskFields.end.label).toBe('End')
    expect(config.plan.taskFields.end.aliases).toContain('Done when')
    expect(config.plan.taskFields.end.aliases.at(-1)).toBe('Ready when')
    // A title of its own still replaces the default title, and keeps the default aliases.
    expect(resolveConfig({plan: {sections: {handoff: {title: 'Handover'}}}}).plan.sections.handoff).toEqual({
      title: 'Handover',
      aliases: ['Handoff', 'Handoff deliverables', 'Handoff checklist']
    })
  })

  test('the literal `{"tasks": {"aliases": ["Active work"]}}` works in a check; a wrong key exits 2 naming the file and the key', () => {
    const plan = 'plans/2026-03-02_next_session.plan.md'
    const root = makeWorkspace({
      '.remarkrc.json': JSON.stringify({plugins: [['sop-lint', {tasks: {aliases: ['Active work']}}]]}),
      [plan]: '# Plan\n\n## Active work\n\n1. **Export (20K)**\n'
    })
    const run = runCli(['--root', root, '-f', 'unix', '--no-cache', path.join(root, plan)], {cwd: root})
    expect(run.code).toBe(1)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines.filter((line) => line.endsWith('[plan-sections]'))).toEqual([
      `${plan}:3:1: error Missing section “Token budget”: add it before “Tasks” [plan-sections]`,
      `${plan}:3:1: error Missing section “Required reading”: add it before “Tasks” [plan-sections]`,
      `${plan}:5:20: error Missing section “Validation matrix”: add it after “Tasks” [plan-sections]`,
      `${plan}:5:20: error Missing section “Handoff requirements”: add it after “Tasks” [plan-sections]`
    ])
    expect(
      lines.some(
        (line) =>
          line.startsWith(`${plan}:5:20: error Task 1 “Export (20K)” has no spec`) && line.endsWith('[task-fields]')
      )
    ).toBe(true)

    writeFileSync(
      path.join(root, '.remarkrc.json'),
      JSON.stringify({plugins: [['sop-lint', {tasks: {alias: ['Active work']}}]]})
    )
    const wrong = runCli(['--root', root, '--no-cache'], {cwd: root})
    expect(wrong).toEqual({
      code: 2,
      stdout: '',
      stderr: 'sop-lint: invalid configuration in .remarkrc.json: unknown key in tasks: alias; did you mean aliases?\n'
    })
  })

  test('an added alias works in a check: the section is found under it, and nothing exits 2', () => {
    const root = makeWorkspace({
      '.remarkrc.json': JSON.stringify({
        plugins: [['sop-lint', {plan: {sections: {tasks: {aliases: ['Active work']}}}}]]
      }),
      'plans/2026-03-02_next_session.plan.md': '# Plan\n\n## Active work\n\n1. **Export (20K)**\n'
    })
    const run = runCli([
      '--root',
      root,
      '--format',
      'json',
      '--no-cache',
      path.join(root, 'plans/2026-03-02_next_session.plan.md')
    ])
    expect(run.code).toBe(1)
    const messages = (JSON.parse(run.stdout) as Array<{messages: Array<{ruleId: string; message: string}>}>)[0]!
      .messages
    expect(
      messages.filter((message) => message.ruleId === 'plan-sections').map((message) => message.message)
    ).not.toContainEqual(expect.stringMatching(/^Missing section “Tasks”/))
    expect(
      messages.some(
        (message) => message.ruleId === 'task-fields' && message.message.startsWith('Task 1 “Export (20K)” has no spec')
      )
    ).toBe(true)
  })

  test('a section’s headings given at the top level merge into plan.sections: aliases added to the defaults, a title replacing the default', () => {
    expect(resolveConfig({tasks: {aliases: ['Active work']}}).plan.sections.tasks).toEqual({
      title: 'Tasks',
      aliases: ['Task list', 'Work items', 'Task tracker', 'Active work']
    })
    const both = resolveConfig({
      validation: {title: 'Checks', aliases: ['Proof']},
      plan: {sections: {validation: {aliases: ['Evidence']}}}
    })
    expect(both.plan.sections.validation.title).toBe('Checks')
    expect(both.plan.sections.validation.aliases.slice(-2)).toEqual(['Evidence', 'Proof'])
    expect(Object.keys(both)).not.toContain('validation')
    expect(() =>
      resolveConfig({handoff: {title: 'Handover'}, plan: {sections: {handoff: {title: 'Wrap-up'}}}})
    ).toThrow(
      'handoff.title: “Handover” differs from plan.sections.handoff.title “Wrap-up”: give the title in one place'
    )
    expect(() => resolveConfig({tasks: {alias: ['Active work']}})).toThrow(
      'unknown key in tasks: alias; did you mean aliases?'
    )
    expect(() => resolveConfig({task: {aliases: ['Active work']}})).toThrow('unknown key: task; did you mean tasks?')
  })

  test('names the bad key and what was expected', () => {
    expect(() => resolveConfig({budget: {contextWindow: 'big'}}, '.remarkrc.json')).toThrow(
      'invalid configuration in .remarkrc.json: budget.contextWindow: expected number, received string'
    )
    expect(() => resolveConfig({rules: {budget: 'loud'}})).toThrow(
      /rules\.budget: expected one of "error"\|"warn"\|"off"/
    )
    expect(() => resolveConfig({budgett: {}})).toThrow('unknown key: budgett')
    expect(() => resolveConfig({paths: {plans: '/abs/plans'}})).toThrow(
      'paths.plans: expected a path relative to the repository root'
    )
    expect(() => resolveConfig({plan: {pattern: 'next.plan.md'}})).toThrow(
      'plan.pattern: expected a pattern containing {date}'
    )
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
    expect(() => presetOptions(42, '.remarkrc.json')).toThrow(
      'invalid configuration in .remarkrc.json: expected an object with a plugins list'
    )
    expect(() => presetOptions({plugins: 'sop-lint'}, '.remarkrc.json')).toThrow(
      'plugins: expected a list or an object'
    )
  })
})

test('the shipped JSON Schema is generated from the zod schema, defaults included', () => {
  const schema = JSON.parse(readFileSync(path.join(projectRoot, 'dist/sop-lint.schema.json'), 'utf8'))
  expect(schema.properties.budget.properties.contextWindow.default).toBe(272_000)
  expect(schema.properties.rules.properties['plan-sections'].enum).toEqual(['error', 'warn', 'off'])
  expect(schema.additionalProperties).toBe(false)
})
