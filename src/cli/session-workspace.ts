/**
 * The workspace an agent's session works in, for the agent hooks: in a
 * monorepo, the workspace the session's folder lies in (its plan is the one
 * due); a session at the root of a monorepo works in no one workspace, and
 * is neither briefed nor stopped. Elsewhere, the repository, as before.
 */
import path from 'node:path'
import {openMonorepo} from '../engine/monorepo-config.js'
import type {Monorepo} from '../workspace/monorepo.js'
import {WorkingTreeSource} from '../workspace/source.js'

export type SessionWorkspace =
  /** A repository of one workspace, or a monorepo's workspace (`folder`, from the repository root). */
  | {kind: 'workspace'; root: string; top: string; folder: string | undefined}
  /** The root of a monorepo, in none of its workspaces. */
  | {kind: 'monorepo root'; monorepo: Monorepo}

export async function sessionWorkspace(top: string, cwd: string): Promise<SessionWorkspace> {
  const monorepo = await openMonorepo(new WorkingTreeSource(top))
  if (!monorepo) return {kind: 'workspace', root: top, top, folder: undefined}
  const folder = monorepo.workspaceAt(cwd)
  if (folder === undefined) return {kind: 'monorepo root', monorepo}
  return {kind: 'workspace', root: path.join(top, folder), top, folder}
}
