/**
 * The monorepo options of a root config — `workspaces` (globs of workspace
 * folders) and `hook.outsideWorkspaces` — read with their part of the schema
 * (src/config/schema.ts) before the whole config is validated: the pre-push
 * hook and the editor tell a monorepo from a repository of one workspace
 * first, and each workspace's config (which may be its own) is validated when
 * the workspace is checked.
 */
import {resolveWith} from './resolve.js'
import {monorepoOptionsSchema, type OutsideWorkspaces} from './schema.js'

export interface WorkspacesOption {
  /** The globs, `undefined` when the config declares no workspaces (a repository of one workspace). */
  globs: string[] | undefined
  outsideWorkspaces: OutsideWorkspaces
}

/**
 * The monorepo options of a preset's options as the config writes them,
 * validated as the schema validates them (a one-line UsageError naming
 * `configName`); options that are no object declare none (the schema reports
 * them when the workspace is checked).
 */
export function readWorkspacesOption(options: unknown, configName: string): WorkspacesOption {
  const record = options !== null && typeof options === 'object' && !Array.isArray(options) ? options : {}
  const {workspaces, hook} = resolveWith(monorepoOptionsSchema, record, configName)
  return {globs: workspaces, outsideWorkspaces: hook.outsideWorkspaces}
}
