import { normalizeLevel, type LogLevel } from '../logs/levels.js'

/** The `<PRI>` prefix of a syslog line (RFC 3164 and RFC 5424) and the level its severity names. */
export interface SyslogPriority {
  level: LogLevel
  /** Index just past the prefix and, for RFC 5424, its version number. */
  end: number
}

const SEVERITY_NAMES = ['EMERG', 'ALERT', 'CRIT', 'ERR', 'WARNING', 'NOTICE', 'INFO', 'DEBUG']
const LARGEST_PRIORITY = 191
const PRIORITY = /<(\d{1,3})>(?:\d{1,2} )?/y

/** Reads a `<PRI>` prefix at the start of a line; undefined when the line has none. */
export function readSyslogPriority(line: string): SyslogPriority | undefined {
  if (line.charCodeAt(0) !== 0x3c) return undefined
  PRIORITY.lastIndex = 0
  const match = PRIORITY.exec(line)
  if (match === null) return undefined

  const priority = Number(match[1])
  if (priority > LARGEST_PRIORITY) return undefined
  const level = normalizeLevel(SEVERITY_NAMES[priority % 8] ?? '')
  return level === undefined ? undefined : { level, end: PRIORITY.lastIndex }
}
