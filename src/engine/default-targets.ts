import path from 'node:path'
import type {Workspace} from '../workspace/workspace.js'

const featurePath = /[\w./-]+\.feature\b/g

/**
 * What a check reads when no file is named: the newest plan (or every plan),
 * the files whose role the procedure names, the SOP references, the specs the
 * newest plan and the Task ↔ Spec table name, and files placed too deep in
 * the docs folder. Nothing else of the history is read.
 */
export function defaultTargets(workspace: Workspace, allPlans: boolean): string[] {
  const {paths} = workspace.config
  const plans = allPlans ? workspace.plans() : workspace.plans().slice(-1)
  const roleFiles = [paths.progress, paths.handoff, paths.taskSpecTable, paths.featureLog, paths.glossary, paths.ledger]
  const targets = [
    ...plans.map((plan) => plan.path),
    ...roleFiles.filter((file) => workspace.source.isFile(file)),
    ...referenceDocs(workspace),
    ...namedFeatures(workspace),
    ...tooDeep(workspace)
  ]
  return [...new Set(targets)]
}

function referenceDocs(workspace: Workspace): string[] {
  return workspace.config.paths.references.flatMap((reference) => {
    if (workspace.source.isFile(reference)) return [reference]
    return markdownIn(workspace, reference)
  })
}

function markdownIn(workspace: Workspace, folder: string): string[] {
  return workspace.source
    .list(folder)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `${folder}/${name}`)
    .filter((file) => workspace.source.isFile(file))
}

/** `.feature` files named in the newest plan and the Task ↔ Spec table (a text scan: no parse needed to find them). */
function namedFeatures(workspace: Workspace): string[] {
  const newest = workspace.newestPlan()
  const texts = [newest?.path, workspace.config.paths.taskSpecTable].flatMap((file) => {
    const text = file ? workspace.source.read(file) : undefined
    return text === undefined ? [] : [text]
  })
  const named = texts.flatMap((text) => text.match(featurePath) ?? [])
  return [...new Set(named)]
    .map((file) => path.posix.normalize(file.replace(/^\.\//, '')))
    .filter((file) => !file.startsWith('../') && !file.startsWith('/') && workspace.source.isFile(file))
}

/** Files more than the allowed number of folders below the docs folder. */
function tooDeep(workspace: Workspace): string[] {
  const {docsFolder, docsMaxDepth} = workspace.config.crossFile
  const found: string[] = []
  const walk = (folder: string, depth: number) => {
    for (const name of workspace.source.list(folder).sort()) {
      const child = `${folder}/${name}`
      if (workspace.source.isFile(child)) {
        if (depth > docsMaxDepth) found.push(child)
      } else if (workspace.source.exists(child)) {
        walk(child, depth + 1)
      }
    }
  }
  walk(docsFolder, 0)
  return found
}
