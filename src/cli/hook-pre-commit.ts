import {execFileSync} from 'node:child_process'
import path from 'node:path'
import {UsageError} from '../config/errors.js'
import {runCheck} from './check.js'
import type {Command} from './command.js'
import {helpOption, parseOptions, rootOption, type OptionSpecs} from './options.js'
import {findRoot, gitTopLevel} from './root.js'

const options = {
  root: {...rootOption, help: 'workspace root (default: git top level)'},
  help: helpOption
} as const satisfies OptionSpecs

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

export const hookPreCommitCommand: Command = {
  words: ['hook', 'pre-commit'],
  summary: 'the pre-commit hook: check the staged planning files',
  usage: 'sop-lint hook pre-commit [options]',
  description: `What .husky/pre-commit runs when sop-lint init sets up a package in a
subfolder of the git repository: checks the staged Markdown and CSV files
of the workspace (the git top level, or --root) wherever they are — the
plans, the progress log and the ledger at the repository's root too, which
a lint-staged run inside the subfolder does not see. Nothing staged there:
nothing to check, exit 0.`,
  options,
  examples: [
    ['sop-lint hook pre-commit', 'check the staged planning files of the repository'],
    ['sop-lint hook pre-commit --root ..', 'the same, for the workspace one folder up']
  ],
  async run(argv) {
    const {values, positionals} = parseOptions(options, argv, 'sop-lint hook pre-commit')
    if (positionals.length > 0)
      throw new UsageError(
        `hook pre-commit takes no file names (got ${positionals.join(' ')}); it checks what is staged`
      )
    const top = gitTopLevel()
    if (top === undefined) throw new UsageError('hook pre-commit: not inside a git repository')
    const root = values.root === undefined ? top : findRoot(values.root)
    const files = stagedFiles(top, root)
    if (files.length === 0) return 0
    return runCheck([...files, '--root', root])
  }
}
