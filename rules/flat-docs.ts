/**
 * No folder nests deeper below the docs folder than allowed (procedure,
 * Notes: "Keep docs flat: prefer updating existing folders; avoid deep
 * nesting"), judged on what the session added, one message per folder.
 * Only the names are judged: no file is read.
 */
import {defineFileRule} from '../src/file-rule.js'
import {deepDocFolders, docsDepth} from '../src/workspace/deep-docs.js'

export default defineFileRule(
  'flat-docs',
  (filePath, workspace) => deepDocFolders(workspace).some((group) => group.files[0] === filePath),
  ({path: filePath, workspace, report}) => {
    const group = deepDocFolders(workspace).find((candidate) => candidate.files[0] === filePath)!
    const {folder: docs} = docsDepth(filePath, workspace)!
    const limit = workspace.config.crossFile.docsMaxDepth
    const parent = group.folder.split('/').slice(0, -1).join('/')
    const prefix = group.folder.split('/').at(-1)!
    const example = `${prefix}_${group.files[0]!.slice(group.folder.length + 1).split('/').join('_')}`
    const count = group.files.length
    const them = count === 1 ? 'it' : 'them'
    report(
      `\`${group.folder}/\` holds ${count === 1 ? 'a file' : `${count} files`} ${group.depth} folder${group.depth === 1 ? '' : 's'} below \`${docs}/\`, more than ${limit}: keep docs flat (procedure, Notes) — move ${them} up into \`${parent}/\` (e.g. as \`${example}\`) or merge ${them} into ${count === 1 ? 'a file' : 'files'} there, or allow the folder in \`crossFile.docsAllow\``,
      {line: 1, column: 1}
    )
  }
)
