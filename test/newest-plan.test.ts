/**
 * Which plan is the newest when several share the newest date (issue 15,
 * item 7): the one the progress log or the handoff points at, else the one
 * committed last (one not committed yet is newer), else the name that sorts
 * last. `--verbose` says which and why; the JSON report says it on the plan.
 */
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {runCli} from './helpers/cli.js'
import {gitOk, writeFiles} from './helpers/git.js'
import {makeWorkspace} from './helpers/workspace.js'

const plan = (title: string) => `# ${title}\n`
const sameDay = {
  'plans/2026-03-04_alpha.plan.md': plan('Alpha'),
  'plans/2026-03-04_beta.plan.md': plan('Beta'),
  'plans/2026-03-04_gamma.plan.md': plan('Gamma'),
  'plans/2026-03-01_next_session.plan.md': plan('Older')
}

/** The newest plan a check names: the plan-pointer rule quotes it. */
function newest(
  root: string,
  args: string[] = []
): {
  newest: string | undefined
  stderr: string
  json: Array<{filePath: string; newestPlan?: {why: string; others: string[]}}>
} {
  const run = runCli(['--root', root, '--format', 'json', '--no-cache', ...args])
  const json = JSON.parse(run.stdout) as Array<{
    filePath: string
    messages: Array<{ruleId: string; message: string}>
    newestPlan?: {why: string; others: string[]}
  }>
  const pointer = json.flatMap((result) => result.messages).find((message) => message.ruleId === 'plan-pointer')
  return {newest: /newest plan `([^`]+)`/.exec(pointer?.message ?? '')?.[1], stderr: run.stderr, json}
}

describe('the newest of several plans of one date', () => {
  test('outside git, with no pointer: the name that sorts last', () => {
    const root = makeWorkspace({...sameDay, 'progress.md': '# Progress\n\n## 2026-03-04\n- done\n'})
    expect(newest(root).newest).toBe('plans/2026-03-04_gamma.plan.md')
  })

  test('the one the handoff names, whatever the names and commits say; --verbose and the JSON report say why', () => {
    const root = makeWorkspace({
      ...sameDay,
      'progress.md': '# Progress\n\n## 2026-03-04\n- done\n',
      'docs/SESSION_HANDOFF.md': '# Handoff\n\n## 2026-03-04\n- Plan: `plans/2026-03-04_alpha.plan.md`\n'
    })
    const {newest: taken, stderr, json} = newest(root, ['--verbose'])
    // The handoff points at it, so only progress.md is reported as not pointing at the newest plan.
    expect(taken).toBe('plans/2026-03-04_alpha.plan.md')
    expect(stderr).toBe(
      'sop-lint: newest plan `plans/2026-03-04_alpha.plan.md`: 3 plans are dated 2026-03-04, and it is the one `docs/SESSION_HANDOFF.md` points at; the others are `plans/2026-03-04_beta.plan.md`, `plans/2026-03-04_gamma.plan.md`\n'
    )
    const result = json.find((entry) => entry.filePath === path.join(root, 'plans/2026-03-04_alpha.plan.md'))
    expect(result?.newestPlan).toMatchObject({
      why: 'pointer',
      others: ['plans/2026-03-04_beta.plan.md', 'plans/2026-03-04_gamma.plan.md']
    })
  })

  test('in git: the one committed last, and one not committed yet before any committed', () => {
    const root = makeWorkspace({...sameDay, 'progress.md': '# Progress\n\n## 2026-03-04\n- done\n'})
    gitOk(root, ['init', '-q'])
    gitOk(root, [
      'add',
      'progress.md',
      'plans/2026-03-01_next_session.plan.md',
      'plans/2026-03-04_alpha.plan.md',
      'plans/2026-03-04_gamma.plan.md'
    ])
    gitOk(root, ['commit', '-q', '-m', 'first'], {date: '2026-03-04T09:00:00+00:00'})
    gitOk(root, ['add', 'plans/2026-03-04_beta.plan.md'])
    gitOk(root, ['commit', '-q', '-m', 'second'], {date: '2026-03-04T15:00:00+00:00'})
    expect(newest(root).newest).toBe('plans/2026-03-04_beta.plan.md')
    writeFiles(root, {'plans/2026-03-04_delta.plan.md': plan('Delta, not committed')})
    expect(newest(root, ['--verbose']).stderr).toContain(
      'newest plan `plans/2026-03-04_delta.plan.md`: 4 plans are dated 2026-03-04, and it is the one not committed yet'
    )
  })

  test('a plan alone on its date says nothing on --verbose', () => {
    const root = makeWorkspace({'plans/2026-03-04_next_session.plan.md': plan('Only'), 'progress.md': '# Progress\n'})
    expect(newest(root, ['--verbose']).stderr).toBe('')
  })
})
