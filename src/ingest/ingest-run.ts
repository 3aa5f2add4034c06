import { performance } from 'node:perf_hooks'
import { LogplatError } from '../errors.js'
import { BatchSender, type DeliverBody, type RetryOptions } from './batch-sender.js'
import type { IngestSummary, Rejection } from './ingest-summary.js'
import type { FormatChoice } from './line-format.js'
import { NdjsonBatch, type BatchLimits } from './ndjson-batch.js'
import { RecordReader, type ReadLine } from './record-reader.js'

/** What one ingest run reads, how it reads it, and where it sends it. */
export interface IngestRunOptions {
  chunks: AsyncIterable<Uint8Array>
  deliver: DeliverBody
  format: FormatChoice
  /** Names the source in each line's id; see RecordReaderOptions. */
  idSeed: string
  limits: BatchLimits
  maxLineBytes: number
  /** Requests in flight at once; two keep the gateway busy while the next batch is built. */
  maxInFlight?: number
  retry?: RetryOptions
  /** Called after each chunk with the number of lines read so far. */
  onProgress?: (linesRead: number) => void
  /** The moment year-less timestamps are judged against; now unless a test says otherwise. */
  now?: Date
  /** Stops the run: nothing more is read, sent or retried once it is aborted. */
  signal?: AbortSignal
}

const DEFAULT_MAX_IN_FLIGHT = 2
const DEFAULT_RETRY: RetryOptions = { retries: 3, initialDelayMs: 250 }

/** Collects a run's lines into batches and keeps the local counts. */
class BatchBuilder {
  skipped = 0
  readonly rejections: Rejection[] = []
  private batch: NdjsonBatch
  private readonly limits: BatchLimits
  private readonly sender: BatchSender

  constructor(limits: BatchLimits, sender: BatchSender) {
    this.limits = limits
    this.sender = sender
    this.batch = new NdjsonBatch(limits)
  }

  async place(line: ReadLine): Promise<void> {
    if (line.kind === 'blank') {
      this.skipped++
      return
    }
    if (line.kind === 'rejected') {
      this.rejections.push({ line: line.number, reason: line.reason })
      return
    }

    const json = JSON.stringify(line.record)
    const byteLength = Buffer.byteLength(json)
    if (!NdjsonBatch.canHold(this.limits, byteLength)) {
      const reason = `record is ${byteLength} bytes as JSON, more than the request limit of ${this.limits.maxBytes} bytes`
      this.rejections.push({ line: line.number, reason })
      return
    }

    if (!this.batch.hasRoomFor(byteLength)) await this.flush()
    this.batch.add(json, byteLength, line.number)
  }

  async flush(): Promise<void> {
    if (this.batch.size === 0) return
    await this.sender.submit(this.batch)
    this.batch = new NdjsonBatch(this.limits)
  }
}

/** Reads a file's lines, sends them in batches and sums up what the gateway made of them. */
export async function runIngest(options: IngestRunOptions): Promise<IngestSummary> {
  const startedAt = performance.now()
  const reader = new RecordReader({
    format: options.format,
    idSeed: options.idSeed,
    maxLineBytes: options.maxLineBytes,
    ...(options.now !== undefined && { now: options.now }),
  })
  const maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT
  const retry = options.retry ?? DEFAULT_RETRY
  const sender = new BatchSender(options.deliver, maxInFlight, retry, options.signal)
  const builder = new BatchBuilder(options.limits, sender)
  let linesRead = 0
  let readFailure: LogplatError | undefined

  try {
    for await (const lines of reader.read(options.chunks)) {
      for (const line of lines) await builder.place(line)
      linesRead += lines.length
      options.onProgress?.(linesRead)
      if (sender.hasFailed || options.signal?.aborted === true) break
    }
    await builder.flush()
  } catch (error) {
    if (!(error instanceof LogplatError)) throw error
    readFailure = error
  }
  await sender.drain()

  return {
    format: reader.format,
    linesRead,
    accepted: sender.accepted,
    rejected: builder.rejections.length + sender.rejected,
    skipped: builder.skipped,
    seconds: (performance.now() - startedAt) / 1000,
    rejections: [...builder.rejections, ...sender.rejections].sort((a, b) => a.line - b.line),
    failure: readFailure ?? sender.failure ?? interruption(options.signal, linesRead),
  }
}

/** The failure of a run stopped by its signal before every batch had gone out. */
function interruption(
  signal: AbortSignal | undefined,
  linesRead: number,
): LogplatError | undefined {
  if (signal?.aborted !== true) return undefined
  return new LogplatError(
    'INGEST',
    'INTERRUPTED',
    `The ingest was stopped after ${linesRead} lines were read; run it again to send the rest ` +
      '(lines already stored are not stored twice).',
  )
}
