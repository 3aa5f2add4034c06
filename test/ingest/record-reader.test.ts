import { describe, expect, it } from 'vitest'
import { chunksOf, readAllLines, recordsOf } from './support/read-lines.js'

describe('RecordReader', () => {
  it('detects JSON lines and keeps a stray text line among them as text', async () => {
    const text = '{"msg":"a","level":"warn"}\nnot json at all\n{"msg":"b"}\n'

    const { format, lines } = await readAllLines(chunksOf(text))

    expect(format).toBe('json')
    expect(recordsOf(lines).map((record) => [record.message, record.level])).toEqual([
      ['a', 'WARN'],
      ['not json at all', 'INFO'],
      ['b', 'INFO'],
    ])
  })

  it('detects logfmt and reads its pairs', async () => {
    const text = 'level=info msg="started"\nlevel=error msg="stopped" code=3\n'

    const { format, lines } = await readAllLines(chunksOf(text))

    expect(format).toBe('logfmt')
    expect(recordsOf(lines).map((record) => record.level)).toEqual(['INFO', 'ERROR'])
  })

  it('reads text with key=value pairs inside it as text', async () => {
    const text = 'Jun 14 15:16:01 combo sshd[1]: failure; logname= uid=0 euid=0\n'

    const { format } = await readAllLines(chunksOf(text))

    expect(format).toBe('text')
  })

  it('uses the format it is told, even when the lines look otherwise', async () => {
    const text = '{"msg":"a"}\n'

    const { format, lines } = await readAllLines(chunksOf(text), { format: 'text' })

    expect(format).toBe('text')
    expect(recordsOf(lines)[0]?.message).toBe('{"msg":"a"}')
  })

  it('reads an empty file as no lines at all', async () => {
    const { lines } = await readAllLines(chunksOf(''))

    expect(lines).toEqual([])
  })

  it('counts a file of blank lines as skipped, not rejected', async () => {
    const { lines } = await readAllLines(chunksOf('\n   \n\t\r\n\n'))

    expect(lines.map((line) => line.kind)).toEqual(['blank', 'blank', 'blank', 'blank'])
  })

  it('rejects a line over the limit with its size and line number, and reads on', async () => {
    const text = `first\n${'y'.repeat(2000)}\nthird\n`

    const { lines } = await readAllLines(chunksOf(text), { maxLineBytes: 1024 })

    expect(lines[1]).toEqual({
      kind: 'rejected',
      number: 2,
      reason: 'line is 2000 bytes long, more than the limit of 1024 bytes',
    })
    expect(recordsOf(lines).map((record) => record.message)).toEqual(['first', 'third'])
  })

  it('keeps terminal escapes and control characters as data', async () => {
    const hostile = '2024-03-01T10:20:30Z ERROR \u001b[2J\u001b]0;pwned\u0007 \u0000 done'

    const { lines } = await readAllLines(chunksOf(`${hostile}\n`))

    expect(recordsOf(lines)[0]).toMatchObject({ message: hostile, level: 'ERROR' })
  })

  it('keeps unicode text intact', async () => {
    const line = '2024-03-01 10:20:30 WARN 東京 サーバー応答なし — ünïcödé 😀'

    const { lines } = await readAllLines(chunksOf(`${line}\n`))

    expect(recordsOf(lines)[0]).toMatchObject({ message: line, level: 'WARN' })
  })

  it.each([
    ['a', 'a'.repeat(1 << 20)],
    ['=', '='.repeat(1 << 20)],
    ['{', '{'.repeat(1 << 20)],
    ['"a=', '"a='.repeat(350_000)],
    ['digits', '2024-03-01 '.repeat(95_000)],
  ])('finishes a hostile megabyte line of %j, kept as text', async (_name, line) => {
    const { lines } = await readAllLines(chunksOf(`${line}\n`), { maxLineBytes: 2 << 20 })

    expect(recordsOf(lines)[0]?.message).toBe(line)
  })
})
