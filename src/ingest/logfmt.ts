const SPACE = 0x20
const TAB = 0x09
const EQUALS = 0x3d
const QUOTE = 0x22
const BACKSLASH = 0x5c

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '"': '"',
  '\\': '\\',
}

/** The pairs of a logfmt line, and how many of its fields were `key=value` rather than bare words. */
export interface LogfmtPairs {
  fields: Record<string, string>
  pairCount: number
  /** True when the line's first field is a `key=value` pair. */
  startsWithPair: boolean
}

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB
}

function skipLeadingBlanks(line: string): number {
  let index = 0
  while (index < line.length && isBlank(line.charCodeAt(index))) index++
  return index
}

function readBare(line: string, start: number): number {
  let index = start
  while (index < line.length && !isBlank(line.charCodeAt(index))) index++
  return index
}

function readKeyEnd(line: string, start: number): number {
  let index = start
  while (index < line.length) {
    const code = line.charCodeAt(index)
    if (isBlank(code) || code === EQUALS) break
    index++
  }
  return index
}

function readEscape(line: string, index: number): { text: string; next: number } {
  const letter = line.charAt(index + 1)
  if (letter === 'u' && /^[0-9a-fA-F]{4}$/.test(line.slice(index + 2, index + 6))) {
    return {
      text: String.fromCharCode(parseInt(line.slice(index + 2, index + 6), 16)),
      next: index + 6,
    }
  }
  const known = ESCAPES[letter]
  if (known !== undefined) return { text: known, next: index + 2 }
  return { text: `\\${letter}`, next: index + 2 }
}

// Returns undefined for an unterminated quote: such a line is not logfmt.
function readQuoted(line: string, start: number): { value: string; next: number } | undefined {
  let value = ''
  let chunkStart = start + 1
  let index = chunkStart

  while (index < line.length) {
    const code = line.charCodeAt(index)
    if (code === QUOTE) return { value: value + line.slice(chunkStart, index), next: index + 1 }
    if (code !== BACKSLASH) {
      index++
      continue
    }
    const escape = readEscape(line, index)
    value += line.slice(chunkStart, index) + escape.text
    index = escape.next
    chunkStart = index
  }
  return undefined
}

/**
 * Splits a logfmt line (`level=warn msg="disk \"sda\" full" retry`) into its
 * pairs; quoted values may hold spaces and the escapes `\"`, `\\`, `\n`,
 * `\t`, `\r` and `\uXXXX`. Returns undefined when a quote is never closed.
 */
export function parseLogfmt(line: string): LogfmtPairs | undefined {
  const fields: Record<string, string> = Object.create(null) as Record<string, string>
  let pairCount = 0
  let startsWithPair = false
  const firstField = skipLeadingBlanks(line)
  let index = firstField

  while (index < line.length) {
    if (isBlank(line.charCodeAt(index))) {
      index++
      continue
    }
    const keyEnd = readKeyEnd(line, index)
    if (line.charCodeAt(keyEnd) !== EQUALS || keyEnd === index) {
      index = readBare(line, index)
      continue
    }

    const key = line.slice(index, keyEnd)
    if (index === firstField) startsWithPair = true
    const valueStart = keyEnd + 1
    if (line.charCodeAt(valueStart) === QUOTE) {
      const quoted = readQuoted(line, valueStart)
      if (quoted === undefined) return undefined
      fields[key] = quoted.value
      index = quoted.next
    } else {
      index = readBare(line, valueStart)
      fields[key] = line.slice(valueStart, index)
    }
    pairCount++
  }
  return { fields, pairCount, startsWithPair }
}
