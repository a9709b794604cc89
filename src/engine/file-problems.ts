/**
 * What stops a file from being checked as text, found before any rule sees
 * it: a file that cannot be read, a binary file or one too large to parse
 * named as Markdown, bytes that are not UTF-8, and files the procedure
 * expects that are folders or links sop-lint does not follow. Each is one
 * message at the file (no rule id: like a parse error, it cannot be turned
 * off), saying what is wrong and how to make it right.
 */
import path from 'node:path'
import {VFile} from 'vfile'
import type {Workspace} from '../workspace/workspace.js'

/** Adds an error that is no rule's to a file. */
export function addFileProblem(file: VFile, reason: string, place: {line: number; column: number} = {line: 1, column: 1}): void {
  const message = file.message(reason, {place, source: 'sop-lint'})
  message.fatal = true
}

/**
 * Reads a Markdown file to check into `file.value` (other files are only
 * asked whether they can be read) and reports what stops it from being
 * checked. Returns whether the rules may run on it: not when it could
 * not be read, is binary, or is Markdown above `limits.maxMarkdownBytes`.
 * Bytes that are not UTF-8 are reported and the rules still run (what they
 * say holds for the rest of the text), but `--fix` never writes such a file.
 */
export function readForCheck(workspace: Workspace, relativePath: string, file: VFile, markdown: boolean): boolean {
  // Other files are read by their rules when needed (a file too deep is reported unread): only ask whether they can be.
  const text = markdown ? workspace.source.read(relativePath) : undefined
  if (text === undefined) {
    const why = workspace.source.unusable?.(relativePath) ?? (markdown ? 'cannot be read' : undefined)
    if (why === undefined) return true
    addFileProblem(file, `\`${relativePath}\` ${why}: not checked; make it a readable file inside the repository`)
    return false
  }
  file.value = text
  const limit = workspace.config.limits.maxMarkdownBytes
  const bytes = Buffer.byteLength(text)
  if (bytes > limit) {
    addFileProblem(
      file,
      `\`${relativePath}\` is ${formatBytes(bytes)}, more than the ${formatBytes(limit)} sop-lint parses (limits.maxMarkdownBytes): not checked; split it, or raise the limit in the config`
    )
    return false
  }
  if (text.includes('\0')) {
    addFileProblem(file, `\`${relativePath}\` is a binary file (it holds NUL bytes), not Markdown: not checked; remove it or give it another name`)
    return false
  }
  if (unclosedFrontmatter(text)) {
    // micromark's frontmatter construct, once it fails, reads every list below as a paragraph: the rules would misread the file.
    addFileProblem(
      file,
      `\`${relativePath}\` starts with a \`${text.replace(/^\uFEFF/, '').slice(0, 3)}\` line that no closing one ends: its lists are not read as lists; close the frontmatter or remove that line (--fix leaves the file alone until then)`
    )
    unreliable.add(file)
  }
  const replaced = text.indexOf('\uFFFD')
  // A “\uFFFD” that a valid UTF-8 file holds is a character like any other.
  if (replaced !== -1 && workspace.source.isUtf8?.(relativePath) !== true) {
    addFileProblem(
      file,
      `\`${relativePath}\` has bytes that are not UTF-8 (read as “\uFFFD”): save it as UTF-8; --fix will not write it until then`,
      pointAt(text, replaced)
    )
  }
  return true
}

/** Files the procedure gives a role (and entries of the plans folder) that stand there but are not readable files. */
export function unusableRoleFiles(workspace: Workspace, cwd: string): VFile[] {
  const {paths, plan} = workspace.config
  const roles: Array<[string, string]> = [
    [paths.progress, 'the progress log'],
    [paths.handoff, 'the handoff notes'],
    [paths.taskSpecTable, 'the Task ↔ Spec table'],
    [paths.featureLog, 'the feature log'],
    [paths.glossary, 'the glossary'],
    [paths.ledger, 'the token ledger']
  ]
  const plans = workspace.source
    .list(paths.plans)
    .filter((name) => name.endsWith(plan.suffix))
    .sort()
    .map((name): [string, string] => [`${paths.plans}/${name}`, 'a plan'])
  const files: VFile[] = []
  for (const [relativePath, role] of [...roles, ...plans]) {
    if (workspace.source.isFile(relativePath)) continue
    const why = workspace.source.unusable?.(relativePath) ?? (workspace.exists(relativePath) ? 'is a folder, not a file' : undefined)
    if (why === undefined) continue
    const file = new VFile({path: path.relative(cwd, path.join(workspace.root, relativePath)), cwd})
    addFileProblem(file, `\`${relativePath}\` (${role}) ${why}: not checked; make it a readable file inside the repository`)
    files.push(file)
  }
  return files
}

/** Files whose text the parser misreads: `--fix` applies no edit to them (it would be appended again on every run). */
const unreliable = new WeakSet<VFile>()

export function misread(file: VFile): boolean {
  return unreliable.has(file)
}

/** A first line `---` or `+++` (a frontmatter fence) with no closing fence after it. */
function unclosedFrontmatter(text: string): boolean {
  const fence = /^\uFEFF?(---|\+\+\+)[ \t]*(\r?\n|\r|$)/.exec(text)
  if (!fence) return false
  const rest = text.slice(fence[0].length)
  const closing = fence[1] === '---' ? /^(---|\.\.\.)[ \t]*$/m : /^\+\+\+[ \t]*$/m
  return !closing.test(rest)
}

/** Whether another file's text may be parsed for a cross-file check: not binary, not above the size limit (its own check says why). */
export function parsable(text: string | undefined, workspace: Workspace): text is string {
  return text !== undefined && Buffer.byteLength(text) <= workspace.config.limits.maxMarkdownBytes && !text.includes('\0')
}

function pointAt(text: string, offset: number): {line: number; column: number} {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  return {line, column: offset - before.lastIndexOf('\n')}
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`
  return `${bytes} bytes`
}
