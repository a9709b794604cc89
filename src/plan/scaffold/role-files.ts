/**
 * The files the procedure reads and writes besides the plan — the progress
 * log, the handoff notes, the token ledger and the Task ↔ Spec table — as
 * `--fix` creates them when they are missing: a title and what the file is
 * for, and the header a ledger needs. What goes in them (the plan pointer, the
 * planning row, a row per planned task) is added by the
 * rules' own fixes in the passes that follow, so there is one way to write each.
 */
import type {SopLintConfig} from '../../config/schema.js'
import {captureTemplate} from '../../tokens/status-capture.js'
import type {Workspace} from '../../workspace/workspace.js'

export interface NewFile {
  /** Repository-relative path. */
  path: string
  text: string
}

/**
 * The role files that are missing (nothing stands at their path) and that a
 * rule which is on needs: the progress log and the handoff for `plan-pointer`,
 * the ledger for `ledger-planning-row`, the table for `spec-table`.
 */
export function missingRoleFiles(workspace: Workspace, date: string): NewFile[] {
  const {paths, rules} = workspace.config
  const wanted: Array<[string, boolean, () => string]> = [
    [paths.progress, rules['plan-pointer'] !== 'off', () => progressText(workspace.config, date)],
    [paths.handoff, rules['plan-pointer'] !== 'off', () => handoffText(date)],
    [paths.ledger, rules['ledger-planning-row'] !== 'off', () => ledgerText(workspace.config)],
    [paths.taskSpecTable, rules['spec-table'] !== 'off', () => taskSpecText()]
  ]
  return wanted.filter(([path, on]) => on && !workspace.exists(path)).map(([path, , text]) => ({path, text: text()}))
}

function progressText(config: SopLintConfig, date: string): string {
  const capture = config.rules['status-capture'] === 'off' ? '' : `\n- ${captureTemplate(config)}\n`
  return `# Progress\n\nNewest entries last: what each session shipped, its \`/status\` capture and the pointer to the next plan.\n\n## ${date}\n${capture}`
}

function handoffText(date: string): string {
  return `# Session handoff\n\nOne entry per session, newest last: the plan it follows and what is open.\n\n## ${date}\n`
}

function ledgerText(config: SopLintConfig): string {
  return `${config.ledger.columns.join(',')}\n`
}

function taskSpecText(): string {
  return '# Task ↔ Spec\n\nEvery planned task, its status and the `.feature` spec written before its code.\n'
}
