import type {ListItem, Nodes, Paragraph, Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {visit} from 'unist-util-visit'
import type {SopLintConfig} from '../config/schema.js'
import {normalizeHeading} from '../markdown/heading-text.js'
import type {Section} from '../markdown/sections.js'
import {findTokenAmounts, type TokenAmount} from '../markdown/token-amount.js'

/** A figure in the budget and the line it was read from. */
export interface BudgetLine {
  amount: TokenAmount
  node: Nodes
}

/** What a plan's budget section says. */
export interface PlanBudget {
  target: BudgetLine | undefined
  buffer: BudgetLine | undefined
  buckets: Array<BudgetLine & {name: string}>
  /** Lines that name a target, buffer or budget but carry no figure sop-lint can read. */
  unparsed: Nodes[]
}

const targetWords = /\b(target|aim|budget|planned|per window)\b/i
const bufferWord = /\bbuffer\b/i
const bucketsLabel = /^\s*buckets?\s*:?\s*$/i

/**
 * Reads target, buffer and buckets from the budget section. The buffer may
 * also stand elsewhere in the plan (`**Buffer:** 20K tokens reserved` under
 * Tasks), as real plans write it.
 */
export function readBudget(budgetSections: Section[], tree: Root, contextWindow: number): PlanBudget {
  const budget: Omit<PlanBudget, 'unparsed'> = {target: undefined, buffer: undefined, buckets: []}
  const unparsed: Nodes[] = []
  for (const section of budgetSections) {
    for (const block of section.children) {
      for (const line of linesOf(block)) readLine(line, budget, unparsed, contextWindow)
    }
  }
  if (!budget.buffer) {
    visit(tree, 'paragraph', (paragraph: Paragraph) => {
      if (budget.buffer) return false
      const text = toString(paragraph)
      if (!/^\s*buffer\b/i.test(text)) return undefined
      const amount = findTokenAmounts(text)[0]
      if (amount) budget.buffer = {amount, node: paragraph}
      return undefined
    })
  }
  return {...budget, unparsed}
}

/** A line is a paragraph, or a list item's own text with its nested bucket list. */
function linesOf(block: Nodes): Array<{node: Nodes; text: string; nested: ListItem[]}> {
  if (block.type === 'paragraph') return [{node: block, text: toString(block), nested: []}]
  if (block.type !== 'list') return []
  return block.children.map((item) => {
    const own = item.children.filter((child) => child.type !== 'list')
    const nested = item.children.flatMap((child) => (child.type === 'list' ? child.children : []))
    return {node: item, text: own.map((child) => toString(child)).join(' '), nested}
  })
}

function readLine(
  line: {node: Nodes; text: string; nested: ListItem[]},
  budget: Omit<PlanBudget, 'unparsed'>,
  unparsed: Nodes[],
  contextWindow: number
): void {
  if (bucketsLabel.test(line.text)) {
    for (const item of line.nested) {
      const text = toString(item)
      const amount = findTokenAmounts(text).at(-1)
      if (amount) budget.buckets.push({name: text.split(':')[0]!.trim(), amount, node: item})
      else unparsed.push(item)
    }
    return
  }
  const amounts = findTokenAmounts(line.text)
  const bufferAt = line.text.search(bufferWord)
  let rest = amounts
  if (bufferAt !== -1) {
    const buffer = nearest(amounts, bufferAt)
    if (buffer && !budget.buffer) budget.buffer = {amount: buffer, node: line.node}
    else if (!buffer) unparsed.push(line.node)
    rest = amounts.filter((amount) => amount !== buffer)
  }
  if (targetWords.test(line.text) && !budget.target) {
    const target = rest.find((amount) => !isWindowMention(line.text, amount, contextWindow))
    if (target) budget.target = {amount: target, node: line.node}
    else if (bufferAt === -1) unparsed.push(line.node)
    return
  }
  const labelled = /^\s*([^:]{1,60}):/.exec(line.text)
  if (bufferAt === -1 && labelled && rest.length === 1) {
    budget.buckets.push({name: labelled[1]!.trim(), amount: rest[0]!, node: line.node})
  }
}

/** `of 272K` names the window the percentages are of, not the target. */
function isWindowMention(text: string, amount: TokenAmount, contextWindow: number): boolean {
  return amount.min === contextWindow && /of\s*\**\s*$/i.test(text.slice(0, amount.start))
}

/** The figure closest to the word "buffer" in a line. */
function nearest(amounts: TokenAmount[], index: number): TokenAmount | undefined {
  let best: TokenAmount | undefined
  for (const amount of amounts) {
    const distance = Math.min(Math.abs(amount.start - index), Math.abs(amount.end - index))
    const bestDistance = best ? Math.min(Math.abs(best.start - index), Math.abs(best.end - index)) : Infinity
    if (distance < bestDistance) best = amount
  }
  return best
}

/**
 * A plan without a budget section may state its budget in prose: a line
 * labelled like the budget section (`- Budget: aim ≤ 200 k tokens` under
 * "Scope & Constraints") that carries a token figure, outside the tasks.
 * That line stands in for the section.
 */
export function findBudgetLine(tree: Root, config: SopLintConfig, sections: readonly Section[]): Section | undefined {
  const {title, aliases} = config.plan.sections.budget
  const labels = new Set([title, ...aliases].map(normalizeHeading))
  const inTasks = new Set(sections.filter((section) => section.id === 'tasks').flatMap((section) => section.children))
  let found: Paragraph | undefined
  for (const block of tree.children) {
    if (found) break
    if (inTasks.has(block)) continue
    visit(block, 'paragraph', (paragraph: Paragraph) => {
      const text = toString(paragraph)
      const label = /^\s*([^:\n]{1,40}):/.exec(text)?.[1]
      if (label === undefined || !labels.has(normalizeHeading(label)) || findTokenAmounts(text).length === 0)
        return undefined
      found = paragraph
      return false
    })
  }
  return found && {id: 'budget', heading: found, depth: 7, children: [found]}
}
