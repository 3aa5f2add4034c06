import type { Placeholder } from './placeholders.js'
import {
  AT,
  BACKSLASH,
  COLON,
  DASH,
  DIGIT,
  DOT,
  HEX_LETTER,
  LETTER,
  NON_ASCII,
  SLASH,
  hasAll,
  hasAny,
  hasOnly,
} from './token-shape.js'

/** A variable of a known shape: a whole token core matching `pattern` becomes `placeholder`. */
export interface MaskRule {
  placeholder: Placeholder
  pattern: RegExp
  /**
   * A cheap test on the core and its character flags (see token-shape.ts) that
   * every match of `pattern` passes; it spares running the pattern on most tokens.
   */
  mayMatch: (core: string, shape: number) => boolean
}

const IPV4 = String.raw`(?:\d{1,3}\.){3}\d{1,3}`
const IPV6 = String.raw`(?:[0-9a-fA-F]{0,4}:){2,7}(?:[0-9a-fA-F]{0,4}|${IPV4})`
const PORT = String.raw`(?::\d{1,5})?`
const ZERO = '0'.charCodeAt(0)
const NINE = '9'.charCodeAt(0)
const PLUS = '+'.charCodeAt(0)
const MINUS = '-'.charCodeAt(0)
const COLON_CODE = ':'.charCodeAt(0)

/**
 * Rules in the order they are tried; the first match wins, so the narrow shapes
 * (UUID, IP, timestamp) come before the broad ones (hex, number).
 */
export const MASK_RULES: readonly MaskRule[] = [
  {
    placeholder: '<URL>',
    pattern: /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/\S+$/,
    mayMatch: (core, shape) => hasAll(shape, COLON | SLASH) && core.includes('://'),
  },
  {
    placeholder: '<EMAIL>',
    pattern: /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/,
    mayMatch: (_, shape) => hasAll(shape, AT | DOT),
  },
  {
    placeholder: '<UUID>',
    pattern: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    mayMatch: (core, shape) =>
      core.length === 36 &&
      hasAll(shape, DASH) &&
      hasOnly(shape, DIGIT | LETTER | HEX_LETTER | DASH),
  },
  {
    placeholder: '<IP>',
    pattern: new RegExp(`^/?${IPV4}${PORT}$`),
    mayMatch: (_, shape) =>
      hasAll(shape, DIGIT | DOT) && hasOnly(shape, DIGIT | DOT | COLON | SLASH),
  },
  {
    placeholder: '<IP>',
    pattern: new RegExp(
      `^(?=.*[0-9a-fA-F])(?=[^:]*:[^:]*:)(?=.*::|(?:[^:]*:){7})(?:\\[${IPV6}\\]${PORT}|${IPV6})$`,
    ),
    mayMatch: (core, shape) =>
      hasAll(shape, COLON) &&
      hasAny(shape, DIGIT | HEX_LETTER) &&
      (core.includes('::') || countColons(core) >= 7),
  },
  {
    placeholder: '<TS>',
    pattern:
      /^(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?|\d{1,4}\/\d{1,2}\/\d{1,4})$/,
    mayMatch: (core, shape) =>
      hasAll(shape, DIGIT) && hasAny(shape, COLON | DASH | SLASH) && startsWithNumber(core),
  },
  {
    placeholder: '<PATH>',
    pattern: /^(?:[A-Za-z]:|~|\.{1,2})?(?:\/[^/\s]+)+\/?$/,
    mayMatch: (_, shape) => hasAll(shape, SLASH),
  },
  {
    placeholder: '<PATH>',
    pattern: /^[A-Za-z]:\\\S*$/,
    mayMatch: (_, shape) => hasAll(shape, LETTER | COLON | BACKSLASH),
  },
  {
    placeholder: '<HEX>',
    pattern: /^0[xX][0-9a-fA-F]+$/,
    mayMatch: (core, shape) => hasAll(shape, DIGIT | LETTER) && core.charCodeAt(0) === ZERO,
  },
  {
    placeholder: '<NUM>',
    pattern: /^[-+]?\d+(?:[.,]\d+)*$/,
    mayMatch: (_, shape) => hasAll(shape, DIGIT) && !hasAny(shape, LETTER | NON_ASCII),
  },
  {
    placeholder: '<DURATION>',
    pattern: /^[-+]?\d+(?:\.\d+)?(?:ns|us|µs|ms|s|sec|secs|min|mins|h|hr|hrs|d|days)$/,
    mayMatch: (core, shape) => hasAll(shape, DIGIT | LETTER) && startsWithNumber(core),
  },
  {
    placeholder: '<SIZE>',
    pattern: /^\d+(?:\.\d+)?(?:[KMGTP]i?B?|[kKMGTP]?B|bytes)$/,
    mayMatch: (core, shape) => hasAll(shape, DIGIT | LETTER) && startsWithNumber(core),
  },
  {
    placeholder: '<HEX>',
    pattern: /^(?=[0-9a-fA-F]*[a-fA-F])(?=[0-9a-fA-F]*\d)[0-9a-fA-F]{8,}$/,
    mayMatch: (core, shape) =>
      core.length >= 8 &&
      hasAll(shape, DIGIT | HEX_LETTER) &&
      hasOnly(shape, DIGIT | LETTER | HEX_LETTER),
  },
]

// A digit, or a sign and a digit: how every number-led pattern begins.
function startsWithNumber(core: string): boolean {
  const first = core.charCodeAt(0)
  const digitAt = first === PLUS || first === MINUS ? 1 : 0
  const digit = core.charCodeAt(digitAt)
  return digit >= ZERO && digit <= NINE
}

function countColons(core: string): number {
  let colons = 0
  for (let index = 0; index < core.length; index += 1) {
    if (core.charCodeAt(index) === COLON_CODE) colons += 1
  }
  return colons
}
