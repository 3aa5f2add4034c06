import { describe, expect, it } from 'vitest'
import { parseCsv } from '../../src/patterns/csv.js'

describe('parseCsv', () => {
  it('reads quoted fields holding commas, doubled quotes and line breaks', () => {
    const text = 'a,b,c\n1,"x, y","say ""hi"""\n2,"two\nlines",\n'

    const rows = parseCsv(text)

    expect(rows).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hi"'],
      ['2', 'two\nlines', ''],
    ])
  })

  it('reads CRLF line ends and a last line without a newline', () => {
    const rows = parseCsv('a,b\r\n1,2')

    expect(rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ])
  })

  it('rejects a quoted field that is never closed, naming its line', () => {
    const parse = () => parseCsv('a,b\n1,"open\n2,3\n', 'sample.csv')

    expect(parse).toThrow(
      'Cannot parse sample.csv: the quoted field that starts on line 2 is never closed.',
    )
  })

  it('rejects text after a closing quote', () => {
    const parse = () => parseCsv('"a"b,c\n')

    expect(parse).toThrow(/has text after a closing quote/)
  })
})
