import { MASK_RULES, type MaskRule } from './mask-rules.js'
import { WILDCARD } from './placeholders.js'
import { readShape } from './token-shape.js'

/** A message split into tokens, each beside its masked form. */
export interface MaskedMessage {
  /** The message's tokens as written, split on whitespace. */
  tokens: string[]
  /** The same tokens with variable parts replaced by placeholders. */
  masked: string[]
}

// A token needs masking only if it holds one of these; plain words skip every rule.
const NEEDS_MASKING = /[\d/@"'=\\]/
const LEADING_PUNCTUATION = markCharacters('([{<"\'')
const TRAILING_PUNCTUATION = markCharacters(')]}>,;:.!?"\'')
const QUOTES = markCharacters('"\'')
const QUOTED = /^(["'])(.+)\1([,.;:)\]]?)$/
const KEY_VALUE = /^([A-Za-z_][\w.-]*)=(.+)$/
const INNER_NUMBER = /(?<![A-Za-z0-9<])(?:0[xX][0-9a-fA-F]+|[-+]?\d+(?:\.\d+)*)(?![A-Za-z0-9>])/g
// A placeholder glued to word characters means the whole piece is one identifier (blk_<NUM>).
const GLUED_PLACEHOLDER = /[A-Za-z0-9_]<[A-Z*]+>|<[A-Z*]+>[A-Za-z0-9_]/
const LETTERS_ONLY = /^[A-Za-z]+$/
const TOKEN = /\S+/g

/**
 * Splits a message on whitespace and masks each token's variable part: numbers,
 * hex, IPv4 and IPv6 with ports, UUIDs, paths, URLs, e-mail addresses, durations,
 * sizes, timestamps, quoted values and key=value values.
 */
export function maskTokens(message: string): MaskedMessage {
  const tokens = splitTokens(message)
  return { tokens, masked: tokens.map(maskToken) }
}

/** Splits a message on runs of whitespace, leaving out empty tokens. */
export function splitTokens(message: string): string[] {
  return message.match(TOKEN) ?? []
}

/** Masks a whole message and joins it back with single spaces. */
export function maskMessage(message: string): string {
  return maskTokens(message).masked.join(' ')
}

/** Masks one whitespace-free token, keeping the punctuation around its variable part. */
export function maskToken(token: string): string {
  if (!NEEDS_MASKING.test(token)) return token

  const quoted = isMarked(QUOTES, token, 0) ? QUOTED.exec(token) : null
  if (quoted) return maskQuoted(token, quoted)

  // A bracketed IPv6 address with a port keeps its brackets inside the value.
  const whole = token.startsWith('[') ? findRule(token) : undefined
  if (whole) return whole.placeholder

  let start = 0
  while (start < token.length && isMarked(LEADING_PUNCTUATION, token, start)) start += 1
  let end = token.length
  while (end > start && isMarked(TRAILING_PUNCTUATION, token, end - 1)) end -= 1
  if (end === start) return token

  const core = token.slice(start, end)
  return `${token.slice(0, start)}${maskCore(core)}${token.slice(end)}`
}

function markCharacters(characters: string): Uint8Array {
  const marks = new Uint8Array(128)
  for (const character of characters) marks[character.charCodeAt(0)] = 1
  return marks
}

function isMarked(marks: Uint8Array, token: string, index: number): boolean {
  return marks[token.charCodeAt(index)] === 1
}

function findRule(core: string): MaskRule | undefined {
  const shape = readShape(core)
  for (const rule of MASK_RULES) {
    if (rule.mayMatch(core, shape) && rule.pattern.test(core)) return rule
  }
  return undefined
}

function maskQuoted(
  token: string,
  [, quote = '', value = '', after = '']: RegExpExecArray,
): string {
  if (LETTERS_ONLY.test(value)) return token
  return `${quote}${WILDCARD}${quote}${after}`
}

function maskCore(core: string): string {
  const typed = findRule(core)
  if (typed) return typed.placeholder

  const keyValue = core.includes('=') ? KEY_VALUE.exec(core) : null
  if (keyValue) return `${keyValue[1] ?? ''}=${maskValue(keyValue[2] ?? '')}`

  return maskInnerNumbers(core)
}

// Values made only of letters stay: they tend to name the event (state=RUNNING), not vary in it.
function maskValue(value: string): string {
  if (LETTERS_ONLY.test(value)) return value
  const masked = maskToken(value)
  if (masked === value) return /\d/.test(value) ? WILDCARD : value
  return masked.startsWith('<') && masked.endsWith('>') && !masked.slice(1).includes('<')
    ? masked
    : WILDCARD
}

// Without an x no number can be hex, and a plain replacement is much cheaper than a callback.
function maskInnerNumbers(core: string): string {
  const mayHoldHex = core.includes('x') || core.includes('X')
  const masked = mayHoldHex
    ? core.replace(INNER_NUMBER, nameNumber)
    : core.replace(INNER_NUMBER, '<NUM>')
  return GLUED_PLACEHOLDER.test(masked) ? WILDCARD : masked
}

function nameNumber(number: string): string {
  return number.startsWith('0x') || number.startsWith('0X') ? '<HEX>' : '<NUM>'
}
