/**
 * Scores a sop-lint JSON report of the agentos example workspace against the
 * hand classification of its messages (`agentos-labels.tsv`: class, rule,
 * severity, file:line:col, message, why). A message matches a label of the
 * same rule at the same file and line; where a line holds several labels of
 * one rule, the label with the same text is taken first.
 *
 * `node dist/scripts/score-agentos.js [--report FILE] [--examples DIR]
 * [--no-siblings] [--default]` runs the built CLI with `--all-plans` (the
 * default check with `--default`) on a temporary git copy of the workspace
 * (the examples folder is read-only) with the real tree's code files as empty
 * files and, unless `--no-siblings`, the other repository the labels say
 * some paths live in (mapped in `paths.siblings`), unless a report is given, and prints
 * the TRUE messages kept, the FALSE and NOISE ones left, the rule and file
 * pairs that lost every TRUE message, and each new message.
 */
import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

export type LabelClass = 'TRUE' | 'FALSE' | 'NOISE'

export interface Label {
  readonly class: LabelClass
  readonly rule: string
  readonly file: string
  readonly line: number
  readonly message: string
  readonly why: string
}

export interface ReportedMessage {
  readonly rule: string
  readonly file: string
  readonly line: number
  readonly column: number
  readonly message: string
}

export interface Score {
  readonly labels: readonly Label[]
  /** Labels whose message is still reported. */
  readonly kept: readonly Label[]
  /** Labels whose message is gone. */
  readonly gone: readonly Label[]
  /** Messages that match no label. */
  readonly added: readonly ReportedMessage[]
  /** `rule file` pairs that had a TRUE label and now have no TRUE message. */
  readonly lostPairs: readonly string[]
}

interface JsonResult {
  filePath: string
  messages: {ruleId: string | null; message: string; line?: number; column?: number}[]
}

/** The labels of `agentos-labels.tsv`, header skipped. */
export function readLabels(tsv: string): Label[] {
  return tsv
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [cls = '', rule = '', , location = '', message = '', why = ''] = line.split('\t')
      const [, file = '', lineNumber = '0'] = /^(.*):(\d+):\d+$/.exec(location) ?? []
      return {class: cls as LabelClass, rule, file, line: Number(lineNumber), message, why}
    })
}

/** The paths of `agentos-TREE.txt`, one a line. */
export function readTree(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.endsWith('/'))
}

/** The messages of an ESLint-shaped JSON report, with paths relative to `root`. */
export function reportedMessages(results: readonly JsonResult[], root: string): ReportedMessage[] {
  return results.flatMap((result) =>
    result.messages.map((message) => ({
      rule: message.ruleId ?? '',
      file: path.relative(root, result.filePath).split(path.sep).join('/'),
      line: message.line ?? 0,
      column: message.column ?? 0,
      message: message.message
    }))
  )
}

const keyOf = (item: {rule: string; file: string; line: number}) => `${item.rule} ${item.file}:${item.line}`

export function scoreReport(labels: readonly Label[], messages: readonly ReportedMessage[]): Score {
  const open = new Map<string, Label[]>()
  for (const label of labels) open.set(keyOf(label), [...(open.get(keyOf(label)) ?? []), label])
  const kept: Label[] = []
  const added: ReportedMessage[] = []
  const unmatched: ReportedMessage[] = []
  // Same text first, so that two labels on one line are told apart by their messages.
  for (const message of messages) {
    const candidates = open.get(keyOf(message)) ?? []
    const index = candidates.findIndex((label) => label.message === message.message)
    if (index === -1) unmatched.push(message)
    else kept.push(...candidates.splice(index, 1))
  }
  for (const message of unmatched) {
    const candidates = open.get(keyOf(message)) ?? []
    // One message that lists several missing fields stands for the label of each field it names.
    const listed = candidates.filter((label) => namesSameGap(label, message))
    const taken = listed.length > 0 ? listed : candidates.slice(0, 1)
    for (const label of taken) candidates.splice(candidates.indexOf(label), 1)
    if (taken.length > 0) kept.push(...taken)
    else added.push(message)
  }
  const gone = [...open.values()].flat()
  const pairOf = (item: {rule: string; file: string}) => `${item.rule} ${item.file}`
  const truePairs = new Set(labels.filter((label) => label.class === 'TRUE').map(pairOf))
  const stillTrue = new Set(kept.filter((label) => label.class === 'TRUE').map(pairOf))
  // A TRUE message reported at another line of the same file still counts for its pair.
  for (const message of added) stillTrue.add(pairOf(message))
  const lostPairs = [...truePairs].filter((pair) => !stillTrue.has(pair)).sort()
  return {labels, kept, gone, added, lostPairs}
}

/** What a “… has no X …” message says is missing: the text after its last “” has no ” up to the advice. */
function gapOf(text: string): string | undefined {
  const at = text.lastIndexOf('” has no ')
  if (at === -1) return undefined
  return text.slice(at + '” has no '.length).split(/: add |: write /)[0]
}

function namesSameGap(label: Label, message: ReportedMessage): boolean {
  const field = gapOf(label.message)?.replace(/ \(.*$/, '')
  const listed = gapOf(message.message)
  if (field === undefined || listed === undefined) return false
  return listed.split(/, | or | and /).some((part) => part.replace(/ \(.*$/, '').trim() === field)
}

const count = (labels: readonly Label[], ...classes: LabelClass[]) =>
  labels.filter((label) => classes.includes(label.class)).length

export function formatScore(score: Score): string {
  const lines = [
    `TRUE kept: ${count(score.kept, 'TRUE')} of ${count(score.labels, 'TRUE')}`,
    `FALSE/NOISE remaining: ${count(score.kept, 'FALSE', 'NOISE')} of ${count(score.labels, 'FALSE', 'NOISE')} (FALSE ${count(score.kept, 'FALSE')}, NOISE ${count(score.kept, 'NOISE')})`,
    `new messages: ${score.added.length}`,
    `rule and file pairs that lost every TRUE message: ${score.lostPairs.length}`,
    ...score.lostPairs.map((pair) => `  ${pair}`),
    '',
    'FALSE/NOISE remaining:',
    ...score.kept
      .filter((label) => label.class !== 'TRUE')
      .map((label) => `  ${label.class} ${keyOf(label)} ${label.message}`),
    '',
    'TRUE gone:',
    ...score.gone.filter((label) => label.class === 'TRUE').map((label) => `  ${keyOf(label)} ${label.message}`),
    '',
    'new messages:',
    ...score.added.map(
      (message) => `  ${message.rule} ${message.file}:${message.line}:${message.column} ${message.message}`
    )
  ]
  return `${lines.join('\n')}\n`
}

/**
 * Runs the built CLI with `--all-plans` on a temporary git copy of
 * `examples`, and returns its messages. The copy left the code out; every
 * path of `tree` (the real tree's file list) it lacks is made an empty file,
 * so that a check of whether a named file exists gets the real answer, as
 * when the labels were made.
 */
export function checkCopy(
  examples: string,
  cli: string,
  tree: readonly string[],
  options: {args?: readonly string[]; siblings?: readonly Sibling[]} = {}
): ReportedMessage[] {
  const parent = mkdtempSync(path.join(tmpdir(), 'sop-lint-agentos-'))
  const root = path.join(parent, 'agentos')
  try {
    cpSync(examples, root, {recursive: true})
    for (const sibling of options.siblings ?? []) {
      for (const file of sibling.files) {
        const target = path.resolve(root, sibling.folder, file)
        mkdirSync(path.dirname(target), {recursive: true})
        writeFileSync(target, '')
      }
    }
    if (options.siblings?.length) {
      const map = Object.fromEntries(options.siblings.map((sibling) => [sibling.label, sibling.folder]))
      writeFileSync(
        path.join(root, '.remarkrc.json'),
        JSON.stringify({plugins: [['sop-lint', {paths: {siblings: map}}]]})
      )
    }
    for (const file of tree) {
      const target = path.join(root, file)
      if (existsSync(target)) continue
      mkdirSync(path.dirname(target), {recursive: true})
      writeFileSync(target, '')
    }
    const git = (...args: string[]) => spawnSync('git', args, {cwd: root, encoding: 'utf8'})
    git('init', '-q')
    git('add', '-A')
    git('-c', 'user.name=score', '-c', 'user.email=score@example.com', 'commit', '-q', '-m', 'agentos')
    const run = spawnSync(
      process.execPath,
      [cli, '--root', root, ...(options.args ?? ['--all-plans']), '--format', 'json', '--no-cache'],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024
      }
    )
    if (run.status !== 0 && run.status !== 1) throw new Error(`sop-lint exited ${run.status}: ${run.stderr}`)
    return reportedMessages(JSON.parse(run.stdout) as JsonResult[], root)
  } finally {
    rmSync(parent, {recursive: true, force: true})
  }
}

/** Another repository beside the workspace, as the labels know it: its folder, the label its paths carry, and files they say it has. */
export interface Sibling {
  folder: string
  label: string
  files: string[]
}

/**
 * The repositories the labels say a path lives in (“file exists in sibling
 * repo ../Other (labelled OTH:)”), with the files they say exist there: the
 * setting the labels were made in, which the copy does not carry.
 */
export function siblingsOf(labels: readonly Label[]): Sibling[] {
  const siblings = new Map<string, Sibling>()
  for (const label of labels) {
    const said = /sibling repo (\.\.\/[\w.-]+) \(labelled (\w+):\)/.exec(label.why)
    const named = /`([^`]+)`/.exec(label.message)?.[1]
    if (!said || !named) continue
    const [, folder, tag] = said as unknown as [string, string, string]
    const sibling = siblings.get(folder) ?? {folder, label: tag, files: []}
    const name = path.posix.basename(folder)
    sibling.files.push(named.startsWith(`${name}/`) ? named.slice(name.length + 1) : named)
    siblings.set(folder, sibling)
  }
  return [...siblings.values()]
}

function main(): void {
  const projectRoot = fileURLToPath(new URL('../../', import.meta.url))
  const args = process.argv.slice(2)
  const option = (name: string) => {
    const index = args.indexOf(name)
    return index === -1 ? undefined : args[index + 1]
  }
  const examples = path.resolve(option('--examples') ?? path.join(projectRoot, '../shared/examples'))
  const labels = readLabels(readFileSync(path.join(examples, 'agentos-labels.tsv'), 'utf8'))
  const reportFile = option('--report')
  const messages = reportFile
    ? reportedMessages(
        JSON.parse(readFileSync(reportFile, 'utf8')) as JsonResult[],
        path.resolve(option('--report-root') ?? '.')
      )
    : checkCopy(
        path.join(examples, 'agentos'),
        path.join(projectRoot, 'dist/src/cli/main.js'),
        readTree(readFileSync(path.join(examples, 'agentos-TREE.txt'), 'utf8')),
        {
          siblings: args.includes('--no-siblings') ? [] : siblingsOf(labels),
          args: args.includes('--default') ? [] : ['--all-plans']
        }
      )
  process.stdout.write(formatScore(scoreReport(labels, messages)))
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main()
