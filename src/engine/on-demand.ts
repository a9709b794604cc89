/**
 * The engine's heavy half — the rules, remark and the config's schema, and
 * what reads documents with them — behind the one module its callers load on
 * demand (`await import('./on-demand.js')`), when a result is not in the
 * cache or a push is blocked. One entry, not one per function: every module
 * loaded on demand is a place where the bundle splits the code both halves
 * share, and a hook that finds its result in the cache would read each part
 * as a file of its own (scripts/bundle.ts).
 */
export {formulaCellsBrought} from './brought-records.js'
export {readBriefing} from './briefing.js'
export {checkSource} from './check-source.js'
export {ruleIds} from './config.js'
export {loadConfig} from './load-config.js'
export {uncommittedPlans} from './uncommitted-plans.js'
export {codeConfigOptions, loadWorkspaceConfig} from './workspace-config.js'
export {TokenCounter} from '../tokens/cache.js'
