/**
 * The package as npm publishes it: what `npm pack` puts in it, and the
 * addresses package.json gives, which every rule's link follows.
 */
import {spawnSync} from 'node:child_process'
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {projectRoot, runCli} from './helpers/cli.js'

const manifest = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
  repository: {type: string; url: string}
  homepage: string
  bugs: {url: string}
}
const rulePages = readdirSync(path.join(projectRoot, 'rules')).filter((name) => name.endsWith('.md'))

describe('the package', () => {
  test('npm pack --dry-run lists README, LICENSE, docs/ (editors.md, which --help points to, among them) and every rule page', () => {
    const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: projectRoot,
      encoding: 'utf8'
    })
    expect(packed.status, packed.stderr).toBe(0)
    const files = new Set(
      (JSON.parse(packed.stdout) as Array<{files: Array<{path: string}>}>)[0]!.files.map((file) => file.path)
    )
    for (const file of [
      'README.md',
      'LICENSE',
      'package.json',
      'docs/editors.md',
      'docs/security.md',
      'dist/src/cli/main.js'
    ])
      expect(files, file).toContain(file)
    for (const doc of readdirSync(path.join(projectRoot, 'docs'))) expect(files).toContain(`docs/${doc}`)
    expect(rulePages.length).toBeGreaterThan(20)
    for (const page of rulePages) expect(files).toContain(`rules/${page}`)
    expect(readFileSync(path.join(projectRoot, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/)
  })

  test('package.json names the repository, its homepage and its issues; every rule link of a report points at a page of that repository that the package holds', () => {
    const web = manifest.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')
    expect(web).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/)
    expect(manifest.repository.type).toBe('git')
    expect(manifest.homepage).toBe(`${web}#readme`)
    expect(manifest.bugs.url).toBe(`${web}/issues`)

    const result = runCli(['--root', 'fixtures/demo', '--all-plans', '--format', 'sarif'])
    expect(result.code).toBe(1)
    const driver = (
      JSON.parse(result.stdout) as {
        runs: Array<{tool: {driver: {informationUri: string; rules: Array<{id: string; helpUri: string}>}}}>
      }
    ).runs[0]!.tool.driver
    expect(driver.informationUri).toBe(web)
    expect(driver.rules.length).toBe(rulePages.length)
    for (const rule of driver.rules) {
      expect(rule.helpUri).toBe(`${web}/blob/main/rules/${rule.id}.md`)
      expect(rulePages).toContain(`${rule.id}.md`)
    }
  })
})
