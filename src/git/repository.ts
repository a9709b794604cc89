import path from 'node:path'
import {CatFile} from './cat-file.js'
import {resolveCommit, resolveCommits, type CommitInfo} from './commit.js'
import {git} from './run.js'

/**
 * The git repository a workspace lives in, with one long-lived
 * `git cat-file --batch` shared by every commit checked in a run.
 */
export class GitRepository {
  /** The workspace root on disk (absolute). */
  readonly root: string
  /** The workspace root's folder inside the repository: `''` at the top, else e.g. `packages/app`. */
  readonly prefix: string
  readonly objects: CatFile

  constructor(root: string, options: {prefix?: string; longLived?: boolean} = {}) {
    this.root = path.resolve(root)
    this.prefix =
      options.prefix ?? git(['rev-parse', '--show-prefix'], {cwd: this.root}).toString('utf8').trim().replace(/\/$/, '')
    this.objects = new CatFile(this.root, {longLived: options.longLived})
  }

  commit(revision: string): CommitInfo {
    return resolveCommit(this.objects, revision)
  }

  commits(revisions: readonly string[]): Array<CommitInfo | undefined> {
    return resolveCommits(this.objects, revisions)
  }

  close(): void {
    this.objects.close()
  }
}
