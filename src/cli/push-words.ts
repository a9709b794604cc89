/**
 * Words both blocked-push reports use — a repository of one workspace's
 * (src/cli/hook.ts) and a monorepo's (src/cli/monorepo-push.ts): how a ref
 * and a commit are named, the errors of a commit as the check prints them,
 * and the fix for a ledger row pushed before a tip.
 */
import type {PushedRef} from '../engine/check-push.js'
import type {StoredFile} from '../engine/cache/outcome.js'
import type {CommitInfo} from '../git/commit.js'

export function describeRefs(refs: readonly PushedRef[]): string {
  return refs.map((ref) => describeRef(ref)).join(', ')
}

/** `refs/heads/main`, or `HEAD → refs/heads/main` when the local name differs. */
export function describeRef(ref: PushedRef): string {
  return ref.localRef === ref.remoteRef ? ref.remoteRef : `${ref.localRef} → ${ref.remoteRef}`
}

export function describeCommit(commit: CommitInfo): string {
  return `${commit.oid.slice(0, 10)} (${commit.date})`
}

/** How to fix a commit before a tip that adds a formula row. */
export const ledgerRowsAdvice = `\nTo fix the ledger rows: a row is pushed with the commit that adds it and stays in the history, even where a later commit changes it — rewrite that commit (\`git rebase -i\`) so that its row starts no cell with a formula character, then push again.\n`

/** The errors of files (paths relative to `root`), as the check prints them; the reporter is loaded only for a push that is blocked (most pushes pass). */
export async function reportSection(
  files: readonly StoredFile[],
  root: string,
  cwd: string,
  colorChoice: boolean | undefined
): Promise<string> {
  const [{formatStylish, terminalWidth, useColor}, {materialize}] = await Promise.all([
    import('./formats/stylish.js'),
    import('../engine/cache/materialize.js')
  ])
  return formatStylish(materialize(files, root, cwd), {
    quiet: true,
    color: useColor(process.stderr, colorChoice),
    width: terminalWidth(process.stderr)
  })
}
