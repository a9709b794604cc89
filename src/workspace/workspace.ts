import path from 'node:path'
import type {SopLintConfig} from '../config/schema.js'
import {comparePlanNames, parsePlanName, patternToRegExp, type PlanName} from './plan-name.js'
import {IgnoreRules} from './ignores.js'
import type {FileSource} from './source.js'

/** The part a file plays in the workspace (what `--print-config FILE` names). */
export type Role = 'plan' | 'progress' | 'handoff' | 'taskSpecTable' | 'featureLog' | 'ledger' | 'glossary'

export interface PlanFile extends PlanName {
  /** Repository-relative POSIX path. */
  path: string
}

/**
 * Why a plan is the newest: the only one of the newest date (or the newest
 * legacy number), or, among several of that date, the one the progress log
 * or the handoff points at, the one committed last, the one not committed
 * yet, or the one whose name sorts last.
 */
export interface NewestChoice {
  plan: PlanFile
  why: 'only' | 'pointer' | 'committed last' | 'not committed' | 'name'
  /** The other plans of the same date, when there are any. */
  others: PlanFile[]
  /** The file that points at it, for `pointer`. */
  pointer?: string
}

/**
 * Which file plays which role, which plans exist and which is the newest.
 * Rules ask this model instead of globbing on their own, so the CLI, the
 * hook and the editor agree on what "the newest plan" is.
 */
export class Workspace {
  readonly config: SopLintConfig
  readonly source: FileSource
  private plansCache: PlanFile[] | undefined
  private candidatesCache: PlanFile[] | undefined
  private candidatesByPath: Map<string, PlanFile> | undefined
  private readonly planIsFile = new Map<string, boolean>()
  private choiceCache: {choice: NewestChoice | undefined} | undefined
  private readonly memos = new Map<symbol, unknown>()
  private ignoreRules: IgnoreRules | undefined
  private readonly siblings = new Map<string, FileSource | undefined>()

  constructor(source: FileSource, config: SopLintConfig) {
    this.source = source
    this.config = config
  }

  get root(): string {
    return this.source.root
  }

  /** Every plan, oldest first. */
  plans(): PlanFile[] {
    if (!this.plansCache) this.plansCache = this.candidates().filter((plan) => this.isPlanFile(plan))
    return this.plansCache
  }

  newestPlan(): PlanFile | undefined {
    return this.newestChoice()?.plan
  }

  /**
   * The newest plan and why. Plans of one date are told apart by what the
   * procedure leaves behind: the plan the progress log or the handoff points
   * at, else the one committed last (one not committed yet is newer still),
   * else the name that sorts last.
   */
  newestChoice(): NewestChoice | undefined {
    if (this.choiceCache === undefined) this.choiceCache = {choice: this.chooseNewest()}
    return this.choiceCache.choice
  }

  /** The plan before `plan` in date order (among plans of one date, the newest comes last), if any. */
  previousPlan(plan: PlanFile): PlanFile | undefined {
    const order = this.inOrder()
    const index = order.findIndex((candidate) => candidate.path === plan.path)
    for (let before = index - 1; before >= 0; before--) if (this.isPlanFile(order[before]!)) return order[before]
    return undefined
  }

  /** Candidates in date order, the chosen newest plan last among those of its date. */
  private inOrder(): PlanFile[] {
    const candidates = this.candidates()
    const chosen = this.newestChoice()?.plan
    if (!chosen || candidates.at(-1)?.path === chosen.path) return candidates
    return [...candidates.filter((candidate) => candidate.path !== chosen.path), chosen]
  }

  private chooseNewest(): NewestChoice | undefined {
    const candidates = this.candidates()
    let last: PlanFile | undefined
    for (let index = candidates.length - 1; index >= 0 && !last; index--)
      if (this.isPlanFile(candidates[index]!)) last = candidates[index]
    if (!last) return undefined
    const sameDay =
      last.date === undefined
        ? [last]
        : candidates.filter((candidate) => candidate.date === last.date && this.isPlanFile(candidate))
    const others = (plan: PlanFile) => sameDay.filter((other) => other !== plan)
    if (sameDay.length === 1) return {plan: last, why: 'only', others: []}
    for (const pointer of [this.config.paths.progress, this.config.paths.handoff]) {
      const text = this.source.read(pointer)
      const named = text === undefined ? [] : sameDay.filter((plan) => text.includes(plan.name))
      if (named.length === 1) return {plan: named[0]!, why: 'pointer', others: others(named[0]!), pointer}
    }
    const times = sameDay.map((plan) => this.source.lastChanged?.(plan.path))
    const committed = times.filter((time): time is number => time !== undefined)
    if (committed.length > 0 && committed.length < sameDay.length) {
      const fresh = sameDay.filter((_, index) => times[index] === undefined)
      const plan = fresh.at(-1)!
      return {plan, why: 'not committed', others: others(plan)}
    }
    if (committed.length === sameDay.length) {
      const latest = Math.max(...committed)
      const at = sameDay.filter((_, index) => times[index] === latest)
      if (at.length === 1) return {plan: at[0]!, why: 'committed last', others: others(at[0]!)}
    }
    return {plan: last, why: 'name', others: others(last)}
  }

  /**
   * Names in the plans folder that are plans if they are files, in date
   * order. Whether each is a file is asked only when needed: the newest plan
   * of a long history is found without a file-system call per plan.
   */
  private candidates(): PlanFile[] {
    if (!this.candidatesCache) {
      const folder = this.config.paths.plans
      const pattern = patternToRegExp(this.config.plan.pattern)
      this.candidatesCache = this.source
        .list(folder)
        .filter((name) => name.endsWith(this.config.plan.suffix))
        .map((name) => ({...parsePlanName(name, pattern), path: path.posix.join(folder, name)}))
        .sort(comparePlanNames)
    }
    return this.candidatesCache
  }

  private isPlanFile(plan: PlanFile): boolean {
    let isFile = this.planIsFile.get(plan.path)
    if (isFile === undefined) this.planIsFile.set(plan.path, (isFile = this.source.isFile(plan.path)))
    return isFile
  }

  /** Repository-relative POSIX path of an absolute or cwd-relative file path; `undefined` when outside. */
  relative(filePath: string): string | undefined {
    const relative = path.relative(this.root, path.resolve(this.root, filePath))
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined
    return relative.split(path.sep).join('/')
  }

  /** The part a file plays, when it plays one. */
  roleOf(filePath: string): Role | undefined {
    const relative = this.relative(filePath)
    if (relative === undefined) return undefined
    if (this.planAt(relative)) return 'plan'
    const {paths} = this.config
    const roles: Array<[Role, string]> = [
      ['progress', paths.progress],
      ['handoff', paths.handoff],
      ['taskSpecTable', paths.taskSpecTable],
      ['featureLog', paths.featureLog],
      ['ledger', paths.ledger],
      ['glossary', paths.glossary]
    ]
    return roles.find(([, rolePath]) => rolePath === relative)?.[0]
  }

  /** The plan at a repository-relative path, when that path is a plan. */
  planAt(relativePath: string): PlanFile | undefined {
    // Asked for every file and rule: by path, not a scan of a history of plans.
    this.candidatesByPath ??= new Map(this.candidates().map((candidate) => [candidate.path, candidate]))
    const plan = this.candidatesByPath.get(relativePath)
    return plan && this.isPlanFile(plan) ? plan : undefined
  }

  /** Why a file sop-lint found itself is left out (`.gitignore`, …); `undefined` when it is checked. */
  ignoredBy(relativePath: string): string | undefined {
    this.ignoreRules ??= new IgnoreRules(this.source, this.config)
    return this.ignoreRules.reason(relativePath)
  }

  exists(relativePath: string): boolean {
    return this.source.exists(relativePath)
  }

  /** The files of a repository `paths.siblings` maps, or `undefined` where the source reads nothing outside this one. */
  siblingSource(folder: string): FileSource | undefined {
    if (!this.siblings.has(folder)) this.siblings.set(folder, this.source.sibling?.(folder))
    return this.siblings.get(folder)
  }

  /**
   * A value worked out once per workspace (one check, or one pass of
   * `--fix`): the plans a rule parses, the line counts a rule reads. `key`
   * names the value; `compute` makes it the first time it is asked for.
   */
  memo<T>(key: symbol, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute())
    return this.memos.get(key) as T
  }
}
