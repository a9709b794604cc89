import type {ListItem, Nodes} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {findPathRefs} from '../markdown/path-refs.js'
import type {Section} from '../markdown/sections.js'

/** An item of the Required reading list; a nested item is covered by its parent's reason (“relevant specs:”). */
export interface ReadingListItem {
  item: ListItem
  inherited: boolean
}

/** `Owner: ana`, `Status: draft`: a line that is a label and a value. */
const metadataLine = /^\s*[\p{L}][\p{L}\p{N} /-]{0,30}:\s*\S/u

/**
 * The items of a Required reading section, nested ones too. Bullets that
 * follow the reading list after a blank line and read as metadata (`Owner:
 * ana`, naming no file) are the plan's notes, not reading items.
 */
export function readingListItems(section: Section): ReadingListItem[] {
  const items: ReadingListItem[] = []
  let previousEnd: number | undefined
  for (const block of section.children) {
    if (block.type !== 'list') continue
    for (const item of block.children) {
      const start = item.position?.start.line
      const afterGap = previousEnd !== undefined && start !== undefined && start > previousEnd + 1
      if (afterGap && items.length > 0 && isMetadata(item)) continue
      previousEnd = item.position?.end.line
      collect(item, false, items)
    }
  }
  return items
}

function collect(item: ListItem, inherited: boolean, items: ReadingListItem[]): void {
  items.push({item, inherited})
  for (const child of item.children)
    if (child.type === 'list') for (const nested of child.children) collect(nested, true, items)
}

function isMetadata(item: ListItem): boolean {
  const own = item.children.filter((child) => child.type !== 'list')
  const text = own.map((child) => toString(child)).join('\n')
  return metadataLine.test(text) && own.every((child: Nodes) => findPathRefs(child).length === 0)
}
