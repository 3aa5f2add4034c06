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

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return isLeap ? 29 : 28
}

function isBetween(value: number, low: number, high: number): boolean {
  return value >= low && value <= high
}

// Written as "between" checks so that a NaN field fails them all.
function isInRange(time: CivilTime): boolean {
  if (!isBetween(time.year, EARLIEST_YEAR, LATEST_YEAR) || !isBetween(time.month, 1, 12)) {
    return false
  }
  if (!isBetween(time.day, 1, daysInMonth(time.year, time.month))) return false
  return (
    isBetween(time.hour, 0, 23) && isBetween(time.minute, 0, 59) && isBetween(time.second, 0, 60)
  )
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
  return local + fractionToMillis(time.fraction) - time.offsetMinutes * 60_000
}

/**
 * Picks the year for a timestamp written without one (syslog), given the
 * time placed in the current year: that year, unless it puts the time more
 * than a day in the future, which means the line was written last year.
 */
export function inferYear(timeThisYear: CivilTime, now: Date): number {
  const year = timeThisYear.year
  const millis = civilToMillis(timeThisYear)
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

// Consecutive lines mostly share their second, so the formatted second is
// kept and only the milliseconds are written anew.
const lastSecond = { epochSecond: Number.NaN, prefix: undefined as string | undefined }

function formatSecond(epochSecond: number): string | undefined {
  if (epochSecond === lastSecond.epochSecond) return lastSecond.prefix

  const date = new Date(epochSecond * 1000)
  const year = date.getUTCFullYear()
  const isStorable = year >= EARLIEST_YEAR && year <= LATEST_YEAR
  lastSecond.epochSecond = epochSecond
  lastSecond.prefix = isStorable ? date.toISOString().slice(0, 19) : undefined
  return lastSecond.prefix
}

/** The instant as the wire format writes it, or undefined outside what the store holds. */
export function toWireTimestamp(millis: number): string | undefined {
  if (!Number.isFinite(millis)) return undefined
  const whole = Math.floor(millis)
  const epochSecond = Math.floor(whole / 1000)

  const prefix = formatSecond(epochSecond)
  if (prefix === undefined) return undefined
  return `${prefix}.${String(whole - epochSecond * 1000).padStart(3, '0')}Z`
}
