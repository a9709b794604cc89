import {hasErrors, type CheckFacts, type StoredFile} from '../cache/outcome.js'
import type {CommitInfo} from '../git/commit.js'
import {fileChanges} from '../git/file-history.js'
import {GitRepository} from '../git/repository.js'
import {isNullOid} from '../git/run.js'
import {loadConfig} from '../config/load.js'
import type {SopLintConfig} from '../config/schema.js'
import {suppressionsFile} from '../suppressions/suppressions.js'
import {checkCommit} from './commit-check.js'
import {pushAdvice} from './push-advice.js'
import {today} from './today.js'

/** One ref of a push, as git describes it to a pre-push hook. */
export interface PushedRef {
  localRef: string
  localOid: string
  remoteRef: string
  remoteOid: string
}

/** A tip of the push (the commit a ref is set to), the refs set to it and what its check knew. */
interface Tip {
  commit: CommitInfo
  refs: PushedRef[]
  facts?: CheckFacts
  /** Its check found no error (so no formula cell in its ledger). */
  clean?: boolean
}

/**
 * Checks a push: the tree of the commit each ref pushes, whole (each commit
 * once, however many refs push it), and, in the commits before the tips that
 * the remote does not have, the rows each adds to the ledger (none may be a
 * formula: src/engine/pushed-ledger-rows.ts). Says whether the push must be
 * blocked, with what to print.
 */
export async function checkPush(
  root: string,
  refs: readonly PushedRef[],
  options: {cwd: string; cache: boolean; prefix?: string | undefined; color?: boolean | undefined}
): Promise<{blocked: boolean; output: string}> {
  const repository = new GitRepository(root, {prefix: options.prefix})
  try {
    const commits = repository.commits(refs.map((ref) => ref.localOid))
    const tips = new Map<string, Tip>()
    const notes: string[] = []
    refs.forEach((ref, index) => {
      const commit = commits[index]
      if (!commit) {
        notes.push(`sop-lint: ${describeRef(ref)} does not point at a commit; not checked\n`)
        return
      }
      const tip = tips.get(commit.oid) ?? {commit, refs: []}
      tip.refs.push(ref)
      tips.set(commit.oid, tip)
    })
    const date = today()
    const blocked: string[] = []
    const fixes = new Set<string>()
    // The working tree's config: the adoption date and the plans folder, read only when a commit is blocked.
    let working: SopLintConfig | undefined
    const workingConfig = async () => (working ??= (await loadConfig(repository.root)).config)
    for (const tip of tips.values()) {
      const {files, facts, suppressed} = await checkCommit(repository, tip.commit, {date, cwd: options.cwd, cache: options.cache})
      tip.facts = facts
      tip.clean = !hasErrors(files)
      if (tip.clean) continue
      const adoptedOn = (await workingConfig()).hook.adoptedOn
      if (adoptedOn !== undefined && tip.commit.date < adoptedOn) {
        notes.push(
          `sop-lint: ${describeRefs(tip.refs)} — commit ${describeCommit(tip.commit)} was made before sop-lint was adopted on ${adoptedOn} (hook.adoptedOn): not checked, since no plan written now could change it\n`
        )
        tips.delete(tip.commit.oid)
        continue
      }
      const advice = pushAdvice(files, tip.commit, repository.treeSource(tip.commit), repository.root, await workingConfig())
      fixes.add(advice.fix)
      const baseline = suppressed.suppressed === 0 ? '' : `${suppressed.suppressed} problem${suppressed.suppressed === 1 ? '' : 's'} suppressed (${suppressionsFile})\n`
      const said = advice.notes.map((note) => `${note}\n`).join('')
      blocked.push(await section(repository, options, `${describeRefs(tip.refs)} — commit ${describeCommit(tip.commit)}`, files, `${baseline}${said}`))
    }
    const tipsBlocked = blocked.length > 0
    const earlier = await earlierCommitsProblems(repository, [...tips.values()], refs)
    for (const {tip, commit, files} of earlier) {
      blocked.push(await section(repository, options, `${describeRefs(tip.refs)} — commit ${describeCommit(commit)}, pushed before ${tip.commit.oid.slice(0, 10)}`, files))
    }
    if (blocked.length === 0) return {blocked: false, output: notes.join('')}
    const why = [
      tipsBlocked ? 'the plan in what you push is missing or has errors' : '',
      earlier.length > 0 ? 'a commit you push adds a ledger row that a spreadsheet would run as a formula' : ''
    ]
    const output = [
      ...notes,
      `sop-lint: push blocked: ${why.filter(Boolean).join('; ')} (checked in the commits, not the working tree).\n\n`,
      blocked.join('\n'),
      tipsBlocked ? `\n${[...fixes].join('\n')}\n` : '',
      earlier.length > 0
        ? `\nTo fix the ledger rows: a row is pushed with the commit that adds it and stays in the history, even where a later commit changes it — rewrite that commit (\`git rebase -i\`) so that its row starts no cell with a formula character, then push again.\n`
        : ''
    ].join('')
    return {blocked: true, output}
  } finally {
    repository.close()
  }
}

/**
 * The commits of the push before its tips that add a ledger row with a
 * formula cell, with the tip they are pushed with. One `git log` per ledger
 * path (in practice one per push), none when every tip's parents are on the
 * remote already; the rule's code is loaded only when such a commit adds a
 * row that neither the clean tips' ledgers nor its parents' hold.
 */
async function earlierCommitsProblems(
  repository: GitRepository,
  tips: readonly Tip[],
  refs: readonly PushedRef[]
): Promise<Array<{tip: Tip; commit: CommitInfo; files: StoredFile[]}>> {
  const known = [...new Set(refs.map((ref) => ref.remoteOid).filter((oid) => !isNullOid(oid)))]
  const judged = tips.filter((tip) => tip.facts && tip.facts.severities['ledger-formula'] !== 'off')
  // Nothing before the tips: the remote has every parent of each.
  if (judged.every((tip) => tip.commit.parents.every((parent) => known.includes(parent)))) return []
  const byLedger = new Map<string, Tip[]>()
  for (const tip of judged) byLedger.set(tip.facts!.ledger, [...(byLedger.get(tip.facts!.ledger) ?? []), tip])
  const found: Array<{tip: Tip; commit: CommitInfo; files: StoredFile[]}> = []
  const tipIds = new Set(tips.map((tip) => tip.commit.oid))
  for (const [ledger, group] of byLedger) {
    const changes = fileChanges(
      repository.root,
      group.map((tip) => tip.commit.oid),
      known,
      ledger
    ).filter((change) => !tipIds.has(change.commit))
    if (changes.length === 0) continue
    const {ledgerRowsBrought} = await import('./pushed-ledger-rows.js')
    const cleanTips = group.filter((tip) => tip.clean).map((tip) => tip.commit)
    for (const {commit, files} of await ledgerRowsBrought(repository, changes, {ledger, configFrom: group[0]!.commit, cleanTips})) {
      found.push({tip: group[0]!, commit, files})
    }
  }
  return found
}

/** A blocked ref's or commit's part of the report: a heading, the errors, and what follows them (the baseline's count, advice). */
async function section(repository: GitRepository, options: {cwd: string; color?: boolean | undefined}, heading: string, files: StoredFile[], after = ''): Promise<string> {
  // The reporter is loaded only for a push that is blocked: most pushes pass.
  const [{formatStylish, terminalWidth, useColor}, {materialize}] = await Promise.all([import('../report/stylish.js'), import('../cache/materialize.js')])
  const report = formatStylish(materialize(files, repository.root, options.cwd), {
    quiet: true,
    color: useColor(process.stderr, options.color),
    width: terminalWidth(process.stderr)
  })
  return `${heading}:\n${report}${after}`
}

function describeRefs(refs: readonly PushedRef[]): string {
  return refs.map((ref) => describeRef(ref)).join(', ')
}

/** `refs/heads/main`, or `HEAD → refs/heads/main` when the local name differs. */
function describeRef(ref: PushedRef): string {
  return ref.localRef === ref.remoteRef ? ref.remoteRef : `${ref.localRef} → ${ref.remoteRef}`
}

function describeCommit(commit: CommitInfo): string {
  return `${commit.oid.slice(0, 10)} (${commit.date})`
}
