/**
 * Seed materials (procedure step 5: “Create empty feature files/step stubs as
 * needed; create fixture placeholders (tests/fixtures/…); provide any shell
 * scaffolds (scripts/automation/…)”): what `--fix` creates for the newest plan
 * and the open rows of the Task ↔ Spec table when they name it and it is
 * missing. Only new files, only inside the repository (a write through a link
 * is refused when written, src/fix/write-changes.ts).
 */
import path from 'node:path'
import type {Nodes} from 'mdast'
import {findSpecTables, isDone} from '../spec-table.js'
import {findPathRefs, type PathRef} from '../../markdown/path-refs.js'
import {hasControlCharacter, oneLine} from '../../markdown/written-text.js'
import {parsable, parseMarkdown} from '../../markdown/parse.js'
import {loadNewestPlan} from '../load-plan.js'
import {classifyPath} from '../../workspace/repo-path.js'
import type {Workspace} from '../../workspace/workspace.js'
import {placeholderWord} from '../template/placeholders.js'
import type {NewFile} from './role-files.js'

export interface SeedFile extends NewFile {
  /** File mode to create it with (scripts are executable). */
  mode?: number
}

interface Named {
  /** Repository-relative path as named (a folder keeps no trailing slash). */
  path: string
  /** The name ends with `/` or has no file ending: a folder. */
  folder: boolean
  /** Title of the task or row that names it. */
  title: string
}

/** The seed files the newest plan's tasks, its validation matrix and the open Task ↔ Spec rows name and that are missing. */
export function seedFiles(workspace: Workspace): SeedFile[] {
  const {paths} = workspace.config
  const named = [...plannedNames(workspace), ...openRowNames(workspace)]
  const seeds = new Map<string, SeedFile>()
  const add = (file: SeedFile) => {
    if (!seeds.has(file.path) && !workspace.exists(file.path)) seeds.set(file.path, file)
  }
  const stepsFolder = `${paths.specs}/steps`
  const behave = workspace.exists(stepsFolder) && !workspace.source.isFile(stepsFolder)
  for (const name of named) {
    if (workspace.exists(name.path)) continue
    if (!name.folder && name.path.endsWith('.feature')) {
      add({path: name.path, text: featureStub(workspace, name.title)})
      if (behave)
        add({
          path: `${stepsFolder}/${path.posix.basename(name.path, '.feature')}_steps.py`,
          text: stepStubs(workspace, name)
        })
    } else if (within(name.path, paths.fixtures)) {
      add(name.folder ? {path: `${name.path}/.gitkeep`, text: ''} : {path: name.path, text: ''})
    } else if (within(name.path, paths.automation) && !name.folder && name.path.endsWith('.sh')) {
      add({path: name.path, text: shellScaffold(workspace, name), mode: 0o755})
    }
  }
  return [...seeds.values()]
}

function within(file: string, folder: string): boolean {
  return file.startsWith(`${folder}/`)
}

/** Paths the newest plan's tasks name (their spec and artefacts, any path in them), and those of its validation matrix, with the task's title. */
function plannedNames(workspace: Workspace): Named[] {
  const newest = workspace.newestPlan()
  const plan = loadNewestPlan(workspace)
  if (!newest || !plan) return []
  const folder = path.posix.dirname(newest.path)
  const names = plan.tasks.flatMap((task) => task.paths.flatMap((ref) => toNamed(ref, seedTitle(task.title), folder)))
  const matrix = plan
    .section('validation')
    .flatMap((section) => section.children.flatMap((block) => findPathRefs(block as Nodes)))
  const titled = (ref: PathRef) =>
    names.find((name) => name.path === classifyPath(ref.path, ref.kind === 'link' ? folder : '').path)?.title
  return [
    ...names,
    ...matrix.flatMap((ref) =>
      toNamed(ref, titled(ref) ?? seedTitle(path.posix.basename(ref.path).replace(/\.\w+$/, '')), folder)
    )
  ]
}

/** `.feature` specs the open rows of the Task ↔ Spec table name, with the row's task. */
function openRowNames(workspace: Workspace): Named[] {
  const file = workspace.config.paths.taskSpecTable
  const text = workspace.source.read(file)
  if (!parsable(text, workspace.config)) return []
  const folder = path.posix.dirname(file)
  return findSpecTables(parseMarkdown(text), workspace.config)
    .flatMap((table) => table.rows)
    .filter((row) => !isDone(row.status, workspace.config))
    .flatMap((row) =>
      row.specs
        .filter((ref) => ref.path.endsWith('.feature'))
        .flatMap((ref) => toNamed(ref, seedTitle(row.task), folder))
    )
}

function toNamed(ref: PathRef, title: string, linkFolder: string): Named[] {
  // A path with a control character (a link's `%0A` or `%00`, decoded) names no file sop-lint would create.
  if (ref.pattern || hasControlCharacter(ref.path)) return []
  const classified = classifyPath(ref.path, ref.kind === 'link' ? linkFolder : '')
  if (classified.kind !== 'inside' || classified.path === '.') return []
  const folder = ref.path.endsWith('/') || !/\.[A-Za-z][\w-]*$/.test(classified.path)
  return [{path: classified.path, folder, title}]
}

/** A task title without emphasis, budget or trailing full stop, for a Feature's name; scanned without a pattern tried at every place. */
export function seedTitle(title: string): string {
  const words = oneLine(title).replace(/[*`]/g, '').replace(/\s+/g, ' ').trim()
  let end = words.length
  if (words.endsWith(')')) {
    const open = words.lastIndexOf('(')
    if (open !== -1 && /^\(\s*~?\d[\d.,]*\s*(?:k\s*)?(?:tokens?\s*)?\)$/i.test(words.slice(open))) end = open
  }
  while (end > 0 && (words[end - 1] === '.' || words[end - 1] === ' ')) end--
  return words.slice(0, end) || 'New feature'
}

/** A spec that parses: the Feature named after the task, one scenario whose steps say what to write. */
function featureStub(workspace: Workspace, title: string): string {
  const todo = placeholderWord(workspace.config)
  const [given, when, then] = stepTexts(workspace, title)
  return [
    `Feature: ${title}`,
    `  ${todo}: what ${title} is for, and for whom`,
    '',
    `  Scenario: ${todo}: the first behaviour of ${title}`,
    `    Given ${given}`,
    `    When ${when}`,
    `    Then ${then}`,
    ''
  ].join('\n')
}

/** The stub's step texts, with the title in them: behave refuses two step definitions with the same text. */
function stepTexts(workspace: Workspace, title: string): [string, string, string] {
  const todo = placeholderWord(workspace.config)
  return [
    `${todo}: the starting state of ${title}`,
    `${todo}: the action of ${title}`,
    `${todo}: the outcome of ${title}`
  ]
}

/** behave step definitions for the stub's steps, each failing until it is written. */
function stepStubs(workspace: Workspace, name: Named): string {
  const steps = stepTexts(workspace, name.title)
  const keywords = ['given', 'when', 'then'] as const
  const definitions = steps.map((text, index) => {
    // behave reads step texts as `parse` patterns: a brace is doubled to stand for itself.
    const pattern = JSON.stringify(text.replace(/[{}]/g, (brace) => brace + brace))
    return [
      `@${keywords[index]}(${pattern})`,
      `def step_${index + 1}(context):`,
      `    raise NotImplementedError(${JSON.stringify(`${keywords[index]} ${text}`)})`
    ].join('\n')
  })
  return [
    `"""Step definitions for ${name.path} (stubs written by sop-lint --fix: each fails until it is written)."""`,
    'from behave import given, then, when',
    '',
    '',
    definitions.join('\n\n\n'),
    ''
  ].join('\n')
}

/** An executable scaffold that stops with a message until it is written. */
function shellScaffold(workspace: Workspace, name: Named): string {
  const todo = placeholderWord(workspace.config)
  return [
    '#!/usr/bin/env bash',
    `# ${name.title}: ${todo}: what this script automates`,
    'set -euo pipefail',
    '',
    `echo '${name.path.replace(/'/g, `'\\''`)}: not written yet' >&2`,
    'exit 1',
    ''
  ].join('\n')
}
