import type {List, Nodes, Paragraph, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {FieldSpec, SopLintConfig, TaskFieldId} from '../config/schema.js'
import {normalizeHeading} from '../markdown/heading-text.js'
import {findPathRefs, namesFile, type PathRef} from '../markdown/path-refs.js'

/** What a task's own text says: its fields by label, the paths it names, the files it makes. */
export interface TaskBody {
  /** Fields written with a label (`- Spec: …`, `**Acceptance**: …`, a `### Acceptance` sub-heading), with the block that holds each. */
  fields: Partial<Record<TaskFieldId, Nodes>>
  /** Every path the task names. */
  paths: PathRef[]
  /** Files the task names that it makes or changes: its expected artefacts, whether or not under a label. */
  artefacts: PathRef[]
}

/** Field id of a label: `Spec`, `**Artifacts:**`, `accept (close)` → the field it names. */
export type LabelReader = (label: string) => TaskFieldId | undefined

export function labelReader(config: SopLintConfig): LabelReader {
  const byLabel = new Map<string, TaskFieldId>()
  for (const [id, spec] of Object.entries(config.plan.taskFields) as Array<[TaskFieldId, FieldSpec]>) {
    for (const label of [spec.label, ...spec.aliases]) byLabel.set(normalizeHeading(label), id)
  }
  return (label) => byLabel.get(normalizeHeading(label))
}

/** The field a line starts with: `Spec: …` → spec; a short line that is only a label (`**accept**` above a list) → end. */
export function fieldOfLine(text: string, readLabel: LabelReader): TaskFieldId | undefined {
  const labelled = /^\s*([^:\n]{1,40}):/.exec(text)?.[1]
  if (labelled !== undefined) return readLabel(labelled)
  const line = text.trim()
  return line.length <= 40 && !line.includes('\n') ? readLabel(line) : undefined
}

/**
 * Reads a task's blocks (its title block excluded): labelled fields in its
 * lists at any depth, in paragraphs and in sub-headings, and the paths it
 * names. A file named anywhere in the task is an artefact, except its spec
 * (`.feature`), what it reads (its `Reading:` items) and links, which point
 * at what exists.
 */
export function readTaskBody(title: Nodes[], body: RootContent[], config: SopLintConfig, readLabel: LabelReader): TaskBody {
  const fields: TaskBody['fields'] = {}
  const found = (id: TaskFieldId | undefined, node: Nodes) => {
    if (id && !fields[id]) fields[id] = node
  }
  const readingLabels = new Set(config.tokens.taskReadingLabels.map(normalizeHeading))
  const reading = new Set<Nodes>()
  const visitList = (list: List) => {
    for (const item of list.children) {
      const first = item.children[0]
      const text = first && first.type !== 'list' ? toString(first) : ''
      const label = /^\s*([^:\n]{1,40}):/.exec(text)?.[1]
      if (label !== undefined && readingLabels.has(normalizeHeading(label))) reading.add(item)
      found(label === undefined ? undefined : readLabel(label), item)
      for (const child of item.children) if (child.type === 'list') visitList(child)
    }
  }
  body.forEach((block, index) => {
    if (block.type === 'list') visitList(block)
    else if (block.type === 'heading') found(readLabel(toString(block)), block)
    else if (block.type === 'paragraph') found(paragraphField(block, body[index + 1], readLabel), block)
  })
  const paths = [...title, ...body].flatMap((block) => findPathRefs(block))
  const readPaths = new Set([...reading].flatMap((item) => findPathRefs(item).map((ref) => ref.position?.start.offset)))
  const artefacts = paths.filter(
    (ref) => ref.kind !== 'link' && namesFile(ref.path) && !ref.path.endsWith('.feature') && !readPaths.has(ref.position?.start.offset)
  )
  return {fields, paths, artefacts}
}

/** `**Acceptance**: …` and `Done when: …` label a paragraph; a label alone labels the list under it. */
function paragraphField(paragraph: Paragraph, next: RootContent | undefined, readLabel: LabelReader): TaskFieldId | undefined {
  const text = toString(paragraph)
  const labelled = /^\s*([^:\n]{1,40}):/.exec(text)?.[1]
  if (labelled !== undefined) return readLabel(labelled)
  return next?.type === 'list' ? fieldOfLine(text, readLabel) : undefined
}
