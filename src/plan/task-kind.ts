import type {ListItem, Nodes} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {SopLintConfig} from '../config/schema.js'
import {normalizeHeading} from '../markdown/heading-text.js'
import {namesFile, type PathRef} from '../markdown/path-refs.js'
import {sectionMatcher} from '../markdown/sections.js'
import {classifyPath} from '../workspace/repo-path.js'

/** Words that start a step that runs a command (`Run \`pytest\``), not a task. */
const runVerbs = new Set(['run', 'execute', 'rerun'])
const doneMarks = /\((?:done|completed?|shipped)\)|✅|☑|✔/i

/**
 * Whether an item of a task list is no task: a step that runs a command, an
 * item already done, a handoff bullet whose only files are the progress log
 * and the handoff notes, or a line named after the procedure's own sections
 * ("Validation & handoff") — what the procedure does at every session's end.
 */
export function isNotATask(item: ListItem, title: string, paths: readonly PathRef[], config: SopLintConfig): boolean {
  if (item.checked === true || doneMarks.test(title)) return true
  const firstWord = /^\s*([\p{L}-]+)/u.exec(title)?.[1]?.toLowerCase()
  const first = item.children[0]
  if (firstWord && runVerbs.has(firstWord) && first && hasCode(first)) return true
  if (namesProcedureSections(title, config)) return true
  const files = paths.filter((ref) => namesFile(ref.path)).map((ref) => classifyPath(ref.path).path)
  const handoffFiles = new Set([config.paths.progress, config.paths.handoff])
  return files.length > 0 && files.every((file) => handoffFiles.has(file))
}

function hasCode(node: Nodes): boolean {
  if (node.type === 'inlineCode') return true
  return 'children' in node && node.children.some((child) => hasCode(child))
}

/** "Validation & handoff (19K)": every part of the title names the validation or handoff section. */
function namesProcedureSections(title: string, config: SopLintConfig): boolean {
  const match = sectionMatcher(config)
  const parts = normalizeHeading(title.replace(/\*\*/g, ''))
    .split(/\s+and\s+|\s*[+/,]\s*/)
    .filter((part) => part !== '')
  return (
    parts.length > 0 &&
    parts.every((part) => {
      const id = match(part)
      return id === 'validation' || id === 'handoff'
    })
  )
}

/** Whether a text carries one of the configured marks of work that changes no behaviour (`process-only`, `docs-only`). */
export function marksNoBehaviourChange(text: string, config: SopLintConfig): boolean {
  const normalized = plainWords(text)
  return config.plan.specExempt.markers.some((marker) => normalized.includes(plainWords(marker)))
}

/** Lower case, one kind of dash (`Process‑Only` has a non-breaking hyphen), single spaces; nothing cut off. */
function plainWords(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‐-―−]/g, '-')
    .replace(/\s+/g, ' ')
}

/**
 * Whether a task changes behaviour, and so needs a spec written first and a
 * validation command. Documentation and procedure work does not: a task
 * marked so (or in a plan whose title marks it), a task whose title names
 * documentation or a procedure (`Docs: …`, `UAT sweep`), whose files are all
 * documentation or specs, or whose every step operates (`Run …`, `Capture …`).
 */
export function changesBehaviour(
  task: {title: string; text: string; artefacts: readonly PathRef[]; steps: readonly string[]},
  planMarked: boolean,
  config: SopLintConfig
): boolean {
  const exempt = config.plan.specExempt
  if (planMarked || marksNoBehaviourChange(task.text, config)) return false
  const titleWords = new Set(
    normalizeHeading(task.title)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
  )
  if (exempt.titleWords.some((word) => titleWords.has(word.toLowerCase()))) return false
  const files = task.artefacts.map((ref) => classifyPath(ref.path).path)
  const specsFolder = `${config.paths.specs.replace(/\/+$/, '')}/`
  const isDocument = (file: string) =>
    exempt.documentExtensions.some((ending) => file.toLowerCase().endsWith(ending.toLowerCase())) ||
    /^(readme|changelog|contributing|license)$/i.test(file)
  if (files.length > 0 && files.every((file) => isDocument(file) || file.startsWith(specsFolder))) return false
  const verbs = new Set(exempt.stepVerbs.map((verb) => verb.toLowerCase()))
  const stepWords = task.steps.map((step) => /^\s*([\p{L}]+)/u.exec(step)?.[1]?.toLowerCase())
  return !(stepWords.length > 0 && stepWords.every((word) => word !== undefined && verbs.has(word)))
}

/** The steps of a list: the first line of each item. */
export function stepsOf(blocks: readonly Nodes[]): string[] {
  return blocks.flatMap((block) =>
    block.type === 'list'
      ? block.children.map((item) => {
          const first = item.children[0]
          return first && first.type !== 'list' ? toString(first).split('\n')[0]! : ''
        })
      : []
  )
}
