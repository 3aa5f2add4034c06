/** The typed placeholders a template may show in place of a variable token. */
export const PLACEHOLDERS = [
  '<*>',
  '<NUM>',
  '<HEX>',
  '<IP>',
  '<UUID>',
  '<PATH>',
  '<URL>',
  '<EMAIL>',
  '<DURATION>',
  '<SIZE>',
  '<TS>',
] as const

/** One of the typed placeholders; `<*>` stands for a variable of no known type. */
export type Placeholder = (typeof PLACEHOLDERS)[number]

/** The placeholder for a variable of no known type. */
export const WILDCARD: Placeholder = '<*>'

const PLACEHOLDER_SET: ReadonlySet<string> = new Set(PLACEHOLDERS)
// Every placeholder starts with it, so most words are told apart without a hash lookup.
const OPENING_BRACKET = '<'.charCodeAt(0)
const TYPED_PLACEHOLDER = /<(?:\*|NUM|HEX|IP|UUID|PATH|URL|EMAIL|DURATION|SIZE|TS)>/g

/** Tells whether a template token is exactly one placeholder. */
export function isPlaceholder(token: string): boolean {
  return token.charCodeAt(0) === OPENING_BRACKET && PLACEHOLDER_SET.has(token)
}

/** Rewrites every typed placeholder as `<*>`, the form labelled templates use. */
export function toWildcards(template: string): string {
  return template.replace(TYPED_PLACEHOLDER, WILDCARD)
}
