import {
  TIMESTAMP_FORMATS,
  type TimestampFormat,
  type TimestampMatch,
} from './timestamp-formats.js'

/**
 * Finds the timestamp a line starts with. Lines of one file share a layout,
 * so the layout that fitted last is tried first.
 */
export class TimestampRecognizer {
  private preferred: TimestampFormat | undefined
  private readonly now: Date

  constructor(now: Date = new Date()) {
    this.now = now
  }

  /** The timestamp at `start` in the line, or undefined when no known layout fits there. */
  read(line: string, start = 0): TimestampMatch | undefined {
    const preferred = this.preferred?.(line, start, this.now)
    if (preferred !== undefined) return preferred

    for (const format of TIMESTAMP_FORMATS) {
      if (format === this.preferred) continue
      const match = format(line, start, this.now)
      if (match === undefined) continue
      this.preferred = format
      return match
    }
    return undefined
  }
}
