import type {Nodes, Text} from 'mdast'
import {visit} from 'unist-util-visit'
import type {Point, Position} from 'unist'

/** A file or folder a document names. */
export interface PathRef {
  /** The path as written, without `#anchor` or `:line` suffix. */
  path: string
  /** Where it is written. */
  position: Position | undefined
  /** `path:12` or `path:12-30` cited lines, when given. */
  lines: {start: number; end: number} | undefined
  /** The path names a pattern (`{a,b}`, `*`, `<YYYY-MM-DD>`) rather than one file. */
  pattern: boolean
  /** Links resolve from the document's folder; code spans and bare words from the repository root. */
  kind: 'code' | 'link' | 'text'
  /** The words just before it mark it as a file still to make: `optional `x.sh``, `new `x.md``, `x.md (new)`. */
  marked?: 'new' | 'optional'
  /** The label its line starts with, `CCP: `ClaudeCodeProxy/x.md``: where another repository's paths are told apart. */
  label?: string
  /** A bare name after a path in a list (`ai-docs/README.md, MANIFEST.md`): the folder it shares with that path. */
  folder?: string
}

/** Endings that make a word without a folder separator read as a file name (`tracker.cli` is a module, not a file). */
const knownExtensions =
  /\.(md|markdown|mdx|csv|tsv|feature|json|jsonl|ya?ml|toml|txt|ini|cfg|conf|lock|py|ts|tsx|js|mjs|cjs|sh|bash|zsh|sql|html?|css|xml|pdf|png|jpe?g|svg|zip|gz|env|log)$/i
const fileExtension = /\.[A-Za-z][\w-]{0,9}$/
const lineSuffix = /:(\d+)(?:-(\d+))?$/

/**
 * Whether a token reads as a path: no spaces, not a URL or option, and either
 * a folder separator or a file extension.
 */
export function isPathLike(token: string): boolean {
  if (token.length < 3 || /\s/.test(token)) return false
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(token) || token.startsWith('mailto:')) return false
  if (token.startsWith('-') || token.startsWith('$') || token.includes('=')) return false
  if (!/^[\w~./<{@]/.test(token)) return false
  const bare = stripSuffixes(token).path
  if (/^\d+([/.]\d+)*$/.test(bare)) return false
  // `/status`, `/compact`: an agent's slash command, not a path (the canonical handoff names `/status`).
  if (/^\/[a-z][\w-]*$/i.test(bare)) return false
  return bare.includes('/') ? /[A-Za-z]/.test(bare) : knownExtensions.test(bare)
}

/** Whether a path names a file (has an extension) rather than only a folder or a module path. */
export function namesFile(pathText: string): boolean {
  const bare = stripSuffixes(pathText).path
  return bare.includes('/') ? fileExtension.test(bare) : knownExtensions.test(bare)
}

function stripSuffixes(token: string): {path: string; lines: PathRef['lines']} {
  const withoutAnchor = token.replace(/#[^/]*$/, '')
  const lineMatch = lineSuffix.exec(withoutAnchor)
  if (!lineMatch) return {path: withoutAnchor, lines: undefined}
  const start = Number(lineMatch[1])
  return {
    path: withoutAnchor.slice(0, lineMatch.index),
    lines: {start, end: lineMatch[2] === undefined ? start : Number(lineMatch[2])}
  }
}

/** A link destination with its `%XX` escapes decoded; as written when they are not valid UTF-8 (`%E0%A4%A`). */
export function decodeLink(url: string): string {
  try {
    return decodeURI(url)
  } catch {
    return url
  }
}

function toRef(token: string, position: Position | undefined, kind: PathRef['kind']): PathRef {
  const {path, lines} = stripSuffixes(windowsToPosix(token))
  return {path, position, lines, pattern: /[{}*<>]/.test(path), kind}
}

/** `Data\x.txt`, `docs\a\b.md`: a Windows path, read with forward slashes; a drive (`C:\`) stays absolute. */
function windowsToPosix(token: string): string {
  if (!token.includes('\\') || token.includes('/')) return token
  return token.replace(/\\/g, '/')
}

/** `optional `x``, `new: `x``: the word right before a path (one quantifier over what may follow it: linear on long blanks). */
const marks = /\b(optional|new)[\s:(]*$/i
const markAfter = /^\s*\((optional|new)\)/i
/** How far before and after a path its mark is looked for. */
const markReach = 40
/** `CCP: ` at the start of a line: a short label of letters, digits, dots or dashes. */
const lineLabel = /^\s*([A-Za-z][\w.-]{0,30})\s*:\s*$/

/**
 * Every path a node names: code spans, link targets and bare path-like words
 * in text. Positions point at the path itself. A code span that lists paths
 * (`ai-docs/README.md, MANIFEST.md`) names each; a bare name after a path in
 * such a list shares its folder; what stands before a path may mark it as a
 * file to make (`optional`, `new`) or label it (`CCP:`).
 */
export function findPathRefs(node: Nodes): PathRef[] {
  const refs: PathRef[] = []
  visit(node, (child, index, parent) => {
    const before = parent && index !== undefined ? textBefore(parent.children as Nodes[], index) : ''
    const after = parent && index !== undefined ? textAfter(parent.children as Nodes[], index) : ''
    const found: PathRef[] = []
    if (child.type === 'inlineCode') {
      const token = child.value.trim()
      if (isPathLike(token)) found.push(toRef(token, child.position, 'code'))
      else found.push(...listedPaths(token, child.position))
    } else if (child.type === 'link') {
      const url = decodeLink(child.url)
      // A link's destination is a path even with spaces (`<docs/a b.md>`, `docs/a%20b.md`); a code span with spaces is a command.
      if (isPathLike(url.replace(/\s/g, '_')) && !url.startsWith('#')) found.push(toRef(url, child.position, 'link'))
    } else if (child.type === 'text') {
      found.push(...bareRefs(child))
    }
    if (found.length === 0) return
    const mark = (
      marks.exec(before.slice(-markReach))?.[1] ?? markAfter.exec(after.slice(0, markReach))?.[1]
    )?.toLowerCase() as PathRef['marked']
    const label =
      parent && index !== undefined && isFirstInline(parent.children as Nodes[], index)
        ? lineLabel.exec(before)?.[1]
        : undefined
    for (const ref of found) {
      if (mark && child.type !== 'text') ref.marked = mark
      if (label) ref.label = label
    }
    refs.push(...found)
  })
  return shareFolders(refs)
}

/** The text of the inline siblings before `index`, back to the previous path-like node. */
function textBefore(siblings: readonly Nodes[], index: number): string {
  let text = ''
  for (let at = index - 1; at >= 0; at--) {
    const sibling = siblings[at]!
    if (sibling.type !== 'text') break
    text = sibling.value + text
  }
  return text.split('\n').at(-1)!
}

function textAfter(siblings: readonly Nodes[], index: number): string {
  const next = siblings[index + 1]
  return next?.type === 'text' ? next.value : ''
}

/** Whether only text stands before the node on its line: a label there labels the line. */
function isFirstInline(siblings: readonly Nodes[], index: number): boolean {
  return siblings.slice(0, index).every((sibling) => sibling.type === 'text')
}

/** `a/x.md, y.md` in one code span: each path of a comma-separated list. */
function listedPaths(token: string, position: Position | undefined): PathRef[] {
  const parts = token.split(',').map((part) => part.trim())
  if (parts.length < 2 || !parts.every((part) => isPathLike(part))) return []
  return parts.map((part) => toRef(part, position, 'code'))
}

/** A bare name right after a path with a folder, in one list (`ai-docs/README.md, MANIFEST.md`), shares that folder. */
function shareFolders(refs: PathRef[]): PathRef[] {
  refs.forEach((ref, index) => {
    const previous = refs[index - 1]
    if (!previous || ref.path.includes('/') || !previous.path.includes('/') || previous.kind === 'link') return
    const sameLine = ref.position?.start.line === previous.position?.start.line
    if (sameLine) ref.folder = previous.folder ?? previous.path.slice(0, previous.path.lastIndexOf('/'))
  })
  return refs
}

function bareRefs(node: Text): PathRef[] {
  const refs: PathRef[] = []
  for (const match of node.value.matchAll(/[^\s,;()"'`[\]]+/g)) {
    const token = withoutTrailing(match[0], '.:')
    // In prose, "codex/claude" is a pair of words; only a word with a file ending is taken for a path.
    if (!isPathLike(token) || !namesFile(token)) continue
    const ref = toRef(token, offsetPosition(node, match.index, token.length), 'text')
    const end = match.index + match[0].length
    const mark =
      marks.exec(node.value.slice(Math.max(0, match.index - markReach), match.index))?.[1] ??
      markAfter.exec(node.value.slice(end, end + markReach))?.[1]
    if (mark) ref.marked = mark.toLowerCase() as PathRef['marked']
    refs.push(ref)
  }
  return refs
}

/**
 * Position of a slice of a text node. Text nodes in the blocks sop-lint reads
 * hold no escapes or line breaks before a path, so the offset maps one to one.
 */
function offsetPosition(node: Text, index: number, length: number): Position | undefined {
  const start = node.position?.start
  if (!start || start.offset === undefined) return undefined
  const before = node.value.slice(0, index)
  const lineBreaks = before.split('\n').length - 1
  const column = lineBreaks === 0 ? start.column + index : index - before.lastIndexOf('\n')
  const begin: Point = {line: start.line + lineBreaks, column, offset: start.offset + index}
  return {start: begin, end: {line: begin.line, column: begin.column + length, offset: begin.offset! + length}}
}

/**
 * The most files one `{a,b}` path may stand for. Each is looked up on every
 * check and push, and alternatives multiply: `{a,b}` written sixteen times is
 * 65,536 paths.
 */
export const maxBraceAlternatives = 64

/**
 * Expands `{a,b}` alternatives, `x_{a,b}.md` → `x_a.md`, `x_b.md`, group by
 * group; undefined as soon as they would be more than `limit`.
 */
export function expandBraces(pathText: string, limit = maxBraceAlternatives): string[] | undefined {
  // Counted before any path is built, so a path of many groups is refused at the cost of reading it once.
  let count = 1
  for (const group of pathText.matchAll(/\{([^{}]*)\}/g)) {
    count *= group[1]!.split(',').length
    if (count > limit) return undefined
  }
  let expanded = [pathText]
  for (;;) {
    const group = /\{([^{}]*)\}/.exec(expanded[0]!)
    if (!group) return expanded
    const choices = group[1]!.split(',')
    if (expanded.length * choices.length > limit) return undefined
    // Every candidate has the same groups at the same place, so the first one's group is every one's.
    expanded = expanded.flatMap((text) => {
      const at = /\{([^{}]*)\}/.exec(text)!
      return choices.map((choice) => `${text.slice(0, at.index)}${choice}${text.slice(at.index + at[0].length)}`)
    })
  }
}

/** `cd DIR && …` or `cd DIR` alone: the folder the rest of the command, and the commands after it, run in. */
export function commandFolder(command: string): string | undefined {
  const cd = /^\s*cd\s+([^\s;&|]+)\s*(?:&&|;|$)/.exec(command)
  return cd ? cd[1]!.replace(/\/$/, '') : undefined
}

/** Languages of code blocks whose lines are shell commands (a block with no language counts too). */
export const shellLanguages = new Set(['sh', 'bash', 'shell', 'console', 'zsh'])

/** Options whose value is a file the command writes. */
const outputOptions = new Set(['-o', '--out', '--output', '--output-file', '--outfile', '--out-file', '--log-file'])
/** An example to fill in rather than a path: `<name>`, `{a,b}`, `*`, `$VAR`, `YYYY-MM-DD`, `…`. */
const placeholder = /[{}*<>$…]|\.\.\.|YYYY|MM-?DD|\bXX+\b/

/** Files a shell command writes: `> out.txt`, `cat <<'EOF' > src/x.py`, `--out report.json`, `-o x`, `touch x`. */
export function commandWrites(command: string): string[] {
  const tokens = command
    .replace(/^\s*cd\s+\S+\s*(?:&&|;)/, '')
    .split(/\s+/)
    .filter(Boolean)
  const written: string[] = []
  tokens.forEach((raw, index) => {
    const previous = tokens[index - 1] ?? ''
    const attached = /^\d?>>?(\S+)$/.exec(raw)?.[1]
    const token = (
      attached ?? (/^\d?>>?$/.test(previous) || outputOptions.has(previous) || previous === 'touch' ? raw : '')
    ).replace(/^['"]|['",;]$/g, '')
    if (token && isPathLike(token) && namesFile(token) && !placeholder.test(token)) written.push(token)
  })
  return written
}

/**
 * Paths of files a shell command reads: `pytest tests/test_x.py` →
 * `tests/test_x.py`, from the folder a leading `cd DIR &&` enters (or
 * `folder`, where an earlier command entered one). Files it writes (`> out.txt`,
 * `--out X`, `-o X`) and example placeholders need not exist, so are left out.
 */
export function commandPaths(command: string, folder = ''): string[] {
  const cd = commandFolder(command)
  const base = cd === undefined ? folder : folder && !cd.startsWith('/') && !cd.startsWith('~') ? `${folder}/${cd}` : cd
  const rest = cd === undefined ? command : command.replace(/^\s*cd\s+\S+\s*(?:&&|;)?/, '')
  const tokens = rest.split(/\s+/).filter(Boolean)
  const read: string[] = []
  tokens.forEach((raw, index) => {
    const previous = tokens[index - 1] ?? ''
    if (/^\d?>>?$/.test(previous) || outputOptions.has(previous) || /^\d?>>?\S/.test(raw)) return
    for (const part of raw.split('=')) {
      const token = part.replace(/^['"]|['",;]$/g, '')
      if (!isPathLike(token) || !namesFile(token) || placeholder.test(token)) continue
      read.push(base && !token.startsWith('/') && !token.startsWith('~') ? `${base}/${token}` : token)
    }
  })
  return read
}

/** The text without the run of `characters` that ends it. A `/[.:]+$/` tried from every dot of a long run of them was quadratic. */
function withoutTrailing(text: string, characters: string): string {
  let end = text.length
  while (end > 0 && characters.includes(text[end - 1]!)) end--
  return text.slice(0, end)
}
