const DATE_WORDS = new Set(
  'Mon Tue Wed Thu Fri Sat Sun Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' '),
)
const DATE_PARTS = new Set(['<NUM>', '<TS>'])

/**
 * Folds a written-out date such as `Sat Jun 18 02:08:12 2005` into one `<TS>`:
 * a run of day names, month names, numbers and times that holds at least one
 * name and one number. Returns the masked tokens and the values they stand for.
 */
export function foldDateRuns(
  masked: readonly string[],
  values: readonly string[],
): { masked: string[]; values: string[] } {
  const folded = { masked: [] as string[], values: [] as string[] }
  let index = 0

  while (index < masked.length) {
    const end = findDateRunEnd(masked, index)
    if (end > index) {
      folded.masked.push('<TS>')
      folded.values.push(values.slice(index, end).join(' '))
      index = end
      continue
    }
    folded.masked.push(masked[index] ?? '')
    folded.values.push(values[index] ?? '')
    index += 1
  }
  return folded
}

function findDateRunEnd(masked: readonly string[], start: number): number {
  let hasName = false
  let hasNumber = false
  let end = start

  while (end < masked.length) {
    const token = masked[end] ?? ''
    if (DATE_WORDS.has(token)) hasName = true
    else if (DATE_PARTS.has(token)) hasNumber = true
    else break
    end += 1
  }
  return hasName && hasNumber ? end : start
}
