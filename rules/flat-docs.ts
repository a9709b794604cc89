/**
 * No folder nests deeper below the docs folder than allowed (procedure,
 * Notes: "Keep docs flat: prefer updating existing folders; avoid deep
 * nesting"), judged on what the session added, one message per folder.
 * Only the names are judged: no file is read.
 */
import {deepDocFolders, docsDepth} from '../src/workspace/deep-docs.js'
import {defineRule} from '../src/rule/define-rule.js'

export default defineRule({
  id: 'flat-docs',
  meta: {
    severity: 'warn',
    description: 'no folder the session added nests more than 2 below `docs/`; one message per folder',
    messages: {
      tooDeep:
        '`{{folder}}/` holds {{files}} {{depth}} below `{{docs}}/`, more than {{limit}}: keep docs flat (procedure, Notes) — move {{them}} up into `{{parent}}/` (e.g. as `{{example}}`) or merge {{them}} into {{into}} there, or allow the folder in `crossFile.docsAllow`'
    }
  },
  reads: 'text',
  // A folder's message is given at its first file, which is judged by its place alone. Only a file nested too deep can
  // be one: the docs folder is not walked for every other file (the editor checks each document on its own).
  appliesTo: (filePath, workspace) =>
    (docsDepth(filePath, workspace)?.depth ?? 0) > workspace.config.crossFile.docsMaxDepth &&
    deepDocFolders(workspace).some((group) => group.files[0] === filePath),
  check({path: filePath, workspace, report}) {
    const group = deepDocFolders(workspace).find((candidate) => candidate.files[0] === filePath)!
    const {folder: docs} = docsDepth(filePath, workspace)!
    const count = group.files.length
    const prefix = group.folder.split('/').at(-1)!
    report(
      'tooDeep',
      {line: 1, column: 1},
      {
        data: {
          folder: group.folder,
          files: count === 1 ? 'a file' : `${count} files`,
          depth: `${group.depth} folder${group.depth === 1 ? '' : 's'}`,
          docs,
          limit: workspace.config.crossFile.docsMaxDepth,
          them: count === 1 ? 'it' : 'them',
          parent: group.folder.split('/').slice(0, -1).join('/'),
          example: `${prefix}_${group.files[0]!.slice(group.folder.length + 1)
            .split('/')
            .join('_')}`,
          into: count === 1 ? 'a file' : 'files'
        }
      }
    )
  }
})
