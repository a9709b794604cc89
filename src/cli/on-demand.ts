/**
 * The commands' heavy halves — those that load the config and the rules to
 * check, fix or read documents anew — behind the one module the light ones
 * load on demand: `sop-lint` whose result is in the cache, and the hooks,
 * never need them. One entry, not one per command, as in
 * src/engine/on-demand.ts: each module loaded on demand is a place where the
 * bundle splits the code every command shares into more files to read.
 */
export {runBudget} from './budget.js'
export {checkFilesOrFix} from './check-files.js'
export {formatSarif} from './formats/sarif.js'
export {runInit} from './init.js'
export {runLedgerClose} from './ledger-close.js'
export {checkMonorepo, formatGroups} from './monorepo-check.js'
export {runPlanNew} from './plan-new.js'
export {runReport} from './report.js'
export {runStatus} from './status.js'
