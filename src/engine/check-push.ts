import {hasErrors} from '../cache/outcome.js'
import type {CommitInfo} from '../git/commit.js'
import {GitRepository} from '../git/repository.js'
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
  options: {cwd: string; cache: boolean; prefix?: string | undefined; repository?: GitRepository}
): Promise<{blocked: boolean; output: string}> {
  const repository = options.repository ?? new GitRepository(root, {prefix: options.prefix})
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
    for (const {commit, refs: pushedRefs} of pushes.values()) {
      const {files} = await checkCommit(repository, commit, {date: today(), cwd: options.cwd, cache: options.cache})
      if (!hasErrors(files)) continue
      // The reporter is loaded only for a push that is blocked: most pushes pass.
      const [{formatStylish, useColor}, {materialize}] = await Promise.all([import('../report/stylish.js'), import('../cache/materialize.js')])
      const color = useColor(process.stderr)
      const names = pushedRefs.map((ref) => describeRef(ref)).join(', ')
      const report = formatStylish(materialize(files, repository.root, options.cwd), {quiet: true, color})
      blocked.push(`${names} — commit ${commit.oid.slice(0, 10)} (${commit.date}):\n${report}`)
    }
    if (blocked.length === 0) return {blocked: false, output: notes.join('')}
    const output = [
      ...notes,
      `sop-lint: push blocked: the plan in what you push is missing or has errors (checked in the commits, not the working tree).\n\n`,
      blocked.join('\n'),
      `\nTo fix: run \`npx sop-lint --fix\`, fill in the TODOs it leaves, commit, and push again.\n`
    ].join('')
    return {blocked: true, output}
  } finally {
    if (!options.repository) repository.close()
  }
}

/** `refs/heads/main`, or `HEAD → refs/heads/main` when the local name differs. */
export function describeRef(ref: PushedRef): string {
  return ref.localRef === ref.remoteRef ? ref.remoteRef : `${ref.localRef} → ${ref.remoteRef}`
}
