/** The most records and bytes one request to the gateway may carry. */
export interface BatchLimits {
  maxRecords: number
  maxBytes: number
}

/**
 * Records serialized as newline-delimited JSON for one request, each
 * remembered with the line of the file it came from.
 */
export class NdjsonBatch {
  private readonly records: string[] = []
  private readonly fileLines: number[] = []
  private bytes = 0
  private readonly limits: BatchLimits

  constructor(limits: BatchLimits) {
    this.limits = limits
  }

  /** True when a record of `byteLength` bytes fits in a request at all, alone in its batch. */
  static canHold(limits: BatchLimits, byteLength: number): boolean {
    return byteLength + 1 <= limits.maxBytes
  }

  /** How many records the batch holds. */
  get size(): number {
    return this.records.length
  }

  /** The file line of the first record, for messages about the batch. */
  get firstLine(): number | undefined {
    return this.fileLines[0]
  }

  /** The file line of the last record. */
  get lastLine(): number | undefined {
    return this.fileLines.at(-1)
  }

  /** True when the record (as JSON, `byteLength` bytes) fits beside those already here. */
  hasRoomFor(byteLength: number): boolean {
    if (this.records.length >= this.limits.maxRecords) return false
    return this.bytes + byteLength + 1 <= this.limits.maxBytes
  }

  /** Appends a serialized record taken from `fileLine`. */
  add(json: string, byteLength: number, fileLine: number): void {
    this.records.push(json)
    this.fileLines.push(fileLine)
    this.bytes += byteLength + 1
  }

  /** The request body: one record per line. */
  toBody(): string {
    return this.records.join('\n')
  }

  /** The file line of the record on line `bodyLine` (from 1) of the body. */
  fileLineOf(bodyLine: number): number | undefined {
    return this.fileLines[bodyLine - 1]
  }
}
