/**
 * A plan is named `<YYYY-MM-DD>_next_session.plan.md` (procedure step 4), its
 * date is a real day, and a frontmatter `date`, when present, agrees with it.
 * Legacy names (`001_next_session.plan.md`) are still plans: the newest
 * plan gets a warning that says what to rename it to, older ones one
 * warning between them. When the plans folder holds no
 * plan, a check looks at the plan that should exist (an empty file named for
 * today): this rule reports it missing and carries its text, which `--fix`
 * writes.
 */
import type {Yaml} from 'mdast'
import YAML from 'yaml'
import {readPlan} from '../src/plan/plan-document.js'
import {planText} from '../src/plan/template/plan.js'
import {defineRule} from '../src/rule/define-rule.js'
import {isCalendarDate, planNameFor} from '../src/workspace/plan-name.js'

export default defineRule({
  id: 'plan-filename',
  meta: {
    severity: 'error',
    description:
      'a plan exists, is named `YYYY-MM-DD_next_session.plan.md` with a real date (legacy names: a warning); frontmatter `date` agrees',
    messages: {
      noPlan: {text: 'No plan in `{{folder}}/`: write `{{plan}}` (`npx sop-lint --fix` scaffolds it)', fix: 'insert'},
      notCalendarDate:
        'Plan name `{{name}}` has {{date}}, which is not a calendar date: rename it with the session’s date (YYYY-MM-DD)',
      legacyName: {
        text: 'Plan name `{{name}}` does not follow `{{pattern}}`: rename it to `{{renamed}}`',
        warning: true
      },
      olderLegacyName: {
        text: 'An older plan has a legacy name ({{names}}): it may keep it; name new plans `{{pattern}}`',
        warning: true
      },
      olderLegacyNames: {
        text: '{{count}} older plans have legacy names ({{names}}): they may keep them; name new plans `{{pattern}}`',
        warning: true
      },
      badYaml: 'Frontmatter is not valid YAML ({{reason}}): fix it, so that its `date` can be read',
      badDate: 'Frontmatter `date` is not a YYYY-MM-DD date: write the session’s date, e.g. `date: 2025-10-20`',
      dateDisagrees: 'Frontmatter date {{frontmatter}} disagrees with the file name’s {{name}}: make them the same day'
    }
  },
  // A plan, or — when the plans folder holds none — the file the plan should be in.
  appliesTo: (path, workspace) =>
    workspace.planAt(path) !== undefined ||
    (workspace.newestPlan() === undefined &&
      path.startsWith(`${workspace.config.paths.plans}/`) &&
      path.endsWith(workspace.config.plan.suffix)),
  check({tree, file, config, workspace, path, today, report}) {
    const start = {line: 1, column: 1}
    const planFile = workspace.planAt(path)
    if (!planFile) {
      report('noPlan', start, {data: {folder: config.paths.plans, plan: path}, fix: planText(workspace, today())})
      return
    }
    const plan = readPlan(tree, file, config)
    const frontmatter = plan.tree.children.find((node): node is Yaml => node.type === 'yaml')
    const parsed = frontmatter ? readFrontmatter(frontmatter.value) : undefined
    const frontmatterDate = parsed?.date

    if (planFile.date && !isCalendarDate(planFile.date))
      report('notCalendarDate', start, {data: {name: planFile.name, date: planFile.date}})
    const legacy = planFile.date === undefined && planFile.sequence !== undefined
    if (legacy && workspace.newestPlan()?.path !== planFile.path) {
      // History is history: the legacy names of older plans get one message, on the newest of them, not one each.
      const named = workspace.plans().filter((other) => other.date === undefined && other.sequence !== undefined)
      if (named.at(-1)?.path === planFile.path) {
        const data = {
          count: named.length,
          names: named.map((other) => `\`${other.name}\``).join(', '),
          pattern: config.plan.pattern
        }
        report(named.length === 1 ? 'olderLegacyName' : 'olderLegacyNames', start, {data})
      }
    } else if (!planFile.matchesPattern) {
      const nameDate = planFile.date && isCalendarDate(planFile.date) ? planFile.date : undefined
      const date = nameDate ?? frontmatterDate ?? 'YYYY-MM-DD'
      report('legacyName', start, {
        data: {
          name: planFile.name,
          pattern: config.plan.pattern,
          renamed: `${config.paths.plans}/${planNameFor(config.plan.pattern, date)}`
        }
      })
    }
    if (frontmatter && parsed?.error) {
      // The frontmatter's first line is the `---` fence: YAML's line 1 is the document's line 2.
      const line = frontmatter.position?.start.line ?? 1
      const place =
        parsed.error.line === undefined
          ? frontmatter.position
          : {line: line + parsed.error.line, column: parsed.error.column ?? 1}
      report('badYaml', place, {data: {reason: parsed.error.reason}})
    } else if (frontmatter && frontmatterDate === undefined && /^date\s*:/m.test(frontmatter.value)) {
      report('badDate', frontmatter.position)
    }
    if (frontmatterDate && planFile.date && frontmatterDate !== planFile.date) {
      report('dateDisagrees', frontmatter!.position, {data: {frontmatter: frontmatterDate, name: planFile.date}})
    }
  }
})

/** The `date` of YAML frontmatter as YYYY-MM-DD, or why the YAML does not parse. */
function readFrontmatter(yaml: string): {
  date: string | undefined
  error?: {reason: string; line: number | undefined; column: number | undefined}
} {
  let data: unknown
  try {
    data = YAML.parse(yaml, {schema: 'core'})
  } catch (error) {
    const {message, linePos} = error as {message: string; linePos?: Array<{line: number; col: number}>}
    const reason = message
      .split('\n')[0]!
      .replace(/ at line \d+, column \d+:?$/, '')
      .replace(/:$/, '')
    return {date: undefined, error: {reason, line: linePos?.[0]?.line, column: linePos?.[0]?.col}}
  }
  const value = (data as {date?: unknown} | null)?.date
  if (value instanceof Date) return {date: value.toISOString().slice(0, 10)}
  return {date: typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined}
}
