import type { BusMessage, OutgoingMessage } from '../../src/bus/types.js'
import { checkLogRecord } from '../../src/logs/record.js'
import type { StoredLog } from '../../src/stores/logs/log-store.js'

export type Decoded = { ok: true; log: StoredLog } | { ok: false; reason: string }

/**
 * Turns a message from `raw-logs` into a row for the log table, or says why it
 * can never be stored. Only a well-formed, complete record passes: defaults
 * are the producer's business, so a record missing its service is refused.
 */
export function decodeLogMessage(message: BusMessage, maxBytes: number): Decoded {
  if (message.value.length > maxBytes) {
    return { ok: false, reason: `message of ${message.value.length} bytes exceeds ${maxBytes}` }
  }

  let value: unknown
  try {
    value = JSON.parse(message.value.toString('utf8'))
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` }
  }

  const check = checkLogRecord(value, { now: () => new Date(message.timestamp) })
  if (!check.ok) return check
  // The record is fresh from the check, so it is extended in place rather than copied.
  const log = check.record as StoredLog
  log.source_topic = message.topic
  log.source_partition = message.partition
  log.source_offset = message.offset
  return { ok: true, log }
}

/** The dead letter for a message: its original key and bytes, and why it failed, as headers. */
export function toDeadLetter(message: BusMessage, reason: string): OutgoingMessage {
  const deadLetter: OutgoingMessage = {
    value: message.value,
    headers: {
      ...message.headers,
      'x-dlq-reason': reason,
      'x-original-topic': message.topic,
      'x-original-partition': String(message.partition),
      'x-original-offset': message.offset,
      'x-failed-at': new Date().toISOString(),
    },
  }
  if (message.key !== null) deadLetter.key = message.key
  return deadLetter
}
