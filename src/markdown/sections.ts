import type {Heading, Paragraph, Root, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {SectionId, SectionSpec, SopLintConfig} from '../config/schema.js'
import {normalizeHeading} from './heading-text.js'

/** A section of a plan: a heading (or a heading-like line) and the blocks under it. */
export interface Section {
  id: SectionId
  /** The heading node, or the paragraph standing in for one. */
  heading: Heading | Paragraph
  /** Heading depth; 7 for a paragraph used as a heading. */
  depth: number
  /** Blocks below the heading, up to the next heading of the same or a higher level. */
  children: RootContent[]
}

/** Depth given to a paragraph that plays a heading ("Validation Matrix" on a line of its own). */
export const pseudoHeadingDepth = 7

const matchers = new WeakMap<SopLintConfig, (text: string) => SectionId | undefined>()

/** Maps every accepted heading text to its section id (one map per config). */
export function sectionMatcher(config: SopLintConfig): (text: string) => SectionId | undefined {
  let match = matchers.get(config)
  if (!match) {
    const byText = new Map<string, SectionId>()
    for (const [id, spec] of Object.entries(config.plan.sections) as Array<[SectionId, SectionSpec]>) {
      for (const text of [spec.title, ...spec.aliases]) byText.set(normalizeHeading(text), id)
    }
    match = (text) => byText.get(normalizeHeading(text))
    matchers.set(config, match)
  }
  return match
}

/**
 * Finds the procedure's sections in a document, at any heading level, in
 * document order. A short paragraph on its own line that names a section and
 * is followed by a list, table or code block also counts: older plans write
 * "Validation Matrix" that way.
 */
export function findSections(tree: Root, config: SopLintConfig): Section[] {
  const match = sectionMatcher(config)
  const blocks = tree.children
  const starts = outline(tree).map((start) => ({...start, id: match(start.text)}))
  const sections: Section[] = []
  starts.forEach((start, position) => {
    if (!start.id) return
    // A heading-like line ends the heading-like section above it; one that names a section ends any section above it.
    const end = starts
      .slice(position + 1)
      .find((next) => next.depth <= start.depth || (next.depth === pseudoHeadingDepth && next.id !== undefined))
    const heading = blocks[start.index] as Heading | Paragraph
    sections.push({
      id: start.id,
      heading,
      depth: start.depth,
      children: blocks.slice(start.index + 1, end ? end.index : blocks.length)
    })
  })
  return sections
}

/** A heading, or a paragraph standing in for one, among a document's top-level blocks. */
export interface OutlineEntry {
  /** Index among the tree's children. */
  index: number
  node: Heading | Paragraph
  /** Heading depth; 7 for a paragraph used as a heading. */
  depth: number
  text: string
}

/** Every heading and heading-like line of a document, in order. */
export function outline(tree: Root): OutlineEntry[] {
  const blocks = tree.children
  const entries: OutlineEntry[] = []
  blocks.forEach((node, index) => {
    if (node.type === 'heading') entries.push({index, node, depth: node.depth, text: toString(node)})
    else if (node.type === 'paragraph' && isPseudoHeading(node, blocks[index + 1]))
      entries.push({index, node, depth: pseudoHeadingDepth, text: toString(node)})
  })
  return entries
}

/** Where the blocks under an outline entry end: at the next entry of the same or a higher level (a heading-like line ends at any heading). */
export function endOfEntry(entries: readonly OutlineEntry[], position: number, blockCount: number): number {
  const start = entries[position]!
  const end = entries
    .slice(position + 1)
    .find(
      (next) => next.depth <= start.depth || (start.depth === pseudoHeadingDepth && next.depth < pseudoHeadingDepth)
    )
  return end ? end.index : blockCount
}

function isPseudoHeading(node: Paragraph, next: RootContent | undefined): boolean {
  const text = toString(node)
  return (
    text.length > 0 &&
    text.length <= 60 &&
    !text.includes('\n') &&
    next !== undefined &&
    (next.type === 'list' || next.type === 'table' || next.type === 'code')
  )
}

/** All blocks of every section with the given id (a plan may split Tasks into "Tasks (D+1)" and "Tasks (D+2)"). */
export function sectionsWithId(sections: Section[], id: SectionId): Section[] {
  return sections.filter((section) => section.id === id)
}
