import type { Placeholder } from './placeholders.js'

/** A variable of a known shape: a whole token core matching `pattern` becomes `placeholder`. */
export interface MaskRule {
  placeholder: Placeholder
  pattern: RegExp
}

const IPV4 = String.raw`(?:\d{1,3}\.){3}\d{1,3}`
const IPV6 = String.raw`(?:[0-9a-fA-F]{0,4}:){2,7}(?:[0-9a-fA-F]{0,4}|${IPV4})`
const PORT = String.raw`(?::\d{1,5})?`

/**
 * Rules in the order they are tried; the first match wins, so the narrow shapes
 * (UUID, IP, timestamp) come before the broad ones (hex, number).
 */
export const MASK_RULES: readonly MaskRule[] = [
  { placeholder: '<URL>', pattern: /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/\S+$/ },
  { placeholder: '<EMAIL>', pattern: /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/ },
  {
    placeholder: '<UUID>',
    pattern: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  },
  { placeholder: '<IP>', pattern: new RegExp(`^/?${IPV4}${PORT}$`) },
  {
    placeholder: '<IP>',
    pattern: new RegExp(
      `^(?=.*[0-9a-fA-F])(?=[^:]*:[^:]*:)(?=.*::|(?:[^:]*:){7})(?:\\[${IPV6}\\]${PORT}|${IPV6})$`,
    ),
  },
  {
    placeholder: '<TS>',
    pattern:
      /^(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?|\d{1,4}\/\d{1,2}\/\d{1,4})$/,
  },
  { placeholder: '<PATH>', pattern: /^(?:[A-Za-z]:|~|\.{1,2})?(?:\/[^/\s]+)+\/?$/ },
  { placeholder: '<PATH>', pattern: /^[A-Za-z]:\\\S*$/ },
  { placeholder: '<HEX>', pattern: /^0[xX][0-9a-fA-F]+$/ },
  { placeholder: '<NUM>', pattern: /^[-+]?\d+(?:[.,]\d+)*$/ },
  {
    placeholder: '<DURATION>',
    pattern: /^[-+]?\d+(?:\.\d+)?(?:ns|us|µs|ms|s|sec|secs|min|mins|h|hr|hrs|d|days)$/,
  },
  { placeholder: '<SIZE>', pattern: /^\d+(?:\.\d+)?(?:[KMGTP]i?B?|[kKMGTP]?B|bytes)$/ },
  {
    placeholder: '<HEX>',
    pattern: /^(?=[0-9a-fA-F]*[a-fA-F])(?=[0-9a-fA-F]*\d)[0-9a-fA-F]{8,}$/,
  },
]
