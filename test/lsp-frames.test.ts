/**
 * The frame filter of the language server's input (src/lsp/frames.ts), fed
 * directly: whatever bad frames and junk come between good frames, and
 * however the bytes are cut into chunks, every good frame comes out whole and
 * in order. lsp.test.ts drives the built server over stdio with bad frames.
 */
import fc from 'fast-check'
import {describe, expect, test} from 'vitest'
import {FrameFilter, maxBodyBytes} from '../src/lsp/frames.js'

/** Everything the filter passes on, and what it said, for `input` cut at `cuts`. */
async function filter(input: Buffer, cuts: number[] = []): Promise<{output: Buffer; said: string[]}> {
  const said: string[] = []
  const frames = new FrameFilter((problem) => said.push(problem))
  const chunks: Buffer[] = []
  frames.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise((resolve) => frames.on('end', resolve))
  let start = 0
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b).filter((cut) => cut > 0 && cut < input.length)) {
    frames.write(input.subarray(start, cut))
    start = cut
  }
  frames.end(input.subarray(start))
  await ended
  return {output: Buffer.concat(chunks), said}
}

const frame = (body: string) => Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)

describe('FrameFilter', () => {
  test('good frames pass as they are, in any chunks', async () => {
    const input = Buffer.concat([frame('{"id":1}'), frame('{"text":"é – ✓"}')])
    expect((await filter(input)).output).toEqual(input)
    expect(
      (
        await filter(
          input,
          Array.from({length: input.length}, (_, index) => index)
        )
      ).output
    ).toEqual(input)
  })

  test('each bad header is dropped with a line saying why; the good frame after it passes', async () => {
    const good = frame('{"id":2}')
    const cases: Array<[string, string]> = [
      ['Content-Length: abc\r\n\r\n{"id":1}', 'Content-Length "abc" is not a number of bytes'],
      ['Content-Length: 1.5\r\n\r\n{"id":1}', 'Content-Length "1.5" is not a number of bytes'],
      ['Content-Type: application/json\r\n\r\n{"id":1}', 'the header has no Content-Length'],
      ['garbage line\r\n\r\n', 'the header line "garbage line" is not “Name: value”'],
      [
        `Content-Length: ${maxBodyBytes + 1}\r\n\r\n{}`,
        `Content-Length ${maxBodyBytes + 1} is above the limit of ${maxBodyBytes} bytes`
      ],
      ['x'.repeat(9000), 'a header of more than 8192 bytes']
    ]
    for (const [bad, why] of cases) {
      const {output, said} = await filter(Buffer.concat([Buffer.from(bad), good]))
      expect(output, bad.slice(0, 40)).toEqual(good)
      expect(said).toEqual([`dropped a frame: ${why}; reading on at the next Content-Length header`])
    }
  })

  test('a header with two different lengths is dropped', async () => {
    const {said} = await filter(Buffer.from('Content-Length: 8\r\nContent-Length: 12\r\n\r\n{"id":1}'))
    expect(said[0]).toBe(
      'dropped a frame: the header has two Content-Length values, 8 and 12; reading on at the next Content-Length header'
    )
  })

  test('a blank line before a header, or the same length twice, loses nothing and says nothing', async () => {
    expect(await filter(Buffer.from('Content-Length: 8\r\ncontent-length: 8\r\n\r\n{"id":1}'))).toEqual({
      output: frame('{"id":1}'),
      said: []
    })
    const input = Buffer.concat([frame('{"id":1}'), Buffer.from('\r\n'), frame('{"id":2}')])
    expect(await filter(input)).toEqual({output: Buffer.concat([frame('{"id":1}'), frame('{"id":2}')]), said: []})
  })

  test('whatever bad frames and junk come between good frames, cut anywhere, every good frame comes out whole and in order', async () => {
    const body = fc.string({unit: 'grapheme', maxLength: 30}).map((text) => JSON.stringify({text}))
    const junk = fc.string({maxLength: 40}).filter((text) => !/content-length/i.test(text))
    const badHeader = fc.constantFrom(
      'Content-Length: abc',
      'Content-Length: -1',
      'Content-Type: x',
      'no colon',
      'Content-Length: 12x'
    )
    const part = fc.oneof(
      body.map((text) => ({good: true, bytes: frame(text)})),
      fc
        .tuple(badHeader, body)
        .map(([header, text]) => ({good: false, bytes: Buffer.from(`${header}\r\n\r\n${text}`)})),
      junk.map((text) => ({good: false, bytes: Buffer.from(text)}))
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(part, {maxLength: 12}),
        fc.array(fc.nat(2000), {maxLength: 20}),
        async (parts, cuts) => {
          const input = Buffer.concat(parts.map((item) => item.bytes))
          const expected = Buffer.concat(parts.filter((item) => item.good).map((item) => item.bytes))
          expect((await filter(input, cuts)).output.toString('latin1')).toBe(expected.toString('latin1'))
        }
      ),
      {seed: 18, numRuns: 500}
    )
  })
})
