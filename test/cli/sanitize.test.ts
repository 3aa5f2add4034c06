import { describe, expect, it } from 'vitest'
import { sanitizeForTerminal } from '../../src/cli/sanitize.js'
import { renderTable } from '../../src/cli/table.js'

describe('sanitizeForTerminal', () => {
  it.each([
    ['\u001b[31mred\u001b[0m', 'red'],
    ['\u001b]0;owned title\u0007after', 'after'],
    ['clear\u001b[2J\u001b[Hscreen', 'clearscreen'],
    ['bell\u0007 and backspace\u0008', 'bell? and backspace?'],
    ['line\nbreak\rreturn', 'line?break?return'],
    ['\u009b31mC1 CSI', 'C1 CSI'],
  ])('neutralises %j', (text, expected) => {
    expect(sanitizeForTerminal(text)).toBe(expected)
  })

  it('leaves unicode and tabs alone', () => {
    expect(sanitizeForTerminal('ログ\t🚀 café')).toBe('ログ\t🚀 café')
  })
})

describe('renderTable', () => {
  it('aligns columns, right-aligns numbers and cuts long cells', () => {
    const rows = [
      { name: 'a', count: 5, text: 'short' },
      { name: 'bbb', count: 12345, text: 'a much longer text' },
    ]

    const table = renderTable(rows, [
      { header: 'NAME', value: (row) => row.name },
      { header: 'COUNT', value: (row) => row.count, isNumeric: true },
      { header: 'TEXT', value: (row) => row.text, maxWidth: 8 },
    ])

    expect(table.split('\n')).toEqual([
      'NAME  COUNT  TEXT',
      'a         5  short',
      'bbb   12345  a much …',
    ])
  })

  it('sanitizes every cell', () => {
    const table = renderTable(
      [{ text: '\u001b[31mevil' }],
      [{ header: 'T', value: (row) => row.text }],
    )

    expect(table).not.toContain('\u001b')
  })
})
