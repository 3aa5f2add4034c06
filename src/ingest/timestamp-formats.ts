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
const ISO =
  /\[?(\d{4})[-/](\d{2})[-/](\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}(?::?\d{2})?| [+-]\d{2}:?\d{2}(?!\d))?\]?/y
const EPOCH_WITH_DATES =
  /\S{1,64} (\d{9,10}) \d{4}\.\d{2}\.\d{2} \S{1,128} \d{4}-\d{2}-\d{2}-\d{2}\.\d{2}\.(\d{2})\.(\d{1,6})/y
const DOTTED = /(\d{4})-(\d{2})-(\d{2})-(\d{2})\.(\d{2})\.(\d{2})(?:\.(\d{1,6}))?/y
const CTIME =
  /\[?[A-Z][a-z]{2} ([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))? (\d{4})\]?/y
const SYSLOG = /([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?/y
const COMPACT = /(\d{2})(\d{2})(\d{2}) (\d{2})(\d{2})(\d{2})(?!\d)/y
const SHORT_SLASHED = /(\d{2})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?/y
const ACCESS_LOG =
  /\[(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))? ([+-]\d{4})\]/

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

function found(time: CivilTime, end: number): TimestampMatch | undefined {
  const millis = civilToMillis(time)
  return millis === undefined ? undefined : { millis, end }
}

/** ISO 8601 and RFC 3339, with `T` or a space, dot or comma fractions, `Z`, an offset or no zone (UTC). */
export const readIso: TimestampFormat = (line, start) => {
  const m = matchAt(ISO, line, start)
  if (m === null) return undefined

  const time: CivilTime = {
    year: int(m[1]),
    month: int(m[2]),
    day: int(m[3]),
    hour: int(m[4]),
    minute: int(m[5]),
    second: int(m[6]),
    fraction: m[7] ?? '',
    offsetMinutes: parseZone(m[8]),
  }
  return found(time, ISO.lastIndex)
}

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
export const readDotted: TimestampFormat = (line, start) => {
  const m = matchAt(DOTTED, line, start)
  if (m === null) return undefined

  const time: CivilTime = {
    year: int(m[1]),
    month: int(m[2]),
    day: int(m[3]),
    hour: int(m[4]),
    minute: int(m[5]),
    second: int(m[6]),
    fraction: m[7] ?? '',
    offsetMinutes: 0,
  }
  return found(time, DOTTED.lastIndex)
}

/** `Sun Dec 04 04:47:44 2005`, bracketed or not (Apache error log, ctime). */
export const readCtime: TimestampFormat = (line, start) => {
  const m = matchAt(CTIME, line, start)
  if (m === null) return undefined

  const time: CivilTime = {
    year: int(m[7]),
    month: monthNumber(m[1] ?? '') ?? 0,
    day: int(m[2]),
    hour: int(m[3]),
    minute: int(m[4]),
    second: int(m[5]),
    fraction: m[6] ?? '',
    offsetMinutes: 0,
  }
  return found(time, CTIME.lastIndex)
}

/** `Jun 14 15:16:01` (BSD syslog, OpenSSH): no year, so the most recent one that is not in the future. */
export const readSyslog: TimestampFormat = (line, start, now) => {
  const m = matchAt(SYSLOG, line, start)
  if (m === null) return undefined

  const time: CivilTime = {
    year: now.getUTCFullYear(),
    month: monthNumber(m[1] ?? '') ?? 0,
    day: int(m[2]),
    hour: int(m[3]),
    minute: int(m[4]),
    second: int(m[5]),
    fraction: m[6] ?? '',
    offsetMinutes: 0,
  }
  time.year = inferYear(time, now)
  return found(time, SYSLOG.lastIndex)
}

/** `081109 203615` (HDFS): yyMMdd HHmmss, in this century. */
export const readCompact: TimestampFormat = (line, start) => {
  const m = matchAt(COMPACT, line, start)
  if (m === null) return undefined

  const time: CivilTime = {
    year: 2000 + int(m[1]),
    month: int(m[2]),
    day: int(m[3]),
    hour: int(m[4]),
    minute: int(m[5]),
    second: int(m[6]),
    fraction: '',
    offsetMinutes: 0,
  }
  return found(time, COMPACT.lastIndex)
}

/** `17/06/09 20:10:40` (Spark, log4j's yy/MM/dd), in this century. */
export const readShortSlashed: TimestampFormat = (line, start) => {
  const m = matchAt(SHORT_SLASHED, line, start)
  if (m === null) return undefined

  const time: CivilTime = {
    year: 2000 + int(m[1]),
    month: int(m[2]),
    day: int(m[3]),
    hour: int(m[4]),
    minute: int(m[5]),
    second: int(m[6]),
    fraction: m[7] ?? '',
    offsetMinutes: 0,
  }
  return found(time, SHORT_SLASHED.lastIndex)
}

/** `[10/Oct/2000:13:55:36 -0700]` anywhere near the start (common and combined access logs). */
export const readAccessLog: TimestampFormat = (line, start) => {
  const header = line.slice(start, start + ACCESS_LOG_SEARCH_CHARS)
  const m = ACCESS_LOG.exec(header)
  if (m === null) return undefined

  const time: CivilTime = {
    year: int(m[3]),
    month: monthNumber(m[2] ?? '') ?? 0,
    day: int(m[1]),
    hour: int(m[4]),
    minute: int(m[5]),
    second: int(m[6]),
    fraction: m[7] ?? '',
    offsetMinutes: parseZone(m[8]),
  }
  return found(time, start + m.index + m[0].length)
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
