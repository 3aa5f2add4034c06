import type { IngestRecord } from './ingest-record.js'
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

  constructor(format: LineFormat, now: Date = new Date()) {
    this.format = format
    this.timestamps = new TimestampRecognizer(now)
    this.fieldTimestamps = new TimestampRecognizer(now)
  }

  /** The record for one non-blank line, without its line ending. */
  parse(line: string): IngestRecord {
    const structured = this.parseStructured(line)
    return structured ?? parseTextLine(line, this.timestamps)
  }

  private parseStructured(line: string): IngestRecord | undefined {
    if (this.format === 'json') return parseJsonLine(line, this.fieldTimestamps)
    if (this.format === 'logfmt') return parseLogfmtLine(line, this.fieldTimestamps)
    return undefined
  }
}
