import { normalizeLevel, type LogLevel } from '../logs/levels.js'

// Headers put the level within the first few fields: BGL's is the ninth
// field counted from the line's start, the fourth after its timestamp.
const MAX_HEADER_TOKENS = 8
const SHORTEST_LEVEL_WORD = 3
const LONGEST_LEVEL_WORD = 11
const SPACE = 0x20
const TAB = 0x09
const COLON = 0x3a
const OPENERS = '[(<'
const CLOSERS = '])>:,;|'

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB
}

function skipBlanks(line: string, position: number): number {
  let index = position
  while (index < line.length && isBlank(line.charCodeAt(index))) index++
  return index
}

function findTokenEnd(line: string, position: number): number {
  let index = position
  while (index < line.length && !isBlank(line.charCodeAt(index))) index++
  return index
}

/**
 * The level a header token names: upper case (`ERROR`, `WARN`) or set off by
 * brackets or a colon (`[error]`, `<warn>`, `error:`, `WARNING:root:`), so
 * that an ordinary word in a message is not taken for a level.
 */
export function readLevelToken(token: string): LogLevel | undefined {
  let start = 0
  while (start < token.length && OPENERS.includes(token.charAt(start))) start++
  let end = start
  while (end < token.length && !CLOSERS.includes(token.charAt(end))) end++
  const word = token.slice(start, end)
  if (word.length < SHORTEST_LEVEL_WORD || word.length > LONGEST_LEVEL_WORD) return undefined

  const isSetOff = start > 0 || end < token.length
  if (!isSetOff && word !== word.toUpperCase()) return undefined
  return normalizeLevel(word)
}

/**
 * Looks for a level word among the first header fields from `start`. The
 * header ends at the first field that ends with a colon (`sshd[42]:`,
 * `dfs.DataNode:`), so words of the message itself are not read.
 */
export function findHeaderLevel(line: string, start: number): LogLevel | undefined {
  let position = start

  for (let count = 0; count < MAX_HEADER_TOKENS; count++) {
    const tokenStart = skipBlanks(line, position)
    if (tokenStart >= line.length) return undefined
    const tokenEnd = findTokenEnd(line, tokenStart)

    const tokenLength = Math.min(tokenEnd - tokenStart, LONGEST_LEVEL_WORD + 8)
    const level = readLevelToken(line.slice(tokenStart, tokenStart + tokenLength))
    if (level !== undefined) return level
    if (line.charCodeAt(tokenEnd - 1) === COLON) return undefined
    position = tokenEnd
  }
  return undefined
}
