/**
 * What the pre-push hook of a monorepo prints: per blocked commit, each
 * workspace the push changes that has no fresh, valid plan, with what it
 * lacks and its errors, and how to fix it.
 */
import type {StoredFile} from '../engine/cache/outcome.js'
import {checkMonorepoPush} from '../engine/check-monorepo-push.js'
import type {WorkspaceResult} from '../engine/check-monorepo.js'
import type {PushedRef} from '../engine/check-push.js'
import type {GitRepository} from '../git/repository.js'
import {pushAdvice} from './push-advice.js'
import {suppressedLine} from './suppressed-line.js'
import {describeCommit, describeRef, describeRefs, ledgerRowsAdvice, reportSection} from './push-words.js'

/** The verdict of a monorepo's push, `undefined` when what is pushed is a repository of one workspace. */
export async function monorepoPushVerdict(
  repository: GitRepository,
  refs: readonly PushedRef[],
  options: {cwd: string; cache: boolean; date: string; color?: boolean | undefined}
): Promise<{blocked: boolean; output: string} | undefined> {
  const push = await checkMonorepoPush(repository, refs, options)
  if (!push) return undefined
  const notes = push.unknown.map((ref) => `sop-lint: ${describeRef(ref)} does not point at a commit; not checked\n`)
  const sections: string[] = []
  const failing = new Set<string>()
  for (const tip of push.tips) {
    const parts: string[] = []
    for (const workspace of tip.workspaces) {
      if (workspace.adoptedOn !== undefined) {
        notes.push(
          `sop-lint: ${describeRefs(tip.refs)} — commit ${describeCommit(tip.commit)}: ${workspaceName(workspace)} adopted sop-lint on ${workspace.adoptedOn} (hook.adoptedOn), after this commit was made: not checked, since no plan written now could change it\n`
        )
      }
      if (!workspace.blocking) continue
      failing.add(workspaceName(workspace))
      const baseline = suppressedLine(workspace.suppressed.suppressed)
      const advice = workspace.blocked && pushAdvice(workspace.blocked)
      const said = advice
        ? `${advice.notes.map((note) => `${note}\n`).join('')}${inFolder(workspace.folder)}${advice.fix}\n`
        : ''
      parts.push(
        `${workspaceName(workspace)} ${lacks(workspace)}:\n${await reportSection(workspace.files, workspace.root, options.cwd, options.color)}${baseline}${said}`
      )
    }
    if (parts.length > 0)
      sections.push(`${describeRefs(tip.refs)} — commit ${describeCommit(tip.commit)}:\n${parts.join('\n')}`)
  }
  for (const {tip, refs: tipRefs, commit, files} of push.earlier) {
    sections.push(
      `${describeRefs(tipRefs)} — commit ${describeCommit(commit)}, pushed before ${tip.oid.slice(0, 10)}:\n${await reportSection(files, repository.root, options.cwd, options.color)}`
    )
  }
  if (sections.length === 0) return {blocked: false, output: notes.join('')}
  const names = [...failing]
  const why = [
    names.length === 0
      ? ''
      : `${names.length === 1 ? `${names[0]} has` : `${names.join(', ')} have`} no fresh, valid plan in what you push, and each workspace a push changes needs its own`,
    push.earlier.length > 0 ? 'a commit you push adds a ledger row that a spreadsheet would run as a formula' : ''
  ]
  const output = [
    ...notes,
    `sop-lint: push blocked: ${why.filter(Boolean).join('; ')} (checked in the commits, not the working tree).\n\n`,
    sections.join('\n'),
    push.earlier.length > 0 ? ledgerRowsAdvice : ''
  ].join('')
  return {blocked: true, output}
}

/** Where a workspace's fix is run: its folder (the commands it names act on the workspace stood in). */
function inFolder(folder: string): string {
  return folder === '' ? '' : `In ${folder}/: `
}

function workspaceName(workspace: {folder: string}): string {
  return workspace.folder === '' ? 'the repository' : `workspace ${workspace.folder}`
}

/** What a workspace's check says it lacks, in a few words: a plan, a fresh plan, or a plan without errors. */
function lacks(workspace: WorkspaceResult): string {
  const {newestPlan} = workspace.facts
  const errors = workspace.files.flatMap((file: StoredFile) => file.messages.filter((message) => message.fatal))
  const stale = errors.filter((message) => message.ruleId === 'plan-fresh').length
  // Without a plan, plan-filename's "no plan" is what the first words say.
  const others = errors.filter(
    (message) => message.ruleId !== 'plan-fresh' && (newestPlan || message.ruleId !== 'plan-filename')
  ).length
  const what: string[] = []
  if (!newestPlan) what.push(`has no plan in ${workspace.facts.freshness.plans}/`)
  else if (stale > 0) what.push(`lacks a fresh plan: its newest, \`${newestPlan.name}\`, is older than the work`)
  if (others > 0)
    what.push(
      `${what.length > 0 ? 'and has' : 'has'} ${others} ${stale > 0 || !newestPlan ? 'other ' : ''}error${others === 1 ? '' : 's'}`
    )
  return what.join(' ')
}
