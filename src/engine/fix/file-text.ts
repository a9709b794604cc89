/**
 * A file's text split into what the parsers see and what must come back
 * unchanged: the byte order mark and the line ending style.
 */
export interface FileText {
  bom: boolean
  /** `\r\n` when most line breaks are CRLF. */
  eol: '\n' | '\r\n'
  /** The text without the byte order mark. */
  body: string
}

const byteOrderMark = '\uFEFF'

export function splitFileText(raw: string): FileText {
  const bom = raw.startsWith(byteOrderMark)
  const body = bom ? raw.slice(1) : raw
  const crlf = body.match(/\r\n/g)?.length ?? 0
  const lf = (body.match(/\n/g)?.length ?? 0) - crlf
  return {bom, eol: crlf > lf ? '\r\n' : '\n', body}
}

export function joinFileText(text: FileText): string {
  return (text.bom ? byteOrderMark : '') + text.body
}

/** Inserted text follows the file's line endings. */
export function withLineEndings(inserted: string, eol: FileText['eol']): string {
  return eol === '\n' ? inserted : inserted.replace(/\r?\n/g, '\r\n')
}
