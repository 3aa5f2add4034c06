const DATE_WORDS = new Set(
  'Mon Tue Wed Thu Fri Sat Sun Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' '),
)
const DATE_PARTS = new Set(['<NUM>', '<TS>'])
// Every date word and date part is this long or shorter; longer tokens skip both lookups.
const LONGEST_DATE_TOKEN = 5

/**
 * Finds the end of a written-out date such as `Sat Jun 18 02:08:12 2005` that
 * starts at `start` among masked tokens: a run of day names, month names,
 * numbers and times that holds at least one name and one number. Returns
 * `start` when no such run starts there; the run then folds into one `<TS>`.
 */
export function findDateRunEnd(masked: readonly string[], start: number): number {
  let hasName = false
  let hasNumber = false
  let end = start

  while (end < masked.length) {
    const token = masked[end] ?? ''
    if (token.length > LONGEST_DATE_TOKEN) break
    if (DATE_WORDS.has(token)) hasName = true
    else if (DATE_PARTS.has(token)) hasNumber = true
    else break
    end += 1
  }
  return hasName && hasNumber ? end : start
}
