import { parseLogfmt } from './logfmt.js'
import type { IngestRecord } from './ingest-record.js'
import { mapStructuredFields } from './structured-fields.js'
import type { TimestampRecognizer } from './timestamp-recognizer.js'

const OPEN_BRACE = 0x7b

/** True when the line is a JSON object, the shape of a JSON-lines log. */
export function readJsonObject(line: string): Record<string, unknown> | undefined {
  const trimmed = line.trimStart()
  if (trimmed.charCodeAt(0) !== OPEN_BRACE) return undefined
  try {
    const value: unknown = JSON.parse(trimmed)
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
    return value as Record<string, unknown>
  } catch {
    return undefined
  }
}

/** A record from a JSON-lines line, or undefined when the line is not a JSON object. */
export function parseJsonLine(
  line: string,
  timestamps: TimestampRecognizer,
): IngestRecord | undefined {
  const fields = readJsonObject(line)
  return fields === undefined ? undefined : mapStructuredFields(fields, line, timestamps)
}

/** True when a line reads as logfmt: it opens with a `key=value` pair and has at least two. */
export function isLogfmtLine(line: string): boolean {
  const pairs = parseLogfmt(line)
  return pairs !== undefined && pairs.startsWithPair && pairs.pairCount >= 2
}

/** A record from a logfmt line, or undefined when the line does not read as logfmt. */
export function parseLogfmtLine(
  line: string,
  timestamps: TimestampRecognizer,
): IngestRecord | undefined {
  const pairs = parseLogfmt(line)
  if (pairs === undefined || !pairs.startsWithPair) return undefined
  return mapStructuredFields(pairs.fields, line, timestamps)
}
