import type {OptionSpecs} from './options.js'

/** A sub-command of the CLI: `sop-lint <words> …`. */
export interface Command {
  /** Words that select it, e.g. `['hook', 'pre-push']`. */
  words: string[]
  /** One line for the overview in `sop-lint --help`. */
  summary: string
  /** What follows `Usage: ` in its help: the synopsis. */
  usage: string
  /** What it does, as its help says it: paragraphs wrapped at 80 columns. */
  description: string
  /** Its options, which its help lists and its parser takes. */
  options: OptionSpecs
  /** Command lines with what each does, for the Examples section of its help. */
  examples: Array<[command: string, what: string]>
  /** Paragraphs after the examples (exit codes, configuration). */
  footer?: string
  /** Runs it with the arguments after its words (global options written before them included); resolves to the exit code. */
  run(argv: string[]): Promise<number>
}
