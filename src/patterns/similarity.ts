import { isPlaceholder, WILDCARD } from './placeholders.js'

const INNER_PLACEHOLDER = /<(?:\*|NUM|HEX|IP|UUID|PATH|URL|EMAIL|DURATION|SIZE|TS)>/g
const KEY_PREFIX = /^[^=]*=/

/**
 * Merges two tokens that differ only where both hold a variable:
 * typed placeholders of different types, or `rhost=<IP>` beside `rhost=<*>`.
 * Two different plain words do not merge here; that takes several distinct words.
 */
export function mergeTokens(expected: string, actual: string): string | undefined {
  if (expected === actual) return expected
  if (expected === WILDCARD || isPlaceholder(expected) || isPlaceholder(actual)) return WILDCARD

  const hasVariables = expected.includes('<') && actual.includes('<')
  if (!hasVariables) return undefined

  const skeleton = expected.replace(INNER_PLACEHOLDER, WILDCARD)
  if (skeleton === actual.replace(INNER_PLACEHOLDER, WILDCARD)) return skeleton

  const key = KEY_PREFIX.exec(expected)?.[0]
  if (key !== undefined && actual.startsWith(key)) return `${key}${WILDCARD}`
  return undefined
}

/** Tells whether a template token already accepts a message token as it is. */
export function coversToken(expected: string, actual: string): boolean {
  return expected === actual || expected === WILDCARD || mergeTokens(expected, actual) === expected
}

/**
 * The share of a template's fixed tokens that a message of the same length
 * repeats or differs from only in a variable; `<*>` positions are left out
 * because they accept anything.
 */
export function scoreSimilarity(template: readonly string[], masked: readonly string[]): number {
  let fixed = 0
  let same = 0

  for (let index = 0; index < template.length; index += 1) {
    const expected = template[index] ?? ''
    if (expected === WILDCARD) continue
    fixed += 1
    const actual = masked[index] ?? ''
    if (expected === actual || mergeTokens(expected, actual) !== undefined) same += 1
  }

  return fixed === 0 ? 1 : same / fixed
}
