/**
 * Every message a rule gives is made in its rule's file: from a template of
 * its `meta.messages`, by message id (the contract allows nothing else), and
 * no text of those templates is written anywhere outside rules/. The second
 * half greps the source: a template's words copied into src/ (a message made
 * again in the engine, a helper that phrases it) fail this test, and so does
 * a module outside the rule contract that makes a vfile message itself.
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {rules} from '../rules/index.js'
import type {MessageSpec} from '../src/rule/define-rule.js'
import {projectRoot} from './helpers/cli.js'

/** TypeScript files below a folder of the repository. */
function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(projectRoot, folder), {recursive: true, encoding: 'utf8'})
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.posix.join(folder, name.split(path.sep).join('/')))
}

/** The clauses of a template's literal words (between its `{{placeholders}}` and punctuation), those long enough to say something of their own (six words and more). */
function fragments(template: string): string[] {
  return template
    .split(/\{\{\s*\w+\s*\}\}|[:;,()“”—]/)
    .map((part) => part.trim())
    .filter((part) => part.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length >= 6)
}

const outsideRules = [...sourceFiles('src'), ...sourceFiles('scripts'), ...sourceFiles('bench')]

describe('every message is made in its rule', () => {
  test('each rule has messages, and each template’s words appear in no source file outside rules/', () => {
    const texts = new Map(outsideRules.map((file) => [file, readFileSync(path.join(projectRoot, file), 'utf8')]))
    const found: string[] = []
    for (const rule of rules) {
      const templates = Object.values<string | MessageSpec>(rule.meta.messages).map((spec) =>
        typeof spec === 'string' ? spec : spec.text
      )
      expect(templates.length, rule.id).toBeGreaterThan(0)
      for (const fragment of templates.flatMap(fragments)) {
        for (const [file, text] of texts)
          if (text.includes(fragment)) found.push(`${rule.id}: “${fragment}” in ${file}`)
      }
    }
    expect([...new Set(found)]).toEqual([])
  })

  test('outside the rule contract (src/rule/), no module makes a message of its own', () => {
    const makers = outsideRules.filter((file) =>
      /\.(message|fail|info)\(/.test(readFileSync(path.join(projectRoot, file), 'utf8'))
    )
    // The cache rebuilds the messages a check stored, word for word.
    expect(makers.filter((file) => !file.startsWith('src/rule/'))).toEqual(['src/engine/cache/materialize.ts'])
  })

  test('message ids are camelCase, and every placeholder of a template is whole', () => {
    for (const rule of rules) {
      for (const [id, spec] of Object.entries<string | MessageSpec>(rule.meta.messages)) {
        expect(id, `${rule.id}/${id}`).toMatch(/^[a-z][A-Za-z0-9]*$/)
        const text = typeof spec === 'string' ? spec : spec.text
        expect(text.trim(), `${rule.id}/${id}`).toBe(text)
        expect(text, `${rule.id}/${id}`).not.toMatch(/\{\{(?!\s*\w+\s*\}\})/)
      }
    }
  })
})
