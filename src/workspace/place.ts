/**
 * Where a workspace stands in its repository, when that is a folder below the
 * repository's root (a workspace of a monorepo): what resolves the paths its
 * documents write from the repository root or from the workspaces' parent
 * folder (src/workspace/across-workspaces.ts).
 */
export interface WorkspacePlace {
  /** The workspace's folder, from the repository root (`projects/billing`). */
  folder: string
  /** Folders that hold workspaces (`projects`, `projects/labs`), from the repository root: paths written from them resolve. */
  parents: readonly string[]
}
