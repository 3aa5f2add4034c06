import { findHeaderLevel } from './header-level.js'
import { createRecord, type IngestRecord } from './ingest-record.js'
import { toWireTimestamp } from './calendar.js'
import { readSyslogPriority } from './syslog-priority.js'
import type { TimestampRecognizer } from './timestamp-recognizer.js'

/**
 * Reads a plain-text line. The whole line, header included, stays the
 * message, exactly as written: the header is only read for the timestamp and
 * the level, so nothing an operator may search for is cut away.
 */
export function parseTextLine(line: string, timestamps: TimestampRecognizer): IngestRecord {
  const priority = readSyslogPriority(line)
  const headerStart = priority?.end ?? 0

  const timestamp = timestamps.read(line, headerStart)
  const levelStart = timestamp?.end ?? headerStart
  const level = priority?.level ?? findHeaderLevel(line, levelStart) ?? 'INFO'

  const record = createRecord(line, level)
  const wireTimestamp = timestamp === undefined ? undefined : toWireTimestamp(timestamp.millis)
  if (wireTimestamp !== undefined) record.timestamp = wireTimestamp
  return record
}
