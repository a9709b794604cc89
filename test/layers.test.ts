/**
 * The layer order (docs/architecture.md) is enforced by `npm run lint`
 * (eslint.config.js): cli, lsp → engine → rules → plan, ledger, workspace,
 * markdown, tokens → git, config. Each case lints a module as if it stood at
 * a path of the tree, with ESLint's own API and the repository's config.
 */
import path from 'node:path'
import {ESLint} from 'eslint'
import {describe, expect, test} from 'vitest'
import {projectRoot} from './helpers/cli.js'

const eslint = new ESLint({cwd: projectRoot})

/** The no-restricted-imports messages ESLint gives `code` written at `file` (repository-relative). */
async function importErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, {filePath: path.join(projectRoot, file)})
  return result!.messages
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message)
}

describe('layers run one way', () => {
  test('the engine imports the rule list, never a single rule', async () => {
    expect(
      await importErrors(
        'src/engine/probe.ts',
        "import {rules} from '../../rules/index.js'\nexport const all = rules\n"
      )
    ).toEqual([])
    const errors = await importErrors(
      'src/engine/probe.ts',
      "import citation from '../../rules/citation.js'\nexport const id = citation.id\n"
    )
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain('import the rule list rules/index.js, not a single rule')
  })

  test('a layer imports nothing above it', async () => {
    const cases: Array<[string, string]> = [
      ['src/plan/probe.ts', "import {lintFiles} from '../engine/lint.js'"],
      ['src/workspace/probe.ts', "import {rules} from '../../rules/index.js'"],
      ['src/markdown/probe.ts', "import {defineRule} from '../rule/define-rule.js'"],
      ['src/config/probe.ts', "import {Workspace} from '../workspace/workspace.js'"],
      ['src/git/probe.ts', "import {GitTreeSource} from '../workspace/git-tree-source.js'"],
      ['rules/probe.ts', "import {lintFiles} from '../src/engine/lint.js'"],
      ['src/rule/probe.ts', "import {today} from '../cli/clock.js'"],
      ['src/engine/probe.ts', "import {today} from '../cli/clock.js'"],
      ['src/lsp/probe.ts', "import {today} from '../cli/clock.js'"]
    ]
    for (const [file, line] of cases)
      expect(await importErrors(file, `${line}\nexport {}\n`), `${file}: ${line}`).toHaveLength(1)
  })

  test('a rule imports no other rule; what rules share lives in rules/_shared/', async () => {
    expect(
      await importErrors('rules/probe.ts', "import citation from './citation.js'\nexport {citation}\n")
    ).toHaveLength(1)
    expect(
      await importErrors('rules/probe.ts', "import {judgePath} from './_shared/paths.js'\nexport {judgePath}\n")
    ).toEqual([])
    expect(
      await importErrors('rules/_shared/probe.ts', "import budget from '../budget.js'\nexport {budget}\n")
    ).toHaveLength(1)
  })

  test('downward imports pass', async () => {
    expect(
      await importErrors('src/cli/probe.ts', "import {lintFiles} from '../engine/lint.js'\nexport {lintFiles}\n")
    ).toEqual([])
    expect(
      await importErrors(
        'rules/probe.ts',
        "import {Workspace} from '../src/workspace/workspace.js'\nexport {Workspace}\n"
      )
    ).toEqual([])
    expect(await importErrors('src/plan/probe.ts', "import {git} from '../git/run.js'\nexport {git}\n")).toEqual([])
  })
})
