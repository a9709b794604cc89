import {execFileSync} from 'node:child_process'
import path from 'node:path'
import {UsageError} from '../config/errors.js'
import {runCheck} from './check.js'
import {parseOptions} from './options.js'
import {findRoot, gitTopLevel} from './root.js'
import {hookPreCommitOptions as options} from './commands/hook-pre-commit.js'

/** The staged files (added, copied, modified, renamed) under `root`, as absolute paths. */
function stagedFiles(top: string, root: string): string[] {
  const output = execFileSync('git', ['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR'], {
    cwd: top,
    encoding: 'utf8'
  })
  return output
    .split('\0')
    .filter((name) => /\.(md|markdown|csv)$/i.test(name))
    .map((name) => path.join(top, name))
    .filter((file) => {
      const relative = path.relative(root, file)
      return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
    })
}

export async function runHookPreCommit(argv: string[]): Promise<number> {
  const {values, positionals} = parseOptions(options, argv, 'sop-lint hook pre-commit')
  if (positionals.length > 0)
    throw new UsageError(`hook pre-commit takes no file names (got ${positionals.join(' ')}); it checks what is staged`)
  const top = gitTopLevel()
  if (top === undefined) throw new UsageError('hook pre-commit: not inside a git repository')
  const root = values.root === undefined ? top : findRoot(values.root)
  const files = stagedFiles(top, root)
  if (files.length === 0) return 0
  return runCheck([...files, '--root', root])
}
