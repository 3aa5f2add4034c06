const SIZE_UNITS = new Set(['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'KiB', 'MiB', 'GiB', 'TiB'])
const TRAILING_PUNCTUATION = /[)\]},;:.!?]+$/

/**
 * Folds a number followed by a size unit written apart (`12.4 KB,`) into one
 * `<SIZE>`, so that `320 B` and `1.2 KB` give the same template. Returns the
 * masked tokens and the values they stand for.
 */
export function foldSizeUnits(
  masked: readonly string[],
  values: readonly string[],
): { masked: string[]; values: string[] } {
  const folded = { masked: [] as string[], values: [] as string[] }

  for (let index = 0; index < masked.length; index += 1) {
    const token = masked[index] ?? ''
    const next = masked[index + 1] ?? ''
    const punctuation = TRAILING_PUNCTUATION.exec(next)?.[0] ?? ''
    const unit = next.slice(0, next.length - punctuation.length)

    if (token === '<NUM>' && SIZE_UNITS.has(unit)) {
      folded.masked.push(`<SIZE>${punctuation}`)
      folded.values.push(`${values[index] ?? ''} ${unit}`)
      index += 1
      continue
    }
    folded.masked.push(token)
    folded.values.push(values[index] ?? '')
  }
  return folded
}
