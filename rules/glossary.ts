/**
 * The glossary file (AGENTS.md) has a Glossary section, and it names every
 * top-level folder the newest plan names (procedure step 6: "Ensure
 * `AGENTS.md` Glossary aligns with planned folders").
 */
import path from 'node:path'
import type {Heading, List, Nodes, Root, RootContent, Table} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Point} from 'unist'
import {visit} from 'unist-util-visit'
import {normalizeHeading} from '../src/markdown/heading-text.js'
import {findPathRefs} from '../src/markdown/path-refs.js'
import {codeSpan} from '../src/markdown/written-text.js'
import {loadPlan} from '../src/plan/load-plan.js'
import {planFolders, type NamedFolder} from './glossary/plan-folders.js'
import {templatePlaceholder} from '../src/plan/template/placeholders.js'
import {defineRule} from '../src/rule/define-rule.js'
import {classifyPath} from '../src/workspace/repo-path.js'

interface GlossarySection {
  heading: Heading
  children: RootContent[]
}

export default defineRule({
  id: 'glossary',
  meta: {
    severity: 'error',
    description: "`AGENTS.md`'s Glossary names every top-level folder the plan names",
    messages: {
      noSection: {
        text: '`{{file}}` has no “{{title}}” section: add one naming the folders the plan uses{{listed}} (procedure step 6: the Glossary aligns with planned folders)',
        fix: 'insert'
      },
      folderMissing: {
        text: '“{{title}}” does not name `{{folder}}/`, which `{{where}}` names: add an entry saying what the folder holds (procedure step 6)',
        fix: 'insert'
      }
    }
  },
  appliesTo: (documentPath, {config}) => documentPath === config.paths.glossary,
  check({tree, file, config, workspace, path: documentPath, report}) {
    const title = config.crossFile.glossarySection
    const placeholder = templatePlaceholder(config, 'glossaryEntry')
    const newest = workspace.newestPlan()
    const plan = newest ? loadPlan(workspace, newest) : undefined
    const folders = newest && plan ? planFolders(plan.tree, newest.path, workspace) : []
    const section = findSection(tree, title)

    if (!section) {
      const last = tree.children.at(-1)
      const entries =
        folders.length > 0
          ? folders.map((named) => `- ${entryText(named.folder, ' — ', placeholder)}`)
          : [`- ${templatePlaceholder(config, 'glossarySection')}`]
      const text = `## ${title}\n\n${entries.join('\n')}`
      const listed = folders.length > 0 ? ` — ${folders.map((named) => `\`${named.folder}/\``).join(', ')}` : ''
      report('noSection', last?.position?.end ?? {line: 1, column: 1, offset: 0}, {
        data: {file: documentPath, title, listed},
        fix: last ? `\n\n${text}` : `${text}\n`
      })
      return
    }

    const named = namedFolders(section, path.posix.dirname(documentPath))
    const missing = folders.filter((candidate) => !named.has(candidate.folder.toLowerCase()))
    if (missing.length === 0) return
    const insert = insertion(section, String(file.value))
    for (const folder of missing) {
      report('folderMissing', insert.point, {
        data: {title, folder: folder.folder, where: where(newest!.path, folder)},
        fix: insert.text(entryText(folder.folder, insert.separator, placeholder))
      })
    }
  }
})

function where(planPath: string, folder: NamedFolder): string {
  return folder.place ? `${planPath}:${folder.place.line}` : planPath
}

function entryText(folder: string, separator: string, placeholder: string): string {
  return `${codeSpan(`${folder}/`)}${separator}${placeholder}`
}

/** The first heading that reads as the section title (case-insensitive, a trailing parenthetical ignored), and the blocks below it. */
function findSection(tree: Root, title: string): GlossarySection | undefined {
  const wanted = normalizeHeading(title)
  const blocks = tree.children
  const index = blocks.findIndex((node) => node.type === 'heading' && normalizeHeading(toString(node)) === wanted)
  if (index === -1) return undefined
  const heading = blocks[index] as Heading
  const end = blocks.findIndex((node, at) => at > index && node.type === 'heading' && node.depth <= heading.depth)
  return {heading, children: blocks.slice(index + 1, end === -1 ? undefined : end)}
}

/**
 * Lower-cased names the section gives folders: the first segment of every
 * path it names (`docs/System/…`, `features/*.feature`), bare names in code
 * spans (`scripts`), and the words of each entry's term ("Features/Scenarios
 * — …", a table's first cell, a sub-heading).
 */
function namedFolders(section: GlossarySection, documentFolder: string): Set<string> {
  const names = new Set<string>()
  const addTerm = (text: string) => {
    for (const word of text.split(/[/,&()\s]+/)) if (word) names.add(word.toLowerCase())
  }
  for (const block of section.children) {
    for (const ref of findPathRefs(block)) {
      const classified = classifyPath(ref.path, ref.kind === 'link' ? documentFolder : '')
      const first = classified.path.split('/')[0]
      if (classified.kind === 'inside' && first) names.add(first.toLowerCase())
    }
    visit(block, (node) => {
      if (node.type === 'inlineCode') {
        const bare = node.value.trim().replace(/^\.\//, '').replace(/\/+$/, '')
        if (/^[\w.-]+$/.test(bare)) names.add(bare.toLowerCase())
      } else if (node.type === 'listItem') {
        const first = node.children[0]
        if (first) addTerm(termOf(toString(first)))
      } else if (node.type === 'table') {
        for (const row of node.children.slice(1)) if (row.children[0]) addTerm(termOf(toString(row.children[0])))
      } else if (node.type === 'heading') {
        addTerm(toString(node))
      }
    })
  }
  return names
}

/** The term an entry defines: the text before its separator, or the whole of a short entry. */
function termOf(text: string): string {
  const line = text.split('\n')[0]!.trim()
  const match = /^(.+?)(?:\s+[—–-]\s+|:\s)/.exec(line)
  if (match) return match[1]!
  return line.length <= 40 ? line : ''
}

const separators = [' — ', ' – ', ': ', ' - ']

/** Where a new entry goes and how it is written: appended to the section's last list (same marker) or table, else a new list at its end. */
function insertion(
  section: GlossarySection,
  source: string
): {point: Point; separator: string; text(entry: string): string} {
  const containers = section.children.filter(
    (node): node is List | Table => node.type === 'list' || node.type === 'table'
  )
  const container = containers.at(-1)
  if (container?.type === 'list' && container.position) {
    const lastItem = container.children.at(-1)!
    const itemStart = lastItem.position?.start.offset ?? container.position.start.offset ?? 0
    const written = /^(?:(\d+)([.)])|([-*+]))/.exec(source.slice(itemStart))
    const marker = written?.[3] ?? `${(container.start ?? 1) + container.children.length}${written?.[2] ?? '.'}`
    const indent = ' '.repeat(container.position.start.column - 1)
    const firstText = container.children[0]?.children[0] ? toString(container.children[0].children[0] as Nodes) : ''
    const separator = separators.find((candidate) => firstText.includes(candidate)) ?? ' — '
    const joiner = container.spread ? '\n\n' : '\n'
    return {point: container.position.end, separator, text: (entry) => `${joiner}${indent}${marker} ${entry}`}
  }
  if (container?.type === 'table' && container.position) {
    const cells = container.children[0]?.children.length ?? 2
    return {
      point: container.position.end,
      separator: cells >= 2 ? ' | ' : ' — ',
      text: (entry) => `\n| ${entry} |${' |'.repeat(Math.max(0, cells - 2))}`
    }
  }
  const anchor = section.children.at(-1) ?? section.heading
  return {point: anchor.position!.end, separator: ' — ', text: (entry) => `\n\n- ${entry}`}
}
