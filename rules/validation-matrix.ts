/**
 * The Validation matrix names at least one command per task, and only specs
 * and files that exist or that a task of the plan creates (procedure step 4:
 * "Validation matrix (targeted pytest/behave, aliases to run, preview checks)").
 */
import type {Nodes, Table} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Position} from 'unist'
import {visit} from 'unist-util-visit'
import {clip} from './_shared/clip.js'
import {commandFolder, commandPaths} from '../src/markdown/path-refs.js'
import type {Task} from '../src/plan/tasks.js'
import {definePlanRule} from '../src/rule/define-plan-rule.js'
import {classifyInWorkspace, findInRepository} from '../src/workspace/across-workspaces.js'
import {classifyPath} from '../src/workspace/repo-path.js'
import {notPortable} from './_shared/paths.js'

/** A line of the matrix: a table row, a list item or a line of a code block. */
interface Entry {
  /** Task numbers the entry names (`| 2 | … |`, `Task 2: …`). */
  tasks: number[]
  commands: Array<{text: string; position: Position | undefined}>
  position: Position | undefined
  /** The block the entry is in: a `cd DIR` carries to the later lines of a code block or items of a list, not to other table rows. */
  block: Nodes | undefined
}

export default definePlanRule({
  id: 'validation-matrix',
  meta: {
    severity: 'error',
    description: 'a command per task; named files exist or are created by a task',
    messages: {
      noCommand:
        'Validation matrix names no command: add one command per task, e.g. a `| Task | Command | Checks |` table',
      taskWithoutCommand: 'Validation matrix has no command for task {{number}} “{{task}}”: add a row for it',
      tooFewCommands:
        'Validation matrix names {{commands}} for {{tasks}} tasks that change behaviour: add a command per task (a Task column makes the mapping explicit)',
      notPortable: {text: 'Validation matrix: `{{path}}` {{why}}', warning: true},
      missingFile:
        "Validation matrix names `{{path}}`, which does not exist and no task creates: fix the path or list it among a task's artefacts"
    }
  },
  check(plan, {workspace, report}) {
    const sections = plan.section('validation')
    if (sections.length === 0) return
    const entries = sections.flatMap((section) => section.children.flatMap((block) => entriesOf(block)))
    const commands = entries.flatMap((entry) => entry.commands)
    const heading = sections[0]!.heading
    // Documentation and procedure work has nothing to run.
    const tasks = plan.tasks.filter((task) => task.changesBehaviour)

    if (commands.length === 0) {
      if (tasks.length > 0) report('noCommand', heading.position)
    } else if (entries.some((entry) => entry.tasks.length > 0)) {
      for (const task of tasks) {
        if (!entries.some((entry) => entry.tasks.includes(task.number) && entry.commands.length > 0)) {
          report('taskWithoutCommand', heading.position, {data: {number: task.number, task: clip(task.title)}})
        }
      }
    } else if (commands.length < tasks.length) {
      const count = `${commands.length} command${commands.length === 1 ? '' : 's'}`
      report('tooFewCommands', heading.position, {data: {commands: count, tasks: tasks.length}})
    }

    const created = new Set(plan.tasks.flatMap((task) => createdPaths(task)))
    let folder = ''
    let block: Nodes | undefined
    for (const entry of entries) {
      if (entry.block !== block || entry.block?.type === 'table') folder = ''
      block = entry.block
      for (const command of entry.commands) {
        const named = commandPaths(command.text, folder)
        const entered = commandFolder(command.text)
        if (entered !== undefined) folder = folder && !entered.startsWith('/') ? `${folder}/${entered}` : entered
        checkPaths(named, command.position)
      }
    }

    function checkPaths(paths: string[], position: Position | undefined): void {
      for (const named of paths) {
        const classified = classifyInWorkspace(workspace, named)
        const why = notPortable(classified)
        if (why) report('notPortable', position, {data: {path: named, why}})
        else if (findInRepository(workspace, classified.path) === undefined && !created.has(classified.path))
          report('missingFile', position, {data: {path: named}})
      }
    }
  }
})

function entriesOf(block: Nodes): Entry[] {
  if (block.type === 'table') return tableEntries(block)
  if (block.type === 'code') {
    let line = (block.position?.start.line ?? 0) + 1
    return block.value.split('\n').flatMap((text) => {
      const position = {start: {line, column: 1}, end: {line, column: text.length + 1}}
      line++
      return text.trim() && !text.trim().startsWith('#')
        ? [{tasks: [], commands: [{text, position}], position, block}]
        : []
    })
  }
  if (block.type === 'list') {
    return block.children.flatMap((item) => [
      {
        tasks: taskNumbers(toString(item.children[0] ?? item)),
        commands: inlineCommands(item),
        position: item.position,
        block
      },
      ...item.children.flatMap((child) => (child.type === 'list' ? entriesOf(child) : []))
    ])
  }
  if (block.type === 'paragraph') return [{tasks: [], commands: inlineCommands(block), position: block.position, block}]
  return []
}

/** Rows of a table; a Task column names the tasks, a Command column counts as a command even without code. */
function tableEntries(table: Table): Entry[] {
  const [header, ...rows] = table.children
  const names = (header?.children ?? []).map((cell) => toString(cell).trim().toLowerCase())
  const taskColumn = names.findIndex((name) => /^(task|#|tasks)$/.test(name))
  const commandColumn = names.findIndex((name) => /command/.test(name))
  return rows.map((row) => {
    const cells = row.children
    const commands = inlineCommands(row)
    const commandCell = commandColumn === -1 ? undefined : cells[commandColumn]
    if (commands.length === 0 && commandCell && toString(commandCell).trim()) {
      commands.push({text: toString(commandCell), position: commandCell.position})
    }
    const taskCell = taskColumn === -1 ? undefined : cells[taskColumn]
    return {tasks: taskCell ? numbersIn(toString(taskCell)) : [], commands, position: row.position, block: table}
  })
}

function inlineCommands(node: Nodes): Entry['commands'] {
  const commands: Entry['commands'] = []
  visit(node, 'inlineCode', (code) => {
    commands.push({text: code.value, position: code.position})
  })
  return commands
}

/** `Task 2`, `T2`, `2.` at the start of an item. */
function taskNumbers(text: string): number[] {
  const match = /^\s*(?:task\s*|t)(\d+)\b/i.exec(text)
  return match ? [Number(match[1])] : []
}

function numbersIn(text: string): number[] {
  return [...text.matchAll(/\d+/g)].map((match) => Number(match[0]))
}

/** Files a task will create: the paths it names, which need not exist before the session. */
function createdPaths(task: Task): string[] {
  return task.paths.map((ref) => classifyPath(ref.path).path)
}
