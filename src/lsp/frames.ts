/**
 * The language server's input with its bad frames taken out. vscode-jsonrpc
 * reads `Content-Length: N\r\n\r\n` and N bytes of body; on a header it cannot
 * use (`Content-Length: abc`, none at all, a line with no colon) it reports an
 * error and reads on from the middle of that frame, so the body of every
 * later message is read as a header and the server never answers again. This
 * stream stands between the transport and the reader: a well-formed frame
 * goes through (its header written anew, as `Content-Length: N`), a bad one
 * is dropped with a line saying why, and reading resumes at the next
 * `Content-Length` header. A JSON body cannot hold a raw line break, so the
 * next `Content-Length: N\r\n\r\n` found is where a frame starts.
 */
import {Transform, type TransformCallback} from 'node:stream'

/** A header block longer than this is junk, not a header: vscode-jsonrpc's own headers are under 100 bytes. */
const maxHeaderBytes = 8 * 1024

/**
 * A body longer than this is refused instead of awaited: a Content-Length
 * of 10^12 would hold every later message as its body. 64 MiB is many times
 * the largest document sop-lint checks (`limits.maxMarkdownBytes`, 1 MB by
 * default) with JSON's escapes.
 */
export const maxBodyBytes = 64 * 1024 * 1024

const headerStart = /content-length[ \t]*:/gi
const frameStart = /^content-length[ \t]*:/i

export class FrameFilter extends Transform {
  /** Bytes not passed on yet, one character per byte (latin1), so offsets are byte counts. */
  private pending = ''
  /** The length of the body being read, once its header was good. */
  private bodyLength: number | undefined
  /** Dropping the bytes of a bad frame, until a good one is read. */
  private dropping = false
  private readonly report: (problem: string) => void

  /** `report` gets one line per bad frame. */
  constructor(report: (problem: string) => void) {
    super()
    this.report = report
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pending += chunk.toString('latin1')
    this.drain()
    done()
  }

  override _flush(done: TransformCallback): void {
    if (this.pending.trim() !== '' && !this.dropping)
      this.report(`the input ended inside a frame (${this.pending.length} bytes): dropped`)
    done()
  }

  private drain(): void {
    for (;;) {
      if (this.bodyLength !== undefined) {
        if (this.pending.length < this.bodyLength) return
        const body = this.pending.slice(0, this.bodyLength)
        this.pending = this.pending.slice(this.bodyLength)
        this.push(Buffer.from(`Content-Length: ${this.bodyLength}\r\n\r\n${body}`, 'latin1'))
        this.bodyLength = undefined
        this.dropping = false
        continue
      }
      const end = this.pending.indexOf('\r\n\r\n')
      if (end === -1 && this.pending.length <= maxHeaderBytes) return
      const header = end === -1 || end > maxHeaderBytes ? undefined : this.pending.slice(0, end)
      const length = header === undefined ? `a header of more than ${maxHeaderBytes} bytes` : contentLength(header)
      if (typeof length === 'number') {
        this.bodyLength = length
        this.pending = this.pending.slice(end + 4)
        continue
      }
      // Said once per frame: not again for the rest of a frame being dropped, but again for the next frame that starts bad.
      if (!this.dropping || frameStart.test(this.pending))
        this.report(`dropped a frame: ${length}; reading on at the next Content-Length header`)
      this.dropping = true
      this.skipToNextHeader()
    }
  }

  /** Drops bytes up to the next `Content-Length` after the first byte, or keeps only a tail that may begin one. */
  private skipToNextHeader(): void {
    headerStart.lastIndex = 1
    const next = headerStart.exec(this.pending)
    this.pending = next
      ? this.pending.slice(next.index)
      : this.pending.slice(Math.max(1, this.pending.length - 'content-length :'.length))
  }
}

/** The body length a header block gives, or what is wrong with it. */
function contentLength(header: string): number | string {
  let length: number | undefined
  for (const line of header.split('\r\n')) {
    // A blank line before a header (a stray line break after the last body) loses nothing.
    if (line === '') continue
    const colon = line.indexOf(':')
    const name = line.slice(0, colon).trim()
    if (colon === -1 || !/^[A-Za-z0-9-]+$/.test(name))
      return `the header line ${JSON.stringify(line.slice(0, 60))} is not “Name: value”`
    if (name.toLowerCase() !== 'content-length') continue
    const value = line.slice(colon + 1).trim()
    if (!/^\d+$/.test(value)) return `Content-Length ${JSON.stringify(value.slice(0, 60))} is not a number of bytes`
    if (length !== undefined && length !== Number(value))
      return `the header has two Content-Length values, ${length} and ${value}`
    length = Number(value)
    if (length > maxBodyBytes)
      return `Content-Length ${value.length > 20 ? `${value.slice(0, 20)}…` : value} is above the limit of ${maxBodyBytes} bytes`
  }
  return length ?? 'the header has no Content-Length'
}
