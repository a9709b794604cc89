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
 * Which file plays which role, which plans exist and which is the newest.
 * Rules ask this model instead of globbing on their own, so the CLI, the
 * hook and the editor agree on what "the newest plan" is.
 */
export class Workspace {
  readonly config: SopLintConfig
  readonly source: FileSource
  private plansCache: PlanFile[] | undefined
  private candidatesCache: PlanFile[] | undefined
  private readonly planIsFile = new Map<string, boolean>()
  private readonly memos = new Map<symbol, unknown>()
  private ignoreRules: IgnoreRules | undefined

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
    const candidates = this.candidates()
    for (let index = candidates.length - 1; index >= 0; index--) if (this.isPlanFile(candidates[index]!)) return candidates[index]
    return undefined
  }

  /** The plan before `plan` in date order, if any. */
  previousPlan(plan: PlanFile): PlanFile | undefined {
    const candidates = this.candidates()
    const index = candidates.findIndex((candidate) => candidate.path === plan.path)
    for (let before = index - 1; before >= 0; before--) if (this.isPlanFile(candidates[before]!)) return candidates[before]
    return undefined
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
    const plan = this.candidates().find((candidate) => candidate.path === relativePath)
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
