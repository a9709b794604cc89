/**
 * The facts of the monorepo options — `workspaces` (globs of workspace
 * folders in the root config) and `hook.outsideWorkspaces` — for the schema
 * and for the pre-push hook, which reads them from a pushed root config
 * without loading the schema (the hook after `sop-lint` costs little more
 * than starting Node; the schema's validator alone would add a fifth).
 */
import {UsageError} from './errors.js'

/** What a push that changes files outside every workspace needs: no plan, or every workspace's. */
export const outsideWorkspacesChoices = ['no-plan', 'every-workspace'] as const
export type OutsideWorkspaces = (typeof outsideWorkspacesChoices)[number]
export const defaultOutsideWorkspaces: OutsideWorkspaces = 'no-plan'

export const workspacesDescription =
  'globs, from the repository root, of the folders that are workspaces of a monorepo (`projects/*`; `!projects/old` leaves one out): each is checked on its own, with its own remark config when it has one; a matched folder holding another matched folder only groups them'

export const outsideWorkspacesDescription =
  'in a monorepo, what a push that changes files outside every workspace (a root README, CI files) needs: `no-plan`, or `every-workspace` (it counts as changing every workspace)'

export interface WorkspacesOption {
  /** The globs, `undefined` when the config declares no workspaces (a repository of one workspace). */
  globs: string[] | undefined
  outsideWorkspaces: OutsideWorkspaces
}

/**
 * The monorepo options of a preset's options as the config writes them,
 * checked as the schema checks them (the schema reports any other problem
 * when the workspace is checked).
 */
export function readWorkspacesOption(options: unknown, configName: string): WorkspacesOption {
  const record = isRecord(options) ? options : {}
  const globs = record.workspaces
  if (globs !== undefined && (!Array.isArray(globs) || globs.some((glob) => typeof glob !== 'string' || glob === ''))) {
    throw new UsageError(`invalid configuration in ${configName}: workspaces: expected a list of folder globs such as "projects/*"`)
  }
  const hook = isRecord(record.hook) ? record.hook : {}
  const outside = hook.outsideWorkspaces ?? defaultOutsideWorkspaces
  if (!outsideWorkspacesChoices.includes(outside as OutsideWorkspaces)) {
    throw new UsageError(`invalid configuration in ${configName}: hook.outsideWorkspaces: expected one of ${outsideWorkspacesChoices.join(', ')}`)
  }
  return {globs: globs as string[] | undefined, outsideWorkspaces: outside as OutsideWorkspaces}
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
