import {
  civilToMillis,
  fractionToMillis,
  inferYear,
  monthNumber,
  type CivilTime,
} from './calendar.js'

/** Where a timestamp was found at the start of a line's header, and what instant it names. */
export interface TimestampMatch {
  millis: number
  /** Index just past the timestamp in the line. */
  end: number
}

/** Reads one timestamp layout at `start` in a line; undefined when the layout does not fit. */
export type TimestampFormat = (line: string, start: number, now: Date) => TimestampMatch | undefined

// How far into a line an access-log timestamp (after host, ident and user) may start.
const ACCESS_LOG_SEARCH_CHARS = 256

// Every pattern is anchored (sticky) or starts with a literal, and uses bounded
// repeats only, so a hostile line of a million characters costs linear time.
// Named groups say what each part is: `year` or a two-digit `yy` (this
// century), `month` as a number or `mon` as a name, and so on; a layout with
// no year takes the most recent one that is not in the future.
const ISO =
  /\[?(?<year>\d{4})[-/](?<month>\d{2})[-/](?<day>\d{2})[T ](?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2})(?:[.,](?<fraction>\d{1,9}))?(?<zone>Z|[+-]\d{2}(?::?\d{2})?| [+-]\d{2}:?\d{2}(?!\d))?\]?/y
const EPOCH_WITH_DATES =
  /\S{1,64} (\d{9,10}) \d{4}\.\d{2}\.\d{2} \S{1,128} \d{4}-\d{2}-\d{2}-\d{2}\.\d{2}\.(\d{2})\.(\d{1,6})/y
const DOTTED =
  /(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})-(?<hour>\d{2})\.(?<minute>\d{2})\.(?<second>\d{2})(?:\.(?<fraction>\d{1,6}))?/y
const CTIME =
  /\[?[A-Z][a-z]{2} (?<mon>[A-Z][a-z]{2}) {1,2}(?<day>\d{1,2}) (?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2})(?:\.(?<fraction>\d{1,6}))? (?<year>\d{4})\]?/y
const SYSLOG =
  /(?<mon>[A-Z][a-z]{2}) {1,2}(?<day>\d{1,2}) (?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2})(?:\.(?<fraction>\d{1,6}))?/y
const COMPACT =
  /(?<yy>\d{2})(?<month>\d{2})(?<day>\d{2}) (?<hour>\d{2})(?<minute>\d{2})(?<second>\d{2})(?!\d)/y
const SHORT_SLASHED =
  /(?<yy>\d{2})\/(?<month>\d{2})\/(?<day>\d{2}) (?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2})(?:[.,](?<fraction>\d{1,9}))?/y
const ACCESS_LOG =
  /\[(?<day>\d{2})\/(?<mon>[A-Z][a-z]{2})\/(?<year>\d{4}):(?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2})(?:\.(?<fraction>\d{1,6}))? (?<zone>[+-]\d{4})\]/

type TimeParts = Partial<Record<string, string>>

function matchAt(pattern: RegExp, line: string, start: number): RegExpExecArray | null {
  pattern.lastIndex = start
  return pattern.exec(line)
}

function int(text: string | undefined): number {
  return text === undefined ? Number.NaN : Number(text)
}

function parseZone(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0
  const digits = zone.trim()
  const sign = digits.startsWith('-') ? -1 : 1
  const hours = int(digits.slice(1, 3))
  const minutes = digits.length > 3 ? int(digits.slice(-2)) : 0
  return sign * (hours * 60 + minutes)
}

function readYear(parts: TimeParts, now: Date): number {
  if (parts['year'] !== undefined) return int(parts['year'])
  if (parts['yy'] !== undefined) return 2000 + int(parts['yy'])
  return now.getUTCFullYear()
}

/** The civil time the named groups of a match spell out. */
function civilTimeOf(parts: TimeParts, now: Date): CivilTime {
  const monthName = parts['mon']
  const time: CivilTime = {
    year: readYear(parts, now),
    month: monthName === undefined ? int(parts['month']) : (monthNumber(monthName) ?? 0),
    day: int(parts['day']),
    hour: int(parts['hour']),
    minute: int(parts['minute']),
    second: int(parts['second']),
    fraction: parts['fraction'] ?? '',
    offsetMinutes: parseZone(parts['zone']),
  }
  if (parts['year'] === undefined && parts['yy'] === undefined) time.year = inferYear(time, now)
  return time
}

function found(time: CivilTime, end: number): TimestampMatch | undefined {
  const millis = civilToMillis(time)
  return millis === undefined ? undefined : { millis, end }
}

/** A layout read by one sticky pattern with named groups, at the start of the header. */
function stickyFormat(pattern: RegExp): TimestampFormat {
  return (line, start, now) => {
    const match = matchAt(pattern, line, start)
    if (match?.groups === undefined) return undefined
    return found(civilTimeOf(match.groups, now), pattern.lastIndex)
  }
}

/** ISO 8601 and RFC 3339, with `T` or a space, dot or comma fractions, `Z`, an offset or no zone (UTC). */
export const readIso = stickyFormat(ISO)

/**
 * A label, epoch seconds, a `yyyy.MM.dd` date, a node and a
 * `yyyy-MM-dd-HH.mm.ss.ffffff` time (Blue Gene/L): the epoch is the instant,
 * since the written time is local; the written fraction adds the milliseconds.
 */
export const readEpochWithDates: TimestampFormat = (line, start) => {
  const m = matchAt(EPOCH_WITH_DATES, line, start)
  if (m === null) return undefined

  const epochSeconds = int(m[1])
  const isSameSecond = int(m[2]) === epochSeconds % 60
  const millis = epochSeconds * 1000 + (isSameSecond ? fractionToMillis(m[3] ?? '') : 0)
  return { millis, end: EPOCH_WITH_DATES.lastIndex }
}

/** `2005-06-03-15.42.50.363779`, the dotted timestamp of IBM systems, read as UTC. */
export const readDotted = stickyFormat(DOTTED)

/** `Sun Dec 04 04:47:44 2005`, bracketed or not (Apache error log, ctime). */
export const readCtime = stickyFormat(CTIME)

/** `Jun 14 15:16:01` (BSD syslog, OpenSSH): no year, so the most recent one that is not in the future. */
export const readSyslog = stickyFormat(SYSLOG)

/** `081109 203615` (HDFS): yyMMdd HHmmss, in this century. */
export const readCompact = stickyFormat(COMPACT)

/** `17/06/09 20:10:40` (Spark, log4j's yy/MM/dd), in this century. */
export const readShortSlashed = stickyFormat(SHORT_SLASHED)

/** `[10/Oct/2000:13:55:36 -0700]` anywhere near the start (common and combined access logs). */
export const readAccessLog: TimestampFormat = (line, start, now) => {
  const header = line.slice(start, start + ACCESS_LOG_SEARCH_CHARS)
  const match = ACCESS_LOG.exec(header)
  if (match?.groups === undefined) return undefined

  return found(civilTimeOf(match.groups, now), start + match.index + match[0].length)
}

/** Every layout, the most specific first, so that a looser one never claims a stricter one's line. */
export const TIMESTAMP_FORMATS: readonly TimestampFormat[] = [
  readIso,
  readEpochWithDates,
  readDotted,
  readCtime,
  readSyslog,
  readCompact,
  readShortSlashed,
  readAccessLog,
]
