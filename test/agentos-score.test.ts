/**
 * The real workspace the procedure was written for, scored against the hand
 * labels of every message an earlier sop-lint gave there (issue 15, Done
 * means): `--all-plans` on a git copy with the real tree's code files (empty)
 * and the sibling repository the labels name, matched by rule and file:line.
 * The FALSE and NOISE messages must be nearly gone, every rule and file that
 * had a real message must still have one, and every message the labels do
 * not know is listed here, reviewed.
 */
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, test} from 'vitest'
import {
  checkCopy,
  readLabels,
  readTree,
  scoreReport,
  siblingsOf,
  type Label,
  type ReportedMessage,
  type Score
} from '../scripts/score-agentos.js'
import {cliPath, projectRoot} from './helpers/cli.js'

const examples = path.resolve(projectRoot, '../shared/examples')
const present = existsSync(path.join(examples, 'agentos-labels.tsv'))

/**
 * The messages the labels do not know, each reviewed (rule file:line). All
 * are real: plans written as phases now get per-task checks (the labels had
 * only “Missing section Tasks” for them), a section found where it is moves
 * the missing-section message, the ledger's rows planned at 0 carry a delta
 * (issue 15, item 5), and the handoff's one /status capture does not say what
 * its 24% counts (item 9).
 */
const reviewed = [
  // 002: Phase A/B/C are tasks now; Required reading is missing before them; the phases give no token budget
  // (hours only) and no start criteria, A and C no spec.
  'plan-sections plans/002_long_session.plan.md:16',
  'task-fields plans/002_long_session.plan.md:20',
  'task-fields plans/002_long_session.plan.md:26',
  'task-fields plans/002_long_session.plan.md:38',
  // 005: commit A/B/C are tasks: budget and Required reading missing before them; no budget or start criteria.
  'plan-sections plans/005_long_session.plan.md:27',
  'plan-sections plans/005_long_session.plan.md:27',
  'task-fields plans/005_long_session.plan.md:48',
  'task-fields plans/005_long_session.plan.md:71',
  'task-fields plans/005_long_session.plan.md:150',
  // 007: Phases 1–4 lack budgets, start and end criteria (1 and 2 a spec); its prose budget has no buffer and no
  // buckets, and no phase has a budget.
  'task-fields plans/007_week0_execution.plan.md:38',
  'task-fields plans/007_week0_execution.plan.md:59',
  'task-fields plans/007_week0_execution.plan.md:68',
  'task-fields plans/007_week0_execution.plan.md:74',
  'budget plans/007_week0_execution.plan.md:7',
  'budget plans/007_week0_execution.plan.md:7',
  // tracker-cli and tracker-next: the phases are tasks with no budget, spec, start or end criteria.
  'plan-sections plans/2025-11-05_tracker-cli.plan.md:29',
  'plan-sections plans/2025-11-05_tracker-cli.plan.md:29',
  'task-fields plans/2025-11-05_tracker-cli.plan.md:152',
  'task-fields plans/2025-11-05_tracker-cli.plan.md:304',
  'task-fields plans/2025-11-05_tracker-cli.plan.md:602',
  'task-fields plans/2025-11-05_tracker-cli.plan.md:725',
  'task-fields plans/2025-11-05_tracker-next.plan.md:73',
  'task-fields plans/2025-11-05_tracker-next.plan.md:94',
  'task-fields plans/2025-11-05_tracker-next.plan.md:114',
  // The handoff's capture “Context window 24% (209K/272K)”: 24% is what is left.
  'status-capture docs/SESSION_HANDOFF.md:300',
  // Rows planned at 0 with a delta (240000, 0, 237000, 168000).
  'ledger-delta docs/Ledgers/Token_Churn_Ledger.csv:2',
  'ledger-delta docs/Ledgers/Token_Churn_Ledger.csv:4',
  'ledger-delta docs/Ledgers/Token_Churn_Ledger.csv:7',
  'ledger-delta docs/Ledgers/Token_Churn_Ledger.csv:8'
]

const keyOf = (message: ReportedMessage) => `${message.rule} ${message.file}:${message.line}`
const falseOrNoise = (labels: readonly Label[]) => labels.filter((label) => label.class !== 'TRUE')

describe.skipIf(!present)('agentos, scored against its hand labels', () => {
  let labels: Label[]
  let all: Score
  let defaultCheck: ReportedMessage[]
  beforeAll(() => {
    labels = readLabels(readFileSync(path.join(examples, 'agentos-labels.tsv'), 'utf8'))
    const tree = readTree(readFileSync(path.join(examples, 'agentos-TREE.txt'), 'utf8'))
    const siblings = siblingsOf(labels)
    all = scoreReport(labels, checkCopy(path.join(examples, 'agentos'), cliPath, tree, {siblings}))
    defaultCheck = checkCopy(path.join(examples, 'agentos'), cliPath, tree, {siblings, args: []})
  }, 60_000)

  test('at most 12 of the 122 FALSE and NOISE messages remain', () => {
    expect(falseOrNoise(labels)).toHaveLength(122)
    expect(falseOrNoise(all.kept).length).toBeLessThanOrEqual(12)
  })

  test('every rule and file pair that had a TRUE message still has one', () => {
    expect(all.lostPairs).toEqual([])
  })

  test('the new messages are the reviewed ones', () => {
    expect(all.added.map(keyOf).sort()).toEqual([...reviewed].sort())
  })

  test('the default check reports at most 25 messages, each a labelled TRUE message or a reviewed new one', () => {
    expect(defaultCheck.length).toBeLessThanOrEqual(25)
    const score = scoreReport(labels, defaultCheck)
    expect(falseOrNoise(score.kept)).toEqual([])
    expect(score.added.map(keyOf).every((key) => reviewed.includes(key))).toBe(true)
  })
})
