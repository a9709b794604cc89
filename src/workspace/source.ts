import {readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import type {CommitInfo} from '../git/commit.js'

/**
 * Where the workspace's files come from. The working tree is one source; a
 * commit's tree is another (the pre-push hook), so checks never touch `fs`
 * directly.
 */
export interface FileSource {
  /** Absolute path of the repository root. */
  readonly root: string
  /** Whether a file or folder exists at a repository-relative path. */
  exists(relativePath: string): boolean
  /** Whether a regular file exists at a repository-relative path. */
  isFile(relativePath: string): boolean
  /** Text of a file, or `undefined` when there is none. */
  read(relativePath: string): string | undefined
  /** Names of the entries of a folder, or `[]` when there is none. */
  list(relativePath: string): string[]
  /**
   * The commit whose tree this is; `undefined` for the working tree. Rules
   * that judge the work by its date (`plan-fresh`) read the commit's date here.
   */
  readonly revision?: CommitInfo | undefined
}

/** Files as they are on disk below `root`. */
export class WorkingTreeSource implements FileSource {
  readonly root: string

  constructor(root: string) {
    this.root = path.resolve(root)
  }

  exists(relativePath: string): boolean {
    return this.stat(relativePath) !== undefined
  }

  isFile(relativePath: string): boolean {
    return this.stat(relativePath)?.isFile() ?? false
  }

  read(relativePath: string): string | undefined {
    try {
      return readFileSync(this.absolute(relativePath), 'utf8')
    } catch {
      return undefined
    }
  }

  list(relativePath: string): string[] {
    try {
      return readdirSync(this.absolute(relativePath))
    } catch {
      return []
    }
  }

  private stat(relativePath: string) {
    try {
      return statSync(this.absolute(relativePath))
    } catch {
      return undefined
    }
  }

  private absolute(relativePath: string): string {
    return path.join(this.root, relativePath)
  }
}
