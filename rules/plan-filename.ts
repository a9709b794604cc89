/**
 * A plan is named `<YYYY-MM-DD>_next_session.plan.md` (procedure step 4), its
 * date is a real day, and a frontmatter `date`, when present, agrees with it.
 * Legacy names (`001_next_session.plan.md`) are still plans: the newest
 * plan gets a warning that says what to rename it to, older ones one
 * warning between them.
 */
import type {Yaml} from 'mdast'
import YAML from 'yaml'
import {definePlanRule} from '../src/rule.js'
import {isCalendarDate, planNameFor} from '../src/workspace/plan-name.js'

export default definePlanRule('plan-filename', (plan, {config, planFile, workspace, report}) => {
  const frontmatter = plan.tree.children.find((node): node is Yaml => node.type === 'yaml')
  const parsed = frontmatter ? readFrontmatter(frontmatter.value) : undefined
  const frontmatterDate = parsed?.date
  const start = {line: 1, column: 1}

  if (planFile.date && !isCalendarDate(planFile.date)) {
    report(`Plan name \`${planFile.name}\` has ${planFile.date}, which is not a calendar date: rename it with the session’s date (YYYY-MM-DD)`, start)
  }
  const legacy = planFile.date === undefined && planFile.sequence !== undefined
  if (legacy && workspace.newestPlan()?.path !== planFile.path) {
    // History is history: the legacy names of older plans get one message, on the newest of them, not one each.
    const named = workspace.plans().filter((other) => other.date === undefined && other.sequence !== undefined)
    if (named.at(-1)?.path === planFile.path) {
      const names = named.map((other) => `\`${other.name}\``)
      report(
        `${named.length === 1 ? 'An older plan has a legacy name' : `${named.length} older plans have legacy names`} (${names.join(', ')}): ${named.length === 1 ? 'it may keep it' : 'they may keep them'}; name new plans \`${config.plan.pattern}\``,
        start,
        {warning: true}
      )
    }
  } else if (!planFile.matchesPattern) {
    const nameDate = planFile.date && isCalendarDate(planFile.date) ? planFile.date : undefined
    const date = nameDate ?? frontmatterDate ?? 'YYYY-MM-DD'
    report(
      `Plan name \`${planFile.name}\` does not follow \`${config.plan.pattern}\`: rename it to \`${config.paths.plans}/${planNameFor(config.plan.pattern, date)}\``,
      start,
      {warning: true}
    )
  }
  if (frontmatter && parsed?.error) {
    // The frontmatter's first line is the `---` fence: YAML's line 1 is the document's line 2.
    const start = frontmatter.position?.start.line ?? 1
    const place = parsed.error.line === undefined ? frontmatter.position : {line: start + parsed.error.line, column: parsed.error.column ?? 1}
    report(`Frontmatter is not valid YAML (${parsed.error.reason}): fix it, so that its \`date\` can be read`, place)
  } else if (frontmatter && frontmatterDate === undefined && /^date\s*:/m.test(frontmatter.value)) {
    report('Frontmatter `date` is not a YYYY-MM-DD date: write the session’s date, e.g. `date: 2025-10-20`', frontmatter.position)
  }
  if (frontmatterDate && planFile.date && frontmatterDate !== planFile.date) {
    report(`Frontmatter date ${frontmatterDate} disagrees with the file name’s ${planFile.date}: make them the same day`, frontmatter!.position)
  }
})

/** The `date` of YAML frontmatter as YYYY-MM-DD, or why the YAML does not parse. */
function readFrontmatter(yaml: string): {date: string | undefined; error?: {reason: string; line: number | undefined; column: number | undefined}} {
  let data: unknown
  try {
    data = YAML.parse(yaml, {schema: 'core'})
  } catch (error) {
    const {message, linePos} = error as {message: string; linePos?: Array<{line: number; col: number}>}
    const reason = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '')
    return {date: undefined, error: {reason, line: linePos?.[0]?.line, column: linePos?.[0]?.col}}
  }
  const value = (data as {date?: unknown} | null)?.date
  if (value instanceof Date) return {date: value.toISOString().slice(0, 10)}
  return {date: typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined}
}
