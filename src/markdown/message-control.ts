import type {Root} from 'mdast'
import remarkMessageControl from 'remark-message-control'
import type {VFile} from 'vfile'

type Options = Parameters<typeof remarkMessageControl>[0]

/**
 * remark-message-control (`<!-- sop-lint disable rule -->`), except that it
 * keeps messages placed at the end of the last block. unified-message-control
 * drops messages in "gaps" of the tree, and the final newline after the last
 * block is one: a message placed there — where a missing section or glossary
 * entry is inserted — would vanish although no comment disables it. The root is
 * ended at its last block while the comments are applied, then restored.
 */
export function controlMessages(options: Options) {
  const control = remarkMessageControl(options)
  return (tree: Root, file: VFile) => {
    // No message to filter and no comment to obey (HTML, or MDX's `{/* */}`; only a comment could add a message): the tree, a history of rows in a long document, need not be walked.
    const text = String(file.value)
    if (file.messages.length === 0 && !text.includes('<!--') && !text.includes('/*')) return
    const position = tree.position
    const lastEnd = tree.children.at(-1)?.position?.end
    if (position && lastEnd) tree.position = {start: position.start, end: lastEnd}
    try {
      control(tree, file)
    } finally {
      tree.position = position
    }
  }
}
