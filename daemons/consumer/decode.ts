import { createHash } from 'node:crypto'
import type { BusMessage, OutgoingMessage } from '../../src/bus/types.js'
import { checkLogRecord } from '../../src/logs/record.js'
import type { StoredLog } from '../../src/stores/logs/log-store.js'

export type Decoded = { ok: true; log: StoredLog } | { ok: false; reason: string }

/**
 * An id for a record that came without one, derived from where it sits on the
 * bus: a replay of the same message gets the same id, and the log table then
 * shows it once.
 */
function positionId(message: BusMessage): string {
  const position = `${message.topic}\u0000${message.partition}\u0000${message.offset}`
  return createHash('sha256').update(position).digest('hex').slice(0, 32)
}

/**
 * Turns a message from `raw-logs` into a row for the log table, or says why it
 * can never be stored. A record must name its service and carry a message;
 * the rest is filled deterministically (the id from the bus position, the
 * time from the append time), so a replayed message yields the same row.
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

  const check = checkLogRecord(value, {
    now: () => new Date(message.timestamp),
    logId: () => positionId(message),
  })
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
