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
