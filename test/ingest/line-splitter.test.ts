import { describe, expect, it } from 'vitest'
import { splitLines, type SourceLine } from '../../src/ingest/line-splitter.js'
import { chunksOf } from './support/read-lines.js'

async function split(
  chunks: AsyncIterable<Uint8Array>,
  maxLineBytes = 1 << 20,
): Promise<SourceLine[]> {
  const lines: SourceLine[] = []
  for await (const batch of splitLines(chunks, maxLineBytes)) lines.push(...batch)
  return lines
}

function texts(lines: SourceLine[]): string[] {
  return lines.map((line) => (line.kind === 'line' ? line.text : `<${line.byteLength} bytes>`))
}

describe('splitLines', () => {
  it('splits LF and CRLF lines and keeps a last line without a newline', async () => {
    const lines = await split(chunksOf('one\r\ntwo\nthree  '))

    expect(texts(lines)).toEqual(['one', 'two', 'three  '])
    expect(lines.map((line) => line.number)).toEqual([1, 2, 3])
  })

  it('joins a line and a CRLF split across chunks', async () => {
    const lines = await split(chunksOf('first par', 't\r', '\nsecond\n'))

    expect(texts(lines)).toEqual(['first part', 'second'])
  })

  it('keeps a multi-byte character split across chunks whole', async () => {
    const bytes = Buffer.from('é€😀\n', 'utf8')

    const lines = await split(
      chunksOf(bytes.subarray(0, 1), bytes.subarray(1, 4), bytes.subarray(4)),
    )

    expect(texts(lines)).toEqual(['é€😀'])
  })

  it('replaces invalid UTF-8 with U+FFFD instead of failing', async () => {
    const bytes = Buffer.from([0x6f, 0x6b, 0xff, 0xc3, 0x28, 0x0a, 0x6e, 0x65, 0x78, 0x74])

    const lines = await split(chunksOf(bytes))

    expect(texts(lines)).toEqual(['ok\uFFFD\uFFFD(', 'next'])
  })

  it('yields nothing for empty input and numbers blank lines', async () => {
    expect(await split(chunksOf())).toEqual([])
    expect(texts(await split(chunksOf('\n\n')))).toEqual(['', ''])
  })

  it('reports a line over the limit by its size, drops its text and goes on', async () => {
    const huge = 'x'.repeat(300)

    const lines = await split(
      chunksOf('short\n', huge.slice(0, 100), huge.slice(100), '\nafter'),
      64,
    )

    expect(lines).toEqual([
      { kind: 'line', number: 1, text: 'short' },
      { kind: 'too-long', number: 2, byteLength: 300 },
      { kind: 'line', number: 3, text: 'after' },
    ])
  })

  it('measures the limit in UTF-8 bytes, not characters', async () => {
    const lines = await split(chunksOf('€€€\n€€\n'), 8)

    expect(lines.map((line) => line.kind)).toEqual(['too-long', 'line'])
  })

  it('streams a 64 MiB line without a newline and reports its size', async () => {
    const megabyte = Buffer.alloc(1 << 20, 0x61)
    async function* endless(): AsyncGenerator<Uint8Array> {
      for (let index = 0; index < 64; index++) yield megabyte
    }

    const lines = await split(endless())

    expect(lines).toEqual([{ kind: 'too-long', number: 1, byteLength: 64 << 20 }])
  })
})
