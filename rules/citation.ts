/**
 * Every `path:line` or `path:start-end` citation in the SOP documents points
 * inside an existing file of the repository (procedure, Notes: "cite line
 * references using `path:line`"): the file exists, the lines count from 1,
 * the range runs forwards and ends within the file. Only files inside the
 * repository are read, to count their lines.
 */
import path from 'node:path'
import {findPathRefs} from '../src/markdown/path-refs.js'
import {defineRule} from '../src/rule/define-rule.js'
import {describeUnusable} from '../src/rule/words.js'
import {classifyInWorkspace, findInRepository, shownPath} from '../src/workspace/across-workspaces.js'
import {isReference} from '../src/workspace/references.js'
import type {Workspace} from '../src/workspace/workspace.js'
import {notPortable} from './_shared/paths.js'

export default defineRule({
  id: 'citation',
  meta: {
    severity: 'error',
    description: 'every `path:line` citation in the SOP documents points inside an existing file',
    messages: {
      notPortable: {text: 'Citation `{{cited}}` {{why}}', warning: true},
      pattern: {
        text: 'Citation `{{cited}}` cites a pattern, not a file: name the one file the lines are in',
        warning: true
      },
      notAFile: 'Citation `{{cited}}`: `{{file}}` {{what}}: cite a file of the repository, or remove the citation',
      lineZero: 'Citation `{{cited}}` cites line 0: lines count from 1',
      backwards: 'Citation `{{cited}}` runs backwards: write the range as `{{reversed}}`',
      pastEnd:
        'Citation `{{cited}}` cites {{cites}}, but `{{file}}` has {{count}}: point it at the lines meant (the file may have changed since)'
    }
  },
  appliesTo: (documentPath, {config}) => isReference(documentPath, config.paths.references),
  check({tree, workspace, path: documentPath, report}) {
    const folder = path.posix.dirname(documentPath)
    for (const ref of findPathRefs(tree)) {
      if (!ref.lines) continue
      const {start, end} = ref.lines
      const cited = start === end ? `${ref.path}:${start}` : `${ref.path}:${start}-${end}`
      const classified = classifyInWorkspace(workspace, ref.path, ref.kind === 'link' ? folder : '')
      const why = notPortable(classified)
      const place = ref.position
      if (why) {
        report('notPortable', place, {data: {cited, why}})
        continue
      }
      if (ref.pattern) {
        report('pattern', place, {data: {cited}})
        continue
      }
      const file = findInRepository(workspace, classified.path) ?? classified.path
      if (!workspace.source.isFile(file)) {
        const found = workspace.source.unusable(file)
        const what = found
          ? describeUnusable(found)
          : workspace.exists(file)
            ? describeUnusable('folder')
            : 'does not exist'
        report('notAFile', place, {data: {cited, file: shownPath(workspace, file), what}})
      } else if (start < 1) {
        report('lineZero', place, {data: {cited}})
      } else if (start > end) {
        report('backwards', place, {data: {cited, reversed: `${ref.path}:${end}-${start}`}})
      } else {
        const count = lineCount(workspace, file)
        if (end <= count) continue
        const cites = start === end ? `line ${end}` : `lines ${start}-${end}`
        report('pastEnd', place, {
          data: {cited, cites, file: shownPath(workspace, file), count: `${count} ${count === 1 ? 'line' : 'lines'}`}
        })
      }
    }
  }
})

const lineCounts = Symbol('citation: line counts')

/** Lines of a repository file, counted once per workspace; a final newline ends the last line rather than starting another. */
function lineCount(workspace: Workspace, file: string): number {
  const counts = workspace.memo(lineCounts, () => new Map<string, number>())
  let count = counts.get(file)
  if (count === undefined) {
    const text = workspace.source.read(file) ?? ''
    count = text === '' ? 0 : text.split(/\r\n|\r|\n/).length - (/(\r\n|\r|\n)$/.test(text) ? 1 : 0)
    counts.set(file, count)
  }
  return count
}
