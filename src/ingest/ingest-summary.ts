import type { LogplatError } from '../errors.js'
import type { LineFormat } from './line-format.js'

/** Why one line of the file was not stored, by the line's number in the file. */
export interface Rejection {
  line: number
  reason: string
}

/** What an ingest run did with the file. */
export interface IngestSummary {
  /** The format the lines were read in; undefined when nothing was read. */
  format: LineFormat | undefined
  linesRead: number
  accepted: number
  /** Lines refused, here (too long) or by the gateway (invalid record). */
  rejected: number
  /** Blank lines, which are not records and are not sent. */
  skipped: number
  seconds: number
  /** Every rejection, in file order. */
  rejections: Rejection[]
  /** Why the run stopped early; undefined when every line was read and delivered. */
  failure: LogplatError | undefined
}
