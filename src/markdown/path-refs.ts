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
}

/** Endings that make a word without a folder separator read as a file name (`tracker.cli` is a module, not a file). */
const knownExtensions = /\.(md|markdown|mdx|csv|tsv|feature|json|jsonl|ya?ml|toml|txt|ini|cfg|conf|lock|py|ts|tsx|js|mjs|cjs|sh|bash|zsh|sql|html?|css|xml|pdf|png|jpe?g|svg|zip|gz|env|log)$/i
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
  const {path, lines} = stripSuffixes(token)
  return {path, position, lines, pattern: /[{}*<>]/.test(path), kind}
}

/**
 * Every path a node names: code spans, link targets and bare path-like words
 * in text. Positions point at the path itself.
 */
export function findPathRefs(node: Nodes): PathRef[] {
  const refs: PathRef[] = []
  visit(node, (child) => {
    if (child.type === 'inlineCode') {
      const token = child.value.trim()
      if (isPathLike(token)) refs.push(toRef(token, child.position, 'code'))
    } else if (child.type === 'link') {
      const url = decodeLink(child.url)
      // A link's destination is a path even with spaces (`<docs/a b.md>`, `docs/a%20b.md`); a code span with spaces is a command.
      if (isPathLike(url.replace(/\s/g, '_')) && !url.startsWith('#')) refs.push(toRef(url, child.position, 'link'))
    } else if (child.type === 'text') {
      refs.push(...bareRefs(child))
    }
  })
  return refs
}

function bareRefs(node: Text): PathRef[] {
  const refs: PathRef[] = []
  for (const match of node.value.matchAll(/[^\s,;()"'`[\]]+/g)) {
    const token = match[0].replace(/[.:]+$/, '')
    // In prose, "codex/claude" is a pair of words; only a word with a file ending is taken for a path.
    if (!isPathLike(token) || !namesFile(token)) continue
    refs.push(toRef(token, offsetPosition(node, match.index, token.length), 'text'))
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

/** Expands one level of `{a,b}` alternatives: `x_{a,b}.md` → `x_a.md`, `x_b.md`. */
export function expandBraces(pathText: string): string[] {
  const match = /\{([^{}]*)\}/.exec(pathText)
  if (!match) return [pathText]
  const head = pathText.slice(0, match.index)
  const tail = pathText.slice(match.index + match[0].length)
  return match[1]!.split(',').flatMap((choice) => expandBraces(`${head}${choice}${tail}`))
}

/** `cd DIR && …` or `cd DIR` alone: the folder the rest of the command, and the commands after it, run in. */
export function commandFolder(command: string): string | undefined {
  const cd = /^\s*cd\s+([^\s;&|]+)\s*(?:&&|;|$)/.exec(command)
  return cd ? cd[1]!.replace(/\/$/, '') : undefined
}

/** Options whose value is a file the command writes. */
const outputOptions = new Set(['-o', '--out', '--output', '--output-file', '--outfile', '--out-file', '--log-file'])
/** An example to fill in rather than a path: `<name>`, `{a,b}`, `*`, `$VAR`, `YYYY-MM-DD`, `…`. */
const placeholder = /[{}*<>$…]|\.\.\.|YYYY|MM-?DD|\bXX+\b/

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
