const SIZE_UNITS = new Set(['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'KiB', 'MiB', 'GiB', 'TiB'])
const TRAILING_PUNCTUATION = /[)\]},;:.!?]+$/

/** A number and the size unit written apart after it, folded into one token. */
export interface SizeFold {
  /** `<SIZE>` with the punctuation that followed the unit. */
  masked: string
  /** The unit as written, without that punctuation. */
  unit: string
}

/**
 * Reads a number followed by a size unit written apart (`12.4 KB,`) at
 * `index` among masked tokens, so that `320 B` and `1.2 KB` give the same
 * template; returns undefined when there is none.
 */
export function readSizeFold(masked: readonly string[], index: number): SizeFold | undefined {
  if (masked[index] !== '<NUM>') return undefined

  const next = masked[index + 1] ?? ''
  const punctuation = TRAILING_PUNCTUATION.exec(next)?.[0] ?? ''
  const unit = next.slice(0, next.length - punctuation.length)
  if (!SIZE_UNITS.has(unit)) return undefined

  return { masked: `<SIZE>${punctuation}`, unit }
}
