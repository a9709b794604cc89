import {hasErrors} from '../cache/outcome.js'
import type {CommitInfo} from '../git/commit.js'
import {GitRepository} from '../git/repository.js'
import {loadConfig} from '../config/load.js'
import type {SopLintConfig} from '../config/schema.js'
import {suppressionsFile} from '../suppressions/suppressions.js'
import {pushAdvice} from './push-advice.js'
import {checkCommit} from './commit-check.js'
import {today} from './today.js'

/** One ref of a push, as git describes it to a pre-push hook. */
export interface PushedRef {
  localRef: string
  localOid: string
  remoteRef: string
  remoteOid: string
}

/**
 * Checks the commit each ref pushes (each commit once, however many refs push
 * it) and says whether the push must be blocked, with what to print.
 */
export async function checkPush(
  root: string,
  refs: readonly PushedRef[],
  options: {cwd: string; cache: boolean; prefix?: string | undefined}
): Promise<{blocked: boolean; output: string}> {
  const repository = new GitRepository(root, {prefix: options.prefix})
  try {
    const commits = repository.commits(refs.map((ref) => ref.localOid))
    const pushes = new Map<string, {commit: CommitInfo; refs: PushedRef[]}>()
    const notes: string[] = []
    refs.forEach((ref, index) => {
      const commit = commits[index]
      if (!commit) {
        notes.push(`sop-lint: ${describeRef(ref)} does not point at a commit; not checked\n`)
        return
      }
      const push = pushes.get(commit.oid) ?? {commit, refs: []}
      push.refs.push(ref)
      pushes.set(commit.oid, push)
    })
    const blocked: string[] = []
    const fixes = new Set<string>()
    // The working tree's config: the adoption date and the plans folder, read only when a commit is blocked.
    let working: SopLintConfig | undefined
    const workingConfig = async () => (working ??= (await loadConfig(repository.root)).config)
    for (const {commit, refs: pushedRefs} of pushes.values()) {
      const {files, suppressed} = await checkCommit(repository, commit, {date: today(), cwd: options.cwd, cache: options.cache})
      if (!hasErrors(files)) continue
      const names = pushedRefs.map((ref) => describeRef(ref)).join(', ')
      const adoptedOn = (await workingConfig()).hook.adoptedOn
      if (adoptedOn !== undefined && commit.date < adoptedOn) {
        notes.push(
          `sop-lint: ${names} — commit ${commit.oid.slice(0, 10)} (${commit.date}) was made before sop-lint was adopted on ${adoptedOn} (hook.adoptedOn): not checked, since no plan written now could change it\n`
        )
        continue
      }
      // The reporter is loaded only for a push that is blocked: most pushes pass.
      const [{formatStylish, useColor}, {materialize}] = await Promise.all([import('../report/stylish.js'), import('../cache/materialize.js')])
      const color = useColor(process.stderr)
      const advice = pushAdvice(files, commit, repository.treeSource(commit), repository.root, await workingConfig())
      fixes.add(advice.fix)
      const report = formatStylish(materialize(files, repository.root, options.cwd), {quiet: true, color})
      const baseline = suppressed.suppressed === 0 ? '' : `${suppressed.suppressed} problem${suppressed.suppressed === 1 ? '' : 's'} suppressed (${suppressionsFile})\n`
      const said = advice.notes.map((note) => `${note}\n`).join('')
      blocked.push(`${names} — commit ${commit.oid.slice(0, 10)} (${commit.date}):\n${report}${baseline}${said}`)
    }
    if (blocked.length === 0) return {blocked: false, output: notes.join('')}
    const output = [
      ...notes,
      `sop-lint: push blocked: the plan in what you push is missing or has errors (checked in the commits, not the working tree).\n\n`,
      blocked.join('\n'),
      `\n${[...fixes].join('\n')}\n`
    ].join('')
    return {blocked: true, output}
  } finally {
    repository.close()
  }
}

/** `refs/heads/main`, or `HEAD → refs/heads/main` when the local name differs. */
function describeRef(ref: PushedRef): string {
  return ref.localRef === ref.remoteRef ? ref.remoteRef : `${ref.localRef} → ${ref.remoteRef}`
}
