/**
 * sop-lint installed as a user installs it before it is published: from a git
 * URL. npm clones the repository, installs its dependencies, runs its
 * `prepare` (which builds dist/), packs it and installs the pack; the user's
 * own `prepare` (husky) runs on their `npm install` as before. The git URL is
 * a file:// clone of this repository's HEAD, so nothing but the npm registry
 * (or its cache) is reached.
 */
import {spawnSync} from 'node:child_process'
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {expect, test} from 'vitest'
import {projectRoot, withoutNpmSettings} from './helpers/cli.js'
import {gitOk} from './helpers/git.js'
import {LspClient} from './helpers/lsp-client.js'
import {tempFolder} from './helpers/workspace.js'

function npm(cwd: string, args: string[]) {
  const result = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd,
    encoding: 'utf8',
    env: {...withoutNpmSettings(), NO_COLOR: '1'}
  })
  return {code: result.status, output: `${result.stdout}${result.stderr}`}
}

test(
  'npm install --save-dev git+file://… gives working sop-lint and sop-lint-language-server bins, and the user’s husky prepare still runs',
  {timeout: 900_000},
  async () => {
    const base = tempFolder()
    const head = gitOk(projectRoot, ['rev-parse', 'HEAD']).trim()
    const clone = path.join(base, 'sop-lint')
    gitOk(base, ['clone', '-q', '--no-checkout', projectRoot, clone])
    gitOk(clone, ['checkout', '-q', head])

    const app = path.join(base, 'app')
    gitOk(base, ['init', '-q', app])
    writeFileSync(
      path.join(app, 'package.json'),
      `${JSON.stringify({name: 'app', private: true, scripts: {prepare: 'husky'}, devDependencies: {husky: '^9.1.7'}}, null, 2)}\n`
    )
    const installed = npm(app, ['install', '--save-dev', `git+file://${clone}#${head}`])
    expect(installed.code, installed.output).toBe(0)
    const manifest = JSON.parse(readFileSync(path.join(app, 'package.json'), 'utf8'))
    expect(manifest.devDependencies['sop-lint']).toBe(`git+file://${clone}#${head}`)
    expect(manifest.scripts.prepare).toBe('husky')

    const bin = (name: string) => path.join(app, 'node_modules/.bin', name)
    const version = spawnSync(bin('sop-lint'), ['--version'], {encoding: 'utf8'})
    expect(version.stdout).toBe(`${JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).version}\n`)
    const help = spawnSync(bin('sop-lint'), ['init', '--help'], {encoding: 'utf8'})
    expect(help.stdout).toContain('Usage: sop-lint init')

    // The language server answers an editor's handshake and lints a plan with the preset, resolved from node_modules.
    writeFileSync(path.join(app, '.remarkrc.json'), '{"plugins": [["sop-lint", {}]]}\n')
    const client = LspClient.start([bin('sop-lint-language-server'), '--stdio'])
    try {
      const {capabilities} = await client.initialize([app])
      expect(capabilities).toHaveProperty('textDocumentSync')
      const plan = path.join(app, 'plans/2026-03-02_next_session.plan.md')
      mkdirSync(path.dirname(plan), {recursive: true})
      writeFileSync(plan, '# Plan\n\n## Tasks\n')
      await client.open(plan, '# Plan\n\n## Tasks\n')
      const published = await client.diagnostics(plan)
      expect(
        published.diagnostics.filter((diagnostic) => diagnostic.code === 'plan-sections').length,
        JSON.stringify(published)
      ).toBeGreaterThan(0)
    } finally {
      await client.stop()
    }

    // `npm install`, as the README says after init: the user's prepare activates husky.
    const again = npm(app, ['install'])
    expect(again.code, again.output).toBe(0)
    expect(gitOk(app, ['config', 'core.hooksPath']).trim()).toBe('.husky/_')
  }
)
