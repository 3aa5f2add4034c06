/** One line of the input, numbered from 1, without its line ending (LF or CRLF). */
export type SourceLine =
  | { kind: 'line'; number: number; text: string }
  | { kind: 'too-long'; number: number; byteLength: number }

const NEWLINE = '\n'
const CARRIAGE_RETURN = 0x0d
// A UTF-16 code unit never takes more than three bytes in UTF-8.
const MAX_BYTES_PER_UNIT = 3

function byteLengthOf(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

function isLongerThan(text: string, maxBytes: number): boolean {
  if (text.length * MAX_BYTES_PER_UNIT <= maxBytes) return false
  return byteLengthOf(text) > maxBytes
}

function stripCarriageReturn(text: string): string {
  return text.charCodeAt(text.length - 1) === CARRIAGE_RETURN ? text.slice(0, -1) : text
}

/**
 * Splits a stream of bytes into lines, one array per chunk read. Invalid
 * UTF-8 becomes U+FFFD rather than an error. A line longer than `maxLineBytes`
 * is reported as too long and its text dropped as it streams past, so one
 * endless line cannot exhaust memory.
 */
export async function* splitLines(
  chunks: AsyncIterable<Uint8Array>,
  maxLineBytes: number,
): AsyncGenerator<SourceLine[]> {
  const decoder = new TextDecoder('utf-8')
  let pending = ''
  let droppedBytes = 0
  let lineNumber = 0

  const finishLine = (piece: string): SourceLine => {
    lineNumber++
    const text = stripCarriageReturn(pending + piece)
    pending = ''
    if (droppedBytes === 0 && !isLongerThan(text, maxLineBytes)) {
      return { kind: 'line', number: lineNumber, text }
    }
    const byteLength = droppedBytes + byteLengthOf(text)
    droppedBytes = 0
    return { kind: 'too-long', number: lineNumber, byteLength }
  }

  const keepPartial = (piece: string): void => {
    if (droppedBytes > 0) {
      droppedBytes += byteLengthOf(piece)
      return
    }
    pending += piece
    if (pending.length <= maxLineBytes) return
    droppedBytes = byteLengthOf(pending)
    pending = ''
  }

  const splitText = (text: string): SourceLine[] => {
    const lines: SourceLine[] = []
    let start = 0
    let end = text.indexOf(NEWLINE)
    while (end !== -1) {
      lines.push(finishLine(text.slice(start, end)))
      start = end + 1
      end = text.indexOf(NEWLINE, start)
    }
    keepPartial(text.slice(start))
    return lines
  }

  for await (const chunk of chunks) {
    const lines = splitText(decoder.decode(chunk, { stream: true }))
    if (lines.length > 0) yield lines
  }

  const lines = splitText(decoder.decode())
  if (pending.length > 0 || droppedBytes > 0) lines.push(finishLine(''))
  if (lines.length > 0) yield lines
}
