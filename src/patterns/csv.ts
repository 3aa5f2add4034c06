import { LogplatError } from '../errors.js'

const QUOTE = '"'

/**
 * Parses RFC 4180 CSV text into rows of fields: commas separate fields, a field
 * in double quotes may hold commas, line breaks and `""` for a literal quote.
 */
export function parseCsv(text: string, source = 'CSV text'): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let index = 0
  let line = 1

  while (index < text.length) {
    const char = text[index]
    if (char === QUOTE && field === '') {
      const end = readQuoted(text, index, source, line)
      field = text.slice(index + 1, end).replaceAll('""', QUOTE)
      line += countLineBreaks(field)
      index = end + 1
      assertFieldEnds(text, index, source, line)
      continue
    }
    if (char === ',') {
      row.push(field)
      field = ''
    } else if (char === '\n' || char === '\r') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      if (char === '\r' && text[index + 1] === '\n') index += 1
      line += 1
    } else {
      field += char
    }
    index += 1
  }

  if (field !== '' || row.length > 0) rows.push([...row, field])
  return rows
}

function readQuoted(text: string, start: number, source: string, line: number): number {
  let index = start + 1
  while (index < text.length) {
    const next = text.indexOf(QUOTE, index)
    if (next === -1) break
    if (text[next + 1] !== QUOTE) return next
    index = next + 2
  }
  throw new LogplatError(
    'PATTERNS',
    'MALFORMED_CSV',
    `Cannot parse ${source}: the quoted field that starts on line ${line} is never closed.`,
  )
}

function assertFieldEnds(text: string, index: number, source: string, line: number): void {
  const char = text[index]
  if (char === undefined || char === ',' || char === '\n' || char === '\r') return
  throw new LogplatError(
    'PATTERNS',
    'MALFORMED_CSV',
    `Cannot parse ${source}: line ${line} has text after a closing quote.`,
  )
}

function countLineBreaks(text: string): number {
  let count = 0
  for (const char of text) if (char === '\n') count += 1
  return count
}
