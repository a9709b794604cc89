import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import type {SopLintConfig} from '../config/schema.js'
import {findSections, sectionsWithId, type Section} from '../markdown/sections.js'
import {readBudget, type PlanBudget} from './budget.js'
import {readTasks, type Task} from './tasks.js'

/** A plan as the rules see it: its sections, tasks and budget, read once per tree. */
export interface PlanDocument {
  tree: Root
  /** The document's text, as the tree's offsets index it (without a byte order mark). */
  source: string
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
    const sections = findSections(tree, config)
    plan = {
      tree,
      source,
      sections,
      tasks: readTasks(sectionsWithId(sections, 'tasks'), config, source),
      budget: readBudget(sectionsWithId(sections, 'budget'), tree, config.budget.contextWindow),
      section: (id) => sectionsWithId(sections, id)
    }
    file.data.sopLintPlan = plan
  }
  return plan
}
