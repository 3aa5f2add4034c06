import { normalizeLevel, type LogLevel } from '../logs/levels.js'
import { MAX_FIELD_LENGTH, MAX_SERVICE_LENGTH } from '../logs/record.js'
import { epochToMillis, toWireTimestamp } from './calendar.js'
import { createRecord, type IngestRecord } from './ingest-record.js'
import type { TimestampRecognizer } from './timestamp-recognizer.js'

/** The fields of a structured line (a JSON object or logfmt pairs), by name. */
export type StructuredFields = Readonly<Record<string, unknown>>

// The names common logging libraries give each field, most usual first.
const MESSAGE_KEYS = ['message', 'msg', 'log', 'text', '@m', 'body']
const LEVEL_KEYS = ['level', 'severity', 'lvl', 'levelname', 'log_level', 'loglevel', '@l']
const TIMESTAMP_KEYS = ['timestamp', 'time', 'ts', '@timestamp', '@t', 'date', 'datetime']
const SERVICE_KEYS = ['service', 'service_name', 'serviceName', 'app', 'application']
const ENVIRONMENT_KEYS = ['environment', 'env']
const TRACE_KEYS = ['trace_id', 'traceId', 'traceID', 'trace']
const HOST_KEYS = ['host', 'hostname', 'host_name']
const POD_KEYS = ['pod_name', 'pod', 'podName']
const USER_KEYS = ['user_id', 'userId', 'user']
const STACK_KEYS = ['stack_trace', 'stack', 'stacktrace', 'exception']
const ERROR_KEYS = ['err', 'error']

const EPOCH_TEXT = /^\d{9,19}(?:\.\d{1,9})?$/

// pino and bunyan write levels as numbers from 10 (trace) to 60 (fatal).
const NUMERIC_LEVELS: readonly [number, LogLevel][] = [
  [60, 'FATAL'],
  [50, 'ERROR'],
  [40, 'WARN'],
  [30, 'INFO'],
]

function pick(fields: StructuredFields, keys: readonly string[]): unknown {
  for (const key of keys) {
    if (Object.hasOwn(fields, key) && fields[key] !== null) return fields[key]
  }
  return undefined
}

function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}

function readLevel(value: unknown): LogLevel | undefined {
  if (typeof value === 'string') return normalizeLevel(value)
  if (typeof value !== 'number') return undefined
  return NUMERIC_LEVELS.find(([floor]) => value >= floor)?.[1] ?? 'DEBUG'
}

function readTimestamp(value: unknown, timestamps: TimestampRecognizer): string | undefined {
  if (typeof value === 'number') return toWireTimestamp(epochToMillis(value))
  if (typeof value !== 'string') return undefined
  if (EPOCH_TEXT.test(value)) return toWireTimestamp(epochToMillis(Number(value)))

  const match = timestamps.read(value)
  if (match !== undefined) return toWireTimestamp(match.millis)
  return toWireTimestamp(Date.parse(value))
}

function readName(value: unknown, maxLength: number): string | undefined {
  const text = asText(value)?.trim()
  if (text === undefined || text.length === 0 || text.length > maxLength) return undefined
  return text
}

function readStack(fields: StructuredFields): string | undefined {
  const stack = asText(pick(fields, STACK_KEYS))
  if (stack !== undefined) return stack

  const error = pick(fields, ERROR_KEYS)
  if (typeof error !== 'object' || error === null || !('stack' in error)) return undefined
  return asText(error.stack)
}

function copyOptional(record: IngestRecord, fields: StructuredFields): void {
  const service = readName(pick(fields, SERVICE_KEYS), MAX_SERVICE_LENGTH)
  if (service !== undefined) record.service = service
  const environment = readName(pick(fields, ENVIRONMENT_KEYS), MAX_SERVICE_LENGTH)
  if (environment !== undefined) record.environment = environment
  const traceId = readName(pick(fields, TRACE_KEYS), MAX_FIELD_LENGTH)
  if (traceId !== undefined) record.trace_id = traceId
  const host = readName(pick(fields, HOST_KEYS), MAX_FIELD_LENGTH)
  if (host !== undefined) record.host = host
  const pod = readName(pick(fields, POD_KEYS), MAX_FIELD_LENGTH)
  if (pod !== undefined) record.pod_name = pod
  const user = readName(pick(fields, USER_KEYS), MAX_FIELD_LENGTH)
  if (user !== undefined) record.user_id = user
  const stack = readStack(fields)
  if (stack !== undefined) record.stack_trace = stack
}

/**
 * Maps the fields of a structured line onto a record under the names common
 * logging libraries use; other fields are left out. A line without a message
 * field keeps the whole line as its message, so nothing in it is lost.
 */
export function mapStructuredFields(
  fields: StructuredFields,
  line: string,
  timestamps: TimestampRecognizer,
): IngestRecord {
  const message = asText(pick(fields, MESSAGE_KEYS)) ?? line
  const level = readLevel(pick(fields, LEVEL_KEYS)) ?? 'INFO'
  const record = createRecord(message, level)

  const logId = readName(pick(fields, ['log_id']), MAX_FIELD_LENGTH)
  if (logId !== undefined) record.log_id = logId
  const timestamp = readTimestamp(pick(fields, TIMESTAMP_KEYS), timestamps)
  if (timestamp !== undefined) record.timestamp = timestamp

  copyOptional(record, fields)
  return record
}
