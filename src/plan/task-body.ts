import type {Code, List, Nodes, Paragraph} from 'mdast'
import {visit} from 'unist-util-visit'
import {toString} from 'mdast-util-to-string'
import type {FieldSpec, SopLintConfig, TaskFieldId} from '../config/schema.js'
import {normalizeHeading} from '../markdown/heading-text.js'
import {commandWrites, findPathRefs, namesFile, shellLanguages, type PathRef} from '../markdown/path-refs.js'

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

const readers = new WeakMap<SopLintConfig, LabelReader>()

/** The label reader of a config (one per config). */
export function labelReader(config: SopLintConfig): LabelReader {
  let read = readers.get(config)
  if (!read) {
    const byLabel = new Map<string, TaskFieldId>()
    for (const [id, spec] of Object.entries(config.plan.taskFields) as Array<[TaskFieldId, FieldSpec]>) {
      for (const label of [spec.label, ...spec.aliases]) byLabel.set(normalizeHeading(label), id)
    }
    read = (label) => byLabel.get(normalizeHeading(label))
    readers.set(config, read)
  }
  return read
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
export function readTaskBody(title: Nodes[], body: Nodes[], config: SopLintConfig, readLabel: LabelReader): TaskBody {
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
  const titlePaths = title.flatMap((block) => findPathRefs(block))
  const paths = [...titlePaths, ...body.flatMap((block) => findPathRefs(block))]
  const readPaths = new Set([...reading].flatMap((item) => findPathRefs(item).map((ref) => ref.position?.start.offset)))
  // A spec is the task's spec, not its artefact, unless writing it is the task: its title names it.
  const isArtefact = (ref: PathRef) =>
    ref.kind !== 'link' &&
    namesFile(ref.path) &&
    (!ref.path.endsWith('.feature') || titlePaths.includes(ref)) &&
    !readPaths.has(ref.position?.start.offset)
  const artefacts = [...paths.filter(isArtefact), ...wellKnownFiles([...title, ...body]), ...writtenByCode(body)]
  return {fields, paths, artefacts}
}

/** Files the task's shell blocks write (`cat <<'EOF' > src/store.py`): what it makes. */
function writtenByCode(body: Nodes[]): PathRef[] {
  const written: PathRef[] = []
  for (const block of body) {
    visit(block, 'code', (code: Code) => {
      if (code.lang && !shellLanguages.has(code.lang)) return
      for (const line of code.value.split('\n')) {
        for (const file of commandWrites(line))
          written.push({path: file, position: code.position, lines: undefined, pattern: false, kind: 'code'})
      }
    })
  }
  return written
}

/** Files named without an ending that every project knows (`Update README quick start`), as whole words, not part of a path. */
const wellKnown = /(?<![\w/.-])(README|CHANGELOG|CONTRIBUTING|LICENSE|Makefile|Dockerfile)(?![\w/.-])/g

function wellKnownFiles(blocks: Nodes[]): PathRef[] {
  const text = blocks.map((block) => toString(block)).join('\n')
  return [...text.matchAll(wellKnown)].map((match) => ({
    path: match[1]!,
    position: undefined,
    lines: undefined,
    pattern: false,
    kind: 'text' as const
  }))
}

/** `**Acceptance**: …` and `Done when: …` label a paragraph; a label alone labels the list under it. */
function paragraphField(
  paragraph: Paragraph,
  next: Nodes | undefined,
  readLabel: LabelReader
): TaskFieldId | undefined {
  const text = toString(paragraph)
  const labelled = /^\s*([^:\n]{1,40}):/.exec(text)?.[1]
  if (labelled !== undefined) return readLabel(labelled)
  return next?.type === 'list' ? fieldOfLine(text, readLabel) : undefined
}
