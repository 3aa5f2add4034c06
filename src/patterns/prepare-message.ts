import { findDateRunEnd } from './date-runs.js'
import { splitTokens } from './masking.js'
import { isPlaceholder } from './placeholders.js'
import { readSizeFold } from './size-units.js'

/** A message as the miner compares it: masked tokens, their values, and its leaf key. */
export interface PreparedMessage {
  /** The message's text at each masked token; several words where tokens were folded. */
  readonly values: readonly string[]
  readonly masked: readonly string[]
  /** The leaf it is filed under: token count and first fixed token. */
  readonly key: string
}

interface Folded {
  values: string[]
  masked: string[]
}

/**
 * Splits and masks a message, folds written-out dates and detached size units
 * into one placeholder each, and merges runs of the same placeholder (a
 * variable-length list) into one.
 */
export function prepareMessage(message: string, mask: (token: string) => string): PreparedMessage {
  const tokens = splitTokens(message)
  const folded = foldTokens(tokens.map(mask), tokens)

  const first = folded.masked[0] ?? ''
  const key = `${folded.masked.length} ${isPlaceholder(first) ? '' : first}`
  return { values: folded.values, masked: folded.masked, key }
}

// Most messages fold nothing and keep the arrays they were split and masked
// into; the others are copied up to their first fold and folded from there.
function foldTokens(masked: string[], tokens: string[]): Folded {
  const start = findFirstFold(masked)
  if (start === masked.length) return { values: tokens, masked }

  const folded: Folded = { values: tokens.slice(0, start), masked: masked.slice(0, start) }
  let index = start
  while (index < masked.length) {
    const dateEnd = findDateRunEnd(masked, index)
    if (dateEnd > index) {
      appendToken(folded, '<TS>', tokens.slice(index, dateEnd).join(' '))
      index = dateEnd
      continue
    }
    const size = readSizeFold(masked, index)
    if (size) {
      appendToken(folded, size.masked, `${tokens[index] ?? ''} ${size.unit}`)
      index += 2
      continue
    }
    appendToken(folded, masked[index] ?? '', tokens[index] ?? '')
    index += 1
  }
  return folded
}

function findFirstFold(masked: readonly string[]): number {
  for (let index = 0; index < masked.length; index += 1) {
    const token = masked[index] ?? ''
    const isRun = isPlaceholder(token) && masked[index - 1] === token
    if (isRun || findDateRunEnd(masked, index) > index || readSizeFold(masked, index)) return index
  }
  return masked.length
}

function appendToken(folded: Folded, token: string, value: string): void {
  const last = folded.masked.length - 1
  if (isPlaceholder(token) && folded.masked[last] === token) {
    folded.values[last] += ` ${value}`
    return
  }
  folded.masked.push(token)
  folded.values.push(value)
}
