import type { LogLevel } from '../logs/levels.js'
import type { LogRecord } from '../logs/record.js'

type OptionalField =
  | 'timestamp'
  | 'service'
  | 'environment'
  | 'stack_trace'
  | 'trace_id'
  | 'host'
  | 'pod_name'
  | 'user_id'

/**
 * A record as `logplat ingest` sends it: the fields of a LogRecord that the
 * line supplied, and the time it was read when the line has none. The gateway
 * fills service and environment from the request.
 */
export type IngestRecord = Pick<LogRecord, 'level' | 'message'> &
  Partial<Pick<LogRecord, OptionalField | 'log_id'>>

/** Starts a record for one line; the line parser gives it its id. */
export function createRecord(message: string, level: LogLevel): IngestRecord {
  return { level, message }
}
