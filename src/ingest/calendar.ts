const MONTHS: ReadonlyMap<string, number> = new Map(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map(
    (name, index) => [name, index + 1],
  ),
)

// ClickHouse DateTime64 holds 1900-01-01 to 2299-12-31; the gateway refuses the rest.
const EARLIEST_YEAR = 1900
const LATEST_YEAR = 2299
const DAY_MS = 86_400_000

/** A wall-clock reading as a log line writes it, before it becomes an instant. */
export interface CivilTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  /** Digits after the decimal separator, as written (`978`, `363779`); empty when none. */
  fraction: string
  /** Minutes east of UTC; 0 when the line names no zone. */
  offsetMinutes: number
}

/** The number (1 to 12) of a month written as its English name or abbreviation. */
export function monthNumber(name: string): number | undefined {
  return MONTHS.get(name.slice(0, 3).toLowerCase())
}

/** Milliseconds of a fraction of a second written as digits (`5` is 500 ms, `363779` is 363 ms). */
export function fractionToMillis(digits: string): number {
  if (digits.length === 0) return 0
  return Number(digits.slice(0, 3).padEnd(3, '0'))
}

function isInRange(time: CivilTime): boolean {
  if (time.month < 1 || time.month > 12 || time.day < 1 || time.day > 31) return false
  if (time.hour > 23 || time.minute > 59 || time.second > 60) return false
  return time.year >= EARLIEST_YEAR && time.year <= LATEST_YEAR
}

/**
 * Turns a civil time into epoch milliseconds, or undefined when it names no
 * real moment (month 13, 30 February) or falls outside what the store holds.
 */
export function civilToMillis(time: CivilTime): number | undefined {
  if (!isInRange(time)) return undefined

  // A leap second (60) is folded into the last ordinary second of the minute.
  const second = Math.min(time.second, 59)
  const local = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, second)
  const date = new Date(local)
  if (date.getUTCDate() !== time.day) return undefined

  return local + fractionToMillis(time.fraction) - time.offsetMinutes * 60_000
}

/**
 * Picks the year for a timestamp written without one (syslog): the current
 * year, unless that puts it more than a day in the future, which means the
 * line was written last year.
 */
export function inferYear(time: Omit<CivilTime, 'year'>, now: Date): number {
  const year = now.getUTCFullYear()
  const millis = civilToMillis({ ...time, year })
  if (millis !== undefined && millis > now.getTime() + DAY_MS) return year - 1
  return year
}

/**
 * Epoch milliseconds from a number of seconds, milliseconds, microseconds or
 * nanoseconds since 1970, told apart by magnitude.
 */
export function epochToMillis(value: number): number {
  const magnitude = Math.abs(value)
  if (magnitude < 1e11) return value * 1000
  if (magnitude < 1e14) return value
  if (magnitude < 1e17) return value / 1000
  return value / 1e6
}

/** The instant as the wire format writes it, or undefined outside what the store holds. */
export function toWireTimestamp(millis: number): string | undefined {
  if (!Number.isFinite(millis)) return undefined
  const date = new Date(Math.floor(millis))
  const year = date.getUTCFullYear()
  if (Number.isNaN(year) || year < EARLIEST_YEAR || year > LATEST_YEAR) return undefined
  return date.toISOString()
}
