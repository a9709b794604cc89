import type {SopLintConfig} from '../config/schema.js'
import type {CommitInfo} from '../git/commit.js'
import {fileChanges} from '../git/file-history.js'
import {GitRepository} from '../git/repository.js'
import {isNullOid} from '../git/run.js'
import {GitTreeSource} from '../workspace/git-tree-source.js'
import type {FileSource} from '../workspace/source.js'
import {hasErrors, type CheckFacts, type StoredFile} from './cache/outcome.js'
import {checkCommit} from './commit-check.js'
import {ledgerRowsBrought} from './pushed-ledger-rows.js'
import {suppressionsFile} from './suppressions/suppressions.js'

/** One ref of a push, as git describes it to a pre-push hook. */
export interface PushedRef {
  localRef: string
  localOid: string
  remoteRef: string
  remoteOid: string
}

/** A tip of the push (the commit a ref is set to), the refs set to it and what its check knew. */
export interface Tip {
  commit: CommitInfo
  refs: PushedRef[]
  facts?: CheckFacts
  /** Its check found no error (so no formula cell in its ledger). */
  clean?: boolean
  /** In a monorepo, the workspace checked (its folder); `facts.ledger` is then from the repository root. */
  folder?: string | undefined
}

/**
 * A tip whose tree has errors, with the refs set to it and what says how to
 * get it through: how many problems the tree's baseline suppressed, whether
 * it has a baseline, and plans of the working tree that the commit does not
 * hold.
 */
export interface BlockedTip {
  commit: CommitInfo
  refs: PushedRef[]
  files: StoredFile[]
  suppressed: number
  hasBaseline: boolean
  uncommittedPlans: string[]
}

/** What a push's check found; the push is blocked when a tip or an earlier commit has errors. */
export interface PushCheck {
  /** The repository's root on disk (stored files' paths are relative to it). */
  root: string
  /** Refs that point at no commit (not checked). */
  unknown: PushedRef[]
  /** Tips whose tree has errors. */
  tips: BlockedTip[]
  /** Tips made before sop-lint was adopted (`hook.adoptedOn`): not blocked, since no plan written now could change them. */
  beforeAdoption: Array<{commit: CommitInfo; refs: PushedRef[]; adoptedOn: string}>
  /** Commits before a tip that add a ledger row with a formula cell, with the refs of the tip they are pushed with. */
  earlier: Array<{commit: CommitInfo; tip: CommitInfo; refs: PushedRef[]; files: StoredFile[]}>
}

/**
 * Checks a push: the tree of the commit each ref pushes, whole (each commit
 * once, however many refs push it), and, in the commits before the tips that
 * the remote does not have, the rows each adds to the ledger (none may be a
 * formula: src/engine/pushed-ledger-rows.ts), on `date` (today on the user's clock).
 * A `repository` given is the caller's to close.
 */
export async function checkPush(
  root: string,
  refs: readonly PushedRef[],
  options: {
    cwd: string
    cache: boolean
    date: string
    prefix?: string | undefined
    repository?: GitRepository | undefined
  }
): Promise<PushCheck> {
  const repository = options.repository ?? new GitRepository(root, {prefix: options.prefix})
  try {
    const commits = repository.commits(refs.map((ref) => ref.localOid))
    const tips = new Map<string, Tip>()
    const unknown: PushedRef[] = []
    refs.forEach((ref, index) => {
      const commit = commits[index]
      if (!commit) {
        unknown.push(ref)
        return
      }
      const tip = tips.get(commit.oid) ?? {commit, refs: []}
      tip.refs.push(ref)
      tips.set(commit.oid, tip)
    })
    const blocked: PushCheck['tips'] = []
    const beforeAdoption: PushCheck['beforeAdoption'] = []
    // The working tree's config: the adoption date and the plans folder, read only when a commit is blocked.
    let working: SopLintConfig | undefined
    // The config's schema and the rules load with it: a push whose tips are clean (most often from the cache) needs neither.
    const workingConfig = async () =>
      (working ??= (await (await import('./on-demand.js')).loadConfig(repository.root)).config)
    for (const tip of tips.values()) {
      const {files, facts, suppressed} = await checkCommit(repository, tip.commit, {
        date: options.date,
        cwd: options.cwd,
        cache: options.cache
      })
      tip.facts = facts
      tip.clean = !hasErrors(files)
      if (tip.clean) continue
      const config = await workingConfig()
      const adoptedOn = config.hook.adoptedOn
      if (adoptedOn !== undefined && tip.commit.date < adoptedOn) {
        beforeAdoption.push({commit: tip.commit, refs: tip.refs, adoptedOn})
        tips.delete(tip.commit.oid)
        continue
      }
      blocked.push(
        await blockedTip(
          {...tip, files, suppressed: suppressed.suppressed},
          GitTreeSource.at(repository, tip.commit),
          repository.root,
          config
        )
      )
    }
    const earlier = await earlierCommitsProblems(repository, [...tips.values()], refs, options.date)
    return {root: repository.root, unknown, tips: blocked, beforeAdoption, earlier}
  } finally {
    if (!options.repository) repository.close()
  }
}

/**
 * A tip with errors and what says how to get it through: whether `tree` (the
 * commit's tree, or a monorepo's workspace in it) has a baseline, and, when
 * the plan is missing or stale, the plans of the working tree at `root` (the
 * workspace's folder on disk) that the commit does not hold, by `config`,
 * the working tree's.
 */
export async function blockedTip(
  tip: {commit: CommitInfo; refs: PushedRef[]; files: StoredFile[]; suppressed: number},
  tree: FileSource,
  root: string,
  config: SopLintConfig
): Promise<BlockedTip> {
  const planMissing = tip.files.some((file) =>
    file.messages.some(
      (message) =>
        message.fatal &&
        (message.ruleId === 'plan-fresh' || (message.ruleId === 'plan-filename' && message.messageId === 'noPlan'))
    )
  )
  return {
    ...tip,
    hasBaseline: tree.isFile(suppressionsFile),
    // The workspace's plans are read only for a push that is blocked: most pushes pass.
    uncommittedPlans: planMissing
      ? (await import('./on-demand.js')).uncommittedPlans(root, config, tree, tip.commit)
      : []
  }
}

/**
 * The commits of the push before its tips that add a ledger row with a
 * formula cell, with the tip they are pushed with. One `git log` per ledger
 * path (in practice one per push), none when every tip's parents are on the
 * remote already; the rule's code is loaded only when such a commit adds a
 * row that neither the clean tips' ledgers nor its parents' hold.
 */
export async function earlierCommitsProblems(
  repository: GitRepository,
  tips: readonly Tip[],
  refs: readonly PushedRef[],
  date: string
): Promise<PushCheck['earlier']> {
  const known = [...new Set(refs.map((ref) => ref.remoteOid).filter((oid) => !isNullOid(oid)))]
  const judged = tips.filter((tip) => tip.facts && tip.facts.severities['ledger-formula'] !== 'off')
  // Nothing before the tips: the remote has every parent of each.
  if (judged.every((tip) => tip.commit.parents.every((parent) => known.includes(parent)))) return []
  const byLedger = new Map<string, Tip[]>()
  for (const tip of judged) byLedger.set(tip.facts!.ledger, [...(byLedger.get(tip.facts!.ledger) ?? []), tip])
  const found: PushCheck['earlier'] = []
  const tipIds = new Set(tips.map((tip) => tip.commit.oid))
  for (const [ledger, group] of byLedger) {
    const changes = fileChanges(
      repository.root,
      group.map((tip) => tip.commit.oid),
      known,
      ledger
    ).filter((change) => !tipIds.has(change.commit))
    if (changes.length === 0) continue
    const cleanTips = group.filter((tip) => tip.clean).map((tip) => tip.commit)
    for (const {commit, files} of await ledgerRowsBrought(repository, changes, {
      ledger,
      configFrom: group[0]!.commit,
      cleanTips,
      date,
      folder: group[0]!.folder
    })) {
      found.push({commit, tip: group[0]!.commit, refs: group[0]!.refs, files})
    }
  }
  return found
}
