import type { IngestRecord } from './ingest-record.js'
import { lineId } from './line-id.js'
import type { LineFormat } from './line-format.js'
import { parseJsonLine, parseLogfmtLine } from './structured-lines.js'
import { parseTextLine } from './text-line.js'
import { TimestampRecognizer } from './timestamp-recognizer.js'

/**
 * Turns the lines of one file into records. A line that does not fit the
 * file's structured format (a stack trace line in a JSON log) is read as
 * plain text, so it is never lost.
 */
export class LineParser {
  readonly format: LineFormat
  private readonly timestamps: TimestampRecognizer
  private readonly fieldTimestamps: TimestampRecognizer

  private readonly idSeed: string

  /** `idSeed` names the source (service and environment) in every line's id. */
  constructor(format: LineFormat, idSeed: string, now: Date = new Date()) {
    this.format = format
    this.idSeed = idSeed
    this.timestamps = new TimestampRecognizer(now)
    this.fieldTimestamps = new TimestampRecognizer(now)
  }

  /**
   * The record for one non-blank line, without its line ending. A line that
   * names no id gets one from its place and text; a line that carries no time
   * is stamped with the time it was read, here rather than at the gateway, so
   * that a retried batch repeats each record exactly and the log table shows
   * it once.
   */
  parse(line: string, lineNumber: number): IngestRecord {
    const record = this.parseStructured(line) ?? parseTextLine(line, this.timestamps)
    record.log_id ??= lineId(this.idSeed, lineNumber, line)
    record.timestamp ??= new Date().toISOString()
    return record
  }

  private parseStructured(line: string): IngestRecord | undefined {
    if (this.format === 'json') return parseJsonLine(line, this.fieldTimestamps)
    if (this.format === 'logfmt') return parseLogfmtLine(line, this.fieldTimestamps)
    return undefined
  }
}
