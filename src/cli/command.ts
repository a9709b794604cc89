/** A sub-command of the CLI: `sop-lint <name> …`. */
export interface Command {
  /** Words that select it, e.g. `['hook', 'pre-push']`. */
  words: string[]
  /** One line for the overview in `sop-lint --help`. */
  summary: string
  /** The text `sop-lint <words> --help` prints. */
  help: string
  /** Runs it with the arguments after its words; resolves to the exit code. */
  run(argv: string[]): Promise<number>
}
