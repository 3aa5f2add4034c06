import { ExponentialBackoff, handleWhen, retry, type RetryPolicy } from 'cockatiel'
import type { IngestResponse } from '../client/gateway-client.js'
import { describeError, LogplatError } from '../errors.js'
import type { Rejection } from './ingest-summary.js'
import type { NdjsonBatch } from './ndjson-batch.js'

/** How often, and after how long, a batch is tried again after a retryable failure. */
export interface RetryOptions {
  retries: number
  initialDelayMs: number
}

/** Delivers one request body; the gateway client's `ingest` in production. */
export type DeliverBody = (body: string) => Promise<IngestResponse>

const MAX_DELAY_MS = 5000

function isRetryable(error: Error): boolean {
  return error instanceof LogplatError && error.isRetryable
}

/**
 * Sends batches with a bounded number of requests in flight, retrying
 * failures that may pass (5xx, lost connections) with exponential backoff,
 * and adds up what the gateway accepted and rejected. After the first batch
 * that fails for good it sends nothing more.
 */
export class BatchSender {
  accepted = 0
  rejected = 0
  readonly rejections: Rejection[] = []
  failure: LogplatError | undefined
  private readonly inFlight = new Set<Promise<void>>()
  private readonly policy: RetryPolicy
  private readonly deliver: DeliverBody
  private readonly maxInFlight: number
  private readonly retries: number
  private readonly signal: AbortSignal | undefined

  /** `signal` ends the run: no batch is sent or retried once it is aborted. */
  constructor(
    deliver: DeliverBody,
    maxInFlight: number,
    options: RetryOptions,
    signal?: AbortSignal,
  ) {
    this.deliver = deliver
    this.signal = signal
    this.maxInFlight = maxInFlight
    this.retries = options.retries
    this.policy = retry(handleWhen(isRetryable), {
      maxAttempts: options.retries,
      backoff: new ExponentialBackoff({
        initialDelay: options.initialDelayMs,
        maxDelay: MAX_DELAY_MS,
      }),
    })
  }

  /** True once a batch has failed for good. */
  get hasFailed(): boolean {
    return this.failure !== undefined
  }

  /** Starts sending a batch once fewer than the allowed number of requests are in flight. */
  async submit(batch: NdjsonBatch): Promise<void> {
    while (this.inFlight.size >= this.maxInFlight) await Promise.race(this.inFlight)
    if (this.hasFailed) return

    const task = this.send(batch).finally(() => this.inFlight.delete(task))
    this.inFlight.add(task)
  }

  /** Waits until every batch sent so far has been answered or has failed. */
  async drain(): Promise<void> {
    await Promise.all(this.inFlight)
  }

  private async send(batch: NdjsonBatch): Promise<void> {
    const body = batch.toBody()
    try {
      const answer = await this.policy.execute(() => this.deliver(body), this.signal)
      this.count(batch, answer)
    } catch (error) {
      this.failure ??= this.signal?.aborted
        ? this.interrupted(batch)
        : this.describeFailure(batch, error)
    }
  }

  private count(batch: NdjsonBatch, answer: IngestResponse): void {
    this.accepted += answer.accepted
    this.rejected += answer.rejected
    for (const { line, reason } of answer.errors) {
      const fileLine = batch.fileLineOf(line)
      const where =
        fileLine === undefined
          ? ` (gateway named line ${line} of a ${batch.size}-record batch)`
          : ''
      this.rejections.push({ line: fileLine ?? batch.firstLine ?? 0, reason: reason + where })
    }
  }

  private interrupted(batch: NdjsonBatch): LogplatError {
    return new LogplatError(
      'INGEST',
      'INTERRUPTED',
      `The ingest was stopped before the batch from line ${batch.firstLine ?? '?'} was ` +
        'delivered; run it again to send the rest (lines already stored are not stored twice).',
    )
  }

  private describeFailure(batch: NdjsonBatch, error: unknown): LogplatError {
    const lines = `lines ${batch.firstLine ?? '?'} to ${batch.lastLine ?? '?'}`
    const attempts =
      error instanceof LogplatError && error.isRetryable ? ` after ${this.retries} retries` : ''
    return new LogplatError(
      'INGEST',
      'BATCH_FAILED',
      `Cannot deliver the batch of ${batch.size} records from ${lines}${attempts}: ${describeError(error)}`,
      { cause: error },
    )
  }
}
