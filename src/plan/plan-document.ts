import type {Root, RootContent} from 'mdast'
import type {VFile} from 'vfile'
import type {SopLintConfig} from '../config/schema.js'
import {findSections, sectionsWithId, type Section} from '../markdown/sections.js'
import {findBudgetLine, readBudget, type PlanBudget} from './budget.js'
import {findTasks, type Task} from './tasks.js'

/** A plan as the rules see it: its sections, tasks and budget, read once per tree. */
export interface PlanDocument {
  tree: Root
  /** The document's text, as the tree's offsets index it (without a byte order mark). */
  source: string
  /**
   * The procedure's sections in document order. Tasks written as phases or a
   * task table make the Tasks section, a `Budget: …` line in prose the
   * budget; a section inside a task (a phase's "Tests & Validation") is the
   * task's, when the plan has one of that kind outside its tasks.
   */
  sections: Section[]
  tasks: Task[]
  budget: PlanBudget
  /** Every section with an id (several "Tasks (…)" sections are one logical section). */
  section(id: Section['id']): Section[]
}

declare module 'vfile' {
  interface DataMap {
    /** The plan read from the file's tree, once however many plan rules ask for it. */
    sopLintPlan: PlanDocument
  }
}

/** The plan in a file's tree, read once per file. */
export function readPlan(tree: Root, file: VFile, config: SopLintConfig): PlanDocument {
  let plan = file.data.sopLintPlan
  if (plan?.tree !== tree) {
    // Offsets in the tree index the text without a byte order mark: micromark skips it.
    const source = String(file.value).replace(/^\uFEFF/, '')
    const found = findSections(tree, config)
    const planTasks = findTasks(tree, found, config, source)
    const sections = withoutTaskInternals(found, planTasks.spans, tree)
    if (planTasks.section) sections.push(planTasks.section)
    if (sectionsWithId(sections, 'budget').length === 0) {
      const line = findBudgetLine(tree, config, sections)
      if (line) sections.push(line)
    }
    sections.sort((a, b) => (a.heading.position?.start.offset ?? 0) - (b.heading.position?.start.offset ?? 0))
    plan = {
      tree,
      source,
      sections,
      tasks: planTasks.tasks,
      budget: readBudget(sectionsWithId(sections, 'budget'), tree, config.budget.contextWindow),
      section: (id) => sectionsWithId(sections, id)
    }
    file.data.sopLintPlan = plan
  }
  return plan
}

/** Sections that stand inside a task written as a heading belong to it, when one of their kind stands outside every task. */
function withoutTaskInternals(sections: Section[], spans: Array<{start: number; end: number}>, tree: Root): Section[] {
  const inside = (section: Section) => {
    const index = tree.children.indexOf(section.heading as RootContent)
    return spans.some((span) => index > span.start && index < span.end)
  }
  return sections.filter(
    (section) => !inside(section) || !sections.some((other) => other.id === section.id && !inside(other))
  )
}
