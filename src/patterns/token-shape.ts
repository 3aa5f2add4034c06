/**
 * The kinds of characters a token holds, as bit flags gathered in one pass, so
 * that a mask rule's costly pattern runs only on tokens that could match it.
 */
export const DIGIT = 1
export const LETTER = 2
export const HEX_LETTER = 4
export const DOT = 8
export const COLON = 16
export const SLASH = 32
export const BACKSLASH = 64
export const AT = 128
export const DASH = 256
export const NON_ASCII = 512
/** Set by g to z and G to Z, beside LETTER, so that hex digits can be told apart. */
export const NON_HEX_LETTER = 1024
/** Set by any other ASCII character: punctuation, symbols, controls. */
export const OTHER = 2048

const CHARACTER_FLAGS = buildCharacterFlags()

/** Reads the flags of every character in a token. */
export function readShape(token: string): number {
  let shape = 0
  for (let index = 0; index < token.length; index += 1) {
    const code = token.charCodeAt(index)
    shape |= code < 128 ? (CHARACTER_FLAGS[code] ?? 0) : NON_ASCII
  }
  return shape
}

/** Tells whether a shape holds every one of the given flags. */
export function hasAll(shape: number, flags: number): boolean {
  return (shape & flags) === flags
}

/** Tells whether a shape holds no flag but the given ones. */
export function hasOnly(shape: number, flags: number): boolean {
  return (shape & ~flags) === 0
}

/** Tells whether a shape holds at least one of the given flags. */
export function hasAny(shape: number, flags: number): boolean {
  return (shape & flags) !== 0
}

function buildCharacterFlags(): Uint16Array {
  const flags = new Uint16Array(128)
  const mark = (characters: string, flag: number) => {
    for (const character of characters) {
      const code = character.charCodeAt(0)
      flags[code] = (flags[code] ?? 0) | flag
    }
  }

  mark('0123456789', DIGIT)
  mark('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', LETTER)
  mark('abcdefABCDEF', HEX_LETTER)
  mark('ghijklmnopqrstuvwxyzGHIJKLMNOPQRSTUVWXYZ', NON_HEX_LETTER)
  mark('.', DOT)
  mark(':', COLON)
  mark('/', SLASH)
  mark('\\', BACKSLASH)
  mark('@', AT)
  mark('-', DASH)
  flags.forEach((flag, code) => {
    if (flag === 0) flags[code] = OTHER
  })
  return flags
}
