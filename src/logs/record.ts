import { randomUUID } from 'node:crypto'
import { normalizeLevel, type LogLevel } from './levels.js'

/**
 * A log record as it travels on `raw-logs` and as `/api/logs` returns it.
 * Field names are the wire format's, so they stay snake_case.
 */
export interface LogRecord {
  log_id: string
  /** ISO 8601 in UTC with milliseconds. */
  timestamp: string
  service: string
  environment: string
  level: LogLevel
  message: string
  stack_trace: string | null
  trace_id: string | null
  host: string | null
  pod_name: string | null
  user_id: string | null
}

export const MAX_SERVICE_LENGTH = 128
export const MAX_FIELD_LENGTH = 256

export type RecordCheck = { ok: true; record: LogRecord } | { ok: false; reason: string }

/** Defaults applied to fields an ingested record leaves out. */
export interface RecordDefaults {
  /** The id for a record without one; random unless the caller can derive a stable one. */
  logId?: () => string
  service?: string
  environment?: string
  level?: LogLevel
  now?: () => Date
}

const OPTIONAL_TEXT_FIELDS = ['stack_trace', 'trace_id', 'host', 'pod_name', 'user_id'] as const

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// The form toISOString() writes. Most records arrive in it, and passing them
// through untouched spares a Date parse per record on the hot path.
// Years 1900-2299 (what DateTime64 holds), months, days, hours, minutes and
// seconds in range; a day past its month's end is left to the Date path.
const CANONICAL_TIMESTAMP =
  /^(19|2[0-2])\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/

function readTimestamp(value: unknown, now: () => Date): string | undefined {
  if (value === undefined || value === null) return now().toISOString()
  if (typeof value === 'string' && isCanonical(value)) return value
  if (typeof value === 'number' && Number.isFinite(value)) {
    const millis = value < 1e11 ? value * 1000 : value
    return toIso(new Date(millis))
  }
  if (typeof value !== 'string') return undefined
  return toIso(new Date(value))
}

function isCanonical(value: string): boolean {
  if (!CANONICAL_TIMESTAMP.test(value)) return false
  const day = Number(value.slice(8, 10))
  return day <= 28 || new Date(value).getUTCDate() === day
}

function toIso(date: Date): string | undefined {
  const time = date.getTime()
  if (Number.isNaN(time)) return undefined
  // ClickHouse DateTime64 holds 1900-01-01 to 2299-12-31.
  if (date.getUTCFullYear() < 1900 || date.getUTCFullYear() > 2299) return undefined
  return date.toISOString()
}

function checkName(field: string, value: unknown, fallback: string | undefined): string | Error {
  const name = value ?? fallback
  if (typeof name !== 'string' || name.trim().length === 0) {
    return new Error(`field "${field}" is required and must be a non-empty string`)
  }
  if (name.length > MAX_SERVICE_LENGTH) {
    return new Error(`field "${field}" is longer than ${MAX_SERVICE_LENGTH} characters`)
  }
  return name.trim()
}

/**
 * Checks a decoded record and fills what may be left out (log_id, timestamp,
 * environment, level). Returns the reason in words when the record cannot be
 * stored.
 */
export function checkLogRecord(value: unknown, defaults: RecordDefaults = {}): RecordCheck {
  if (!isPlainObject(value)) return { ok: false, reason: 'record is not a JSON object' }
  const now = defaults.now ?? (() => new Date())

  const message = value['message']
  if (typeof message !== 'string') {
    return { ok: false, reason: 'field "message" is required and must be a string' }
  }
  const service = checkName('service', value['service'], defaults.service)
  if (service instanceof Error) return { ok: false, reason: service.message }
  const environment = checkName(
    'environment',
    value['environment'],
    defaults.environment ?? 'default',
  )
  if (environment instanceof Error) return { ok: false, reason: environment.message }

  const rawLevel = value['level'] ?? defaults.level ?? 'INFO'
  const level = typeof rawLevel === 'string' ? normalizeLevel(rawLevel) : undefined
  if (level === undefined) {
    return { ok: false, reason: `field "level" has the unknown level ${JSON.stringify(rawLevel)}` }
  }
  const timestamp = readTimestamp(value['timestamp'], now)
  if (timestamp === undefined) {
    return {
      ok: false,
      reason: `field "timestamp" is not a valid time from 1900 to 2299: ${JSON.stringify(value['timestamp'])}`,
    }
  }
  const logId = value['log_id'] ?? (defaults.logId ?? randomUUID)()
  if (typeof logId !== 'string' || logId.length === 0 || logId.length > MAX_FIELD_LENGTH) {
    return {
      ok: false,
      reason: 'field "log_id" must be a non-empty string of at most 256 characters',
    }
  }

  const record: LogRecord = {
    log_id: logId,
    timestamp,
    service,
    environment,
    level,
    message,
    stack_trace: null,
    trace_id: null,
    host: null,
    pod_name: null,
    user_id: null,
  }
  for (const field of OPTIONAL_TEXT_FIELDS) {
    const fieldValue = value[field]
    if (fieldValue === undefined || fieldValue === null) continue
    if (typeof fieldValue !== 'string') {
      return { ok: false, reason: `field "${field}" must be a string or null` }
    }
    record[field] = fieldValue
  }
  return { ok: true, record }
}
