import {existsSync} from 'node:fs'
import path from 'node:path'
import {presetOptions, readRemarkConfigSync} from '../config/remark-config.js'
import {readWorkspacesOption} from '../config/workspaces-option.js'
import {Monorepo} from './monorepo.js'
import {WorkingTreeSource} from './source.js'
import type {SubfolderSource} from './subfolder-source.js'

/**
 * The workspace of a document on disk when it lies in a monorepo: the
 * nearest workspace folder above it, whatever folder the editor opened (the
 * monorepo's root, a parent of it). The monorepo is the nearest folder above
 * the document, up to the repository's top (the folder holding `.git`), whose
 * remark config declares `workspaces`; a config that is code cannot be read
 * here without running it, so its globs are those of the config in force
 * (`declared`), which is the root's when the document's workspace has none of
 * its own. `undefined` for a document in no monorepo's workspace.
 */
export function workspaceOnDisk(
  documentPath: string,
  declared: readonly string[] | undefined
): SubfolderSource | undefined {
  const root = monorepoRootAbove(path.dirname(path.resolve(documentPath)), declared)
  if (!root) return undefined
  const monorepo = new Monorepo(new WorkingTreeSource(root.folder), {
    configName: root.configName,
    globs: root.globs,
    outsideWorkspaces: 'no-plan'
  })
  const folder = monorepo.workspaceAt(documentPath)
  return folder === undefined ? undefined : monorepo.sourceOf(folder)
}

function monorepoRootAbove(
  start: string,
  declared: readonly string[] | undefined
): {folder: string; configName: string; globs: string[]} | undefined {
  for (let folder = start; ; folder = path.dirname(folder)) {
    const found = readRemarkConfigSync(folder)
    if (found) {
      const globs = found.remarkConfig === undefined ? declared : globsOf(found.remarkConfig, found.name)
      if (globs) return {folder, configName: found.name, globs: [...globs]}
    }
    if (existsSync(path.join(folder, '.git')) || path.dirname(folder) === folder) return undefined
  }
}

function globsOf(remarkConfig: unknown, name: string): string[] | undefined {
  try {
    return readWorkspacesOption(presetOptions(remarkConfig, name), name).globs
  } catch {
    // A config that says nothing readable of workspaces: the check of its folder reports it.
    return undefined
  }
}
