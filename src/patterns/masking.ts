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
const LEADING_PUNCTUATION = /^[([{<"']+/
const TRAILING_PUNCTUATION = /[)\]}>,;:.!?"']+$/
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

  const quoted = QUOTED.exec(token)
  if (quoted) return maskQuoted(token, quoted)

  // A bracketed IPv6 address with a port keeps its brackets inside the value.
  const whole = token.startsWith('[') ? findRule(token) : undefined
  if (whole) return whole.placeholder

  const leading = LEADING_PUNCTUATION.exec(token)?.[0] ?? ''
  const rest = token.slice(leading.length)
  const trailing = TRAILING_PUNCTUATION.exec(rest)?.[0] ?? ''
  const core = rest.slice(0, rest.length - trailing.length)
  if (core === '') return token

  return `${leading}${maskCore(core)}${trailing}`
}

function findRule(core: string): MaskRule | undefined {
  const shape = readShape(core)
  return MASK_RULES.find((rule) => rule.mayMatch(core, shape) && rule.pattern.test(core))
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

  const keyValue = KEY_VALUE.exec(core)
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

function maskInnerNumbers(core: string): string {
  const masked = core.replace(INNER_NUMBER, (number) =>
    number.startsWith('0x') || number.startsWith('0X') ? '<HEX>' : '<NUM>',
  )
  return GLUED_PLACEHOLDER.test(masked) ? WILDCARD : masked
}
