import path from 'node:path'
import type {Root} from 'mdast'
import type {Point} from 'unist'
import {visit} from 'unist-util-visit'
import {commandPaths, commandWrites, findPathRefs, namesFile, shellLanguages} from '../../src/markdown/path-refs.js'
import {hasControlCharacter} from '../../src/markdown/written-text.js'
import {classifyPath} from '../../src/workspace/repo-path.js'
import type {Workspace} from '../../src/workspace/workspace.js'
import {inSiblingRepository} from '../_shared/paths.js'

/** A top-level folder of the repository that a plan names, and where it first does. */
export interface NamedFolder {
  /** The folder's name, as the repository spells it (`tests`, `docs`). */
  folder: string
  /** Where the plan first names a path in it. */
  place: Point | undefined
}

/**
 * The top-level folders a plan names: the first segment of every path inside
 * the repository that the plan names in a code span, a link, a bare path or a
 * command (`pytest tests/test_x.py`), when that segment is a folder: one that
 * exists, or one the plan puts a file (`tests/test_x.py`) or a folder
 * (`artifacts/runs/`) in. Slash-separated words that name neither (`os/oe/ox`,
 * shell aliases) are not folders. Paths outside the repository are skipped
 * (other rules report them), and so are files of another repository that
 * `paths.siblings` maps and hidden folders (`.github`, `.husky`: tool
 * configuration, not the project's structure). A name with a control character (a link's `%0A`) is no folder a
 * glossary entry could name on its line.
 */
export function planFolders(tree: Root, planPath: string, workspace: Workspace): NamedFolder[] {
  const planFolder = path.posix.dirname(planPath)
  const found = new Map<string, NamedFolder>()
  const add = (named: string, fromFolder: string, place: Point | undefined) => {
    const classified = classifyPath(named, fromFolder)
    if (classified.kind !== 'inside' || classified.path === '.') return
    const [first, ...rest] = classified.path.split('/')
    if (!first || first.startsWith('.') || /[{}*<>]/.test(first) || hasControlCharacter(first)) return
    const existing = workspace.exists(first) && !workspace.source.isFile(first)
    const planned = rest.length > 0 && (namesFile(classified.path) || named.endsWith('/'))
    const isFolder = existing || planned
    const known = found.get(first)
    if (isFolder && (!known || compare(place, known.place) < 0)) found.set(first, {folder: first, place})
  }
  for (const ref of findPathRefs(tree)) {
    // A file of another repository (`API: billing-api/x.md`) names none of this one's folders.
    if (!inSiblingRepository(ref, workspace)) add(ref.path, ref.kind === 'link' ? planFolder : '', ref.position?.start)
  }
  visit(tree, (node) => {
    if (node.type === 'inlineCode' && /\s/.test(node.value.trim())) {
      for (const named of [...commandPaths(node.value), ...commandWrites(node.value)])
        add(named, '', node.position?.start)
    } else if (node.type === 'code' && (!node.lang || shellLanguages.has(node.lang))) {
      const start = node.position?.start
      node.value.split('\n').forEach((line, index) => {
        const place = start ? {line: start.line + 1 + index, column: 1} : undefined
        for (const named of [...commandPaths(line), ...commandWrites(line)]) add(named, '', place)
      })
    }
  })
  return [...found.values()].sort((a, b) => compare(a.place, b.place))
}

function compare(a: Point | undefined, b: Point | undefined): number {
  return (a?.line ?? Infinity) - (b?.line ?? Infinity) || (a?.column ?? Infinity) - (b?.column ?? Infinity)
}
