import path from 'node:path'
import type {SopLintConfig} from '../config/schema.js'
import {comparePlanNames, parsePlanName, patternToRegExp, type PlanName} from './plan-name.js'
import type {FileSource} from './source.js'

/** The part a file plays in the procedure. */
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

  constructor(source: FileSource, config: SopLintConfig) {
    this.source = source
    this.config = config
  }

  get root(): string {
    return this.source.root
  }

  /** Every plan, oldest first. */
  plans(): PlanFile[] {
    if (!this.plansCache) {
      const folder = this.config.paths.plans
      const pattern = patternToRegExp(this.config.plan.pattern)
      this.plansCache = this.source
        .list(folder)
        .filter((name) => name.endsWith(this.config.plan.suffix) && this.source.isFile(`${folder}/${name}`))
        .map((name) => ({...parsePlanName(name, pattern), path: path.posix.join(folder, name)}))
        .sort(comparePlanNames)
    }
    return this.plansCache
  }

  newestPlan(): PlanFile | undefined {
    return this.plans().at(-1)
  }

  /** The plan before `plan` in date order, if any. */
  previousPlan(plan: PlanFile): PlanFile | undefined {
    const plans = this.plans()
    const index = plans.findIndex((candidate) => candidate.path === plan.path)
    return index > 0 ? plans[index - 1] : undefined
  }

  /** Repository-relative POSIX path of an absolute or cwd-relative file path; `undefined` when outside. */
  relative(filePath: string): string | undefined {
    const relative = path.relative(this.root, path.resolve(this.root, filePath))
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined
    return relative.split(path.sep).join('/')
  }

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
    return this.plans().find((plan) => plan.path === relativePath)
  }

  exists(relativePath: string): boolean {
    return this.source.exists(relativePath)
  }
}
