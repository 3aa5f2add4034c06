import { setTimeout as sleep } from 'node:timers/promises'
import type { Logger } from 'pino'
import type {
  BusConsumer,
  BusProducer,
  ConsumedBatch,
  OutgoingMessage,
} from '../../src/bus/types.js'
import type { Config } from '../../src/config/index.js'
import { describeError } from '../../src/errors.js'
import { isAtLeast } from '../../src/logs/levels.js'
import { breakerStateValue, type CircuitBreaker } from '../../src/resilience/circuit-breaker.js'
import type { LogStore, StoredLog } from '../../src/stores/logs/log-store.js'
import { decodeLogMessage, toDeadLetter } from './decode.js'
import type { ConsumerMetrics } from './metrics.js'
import { PendingBatch } from './pending-batch.js'

const MAX_RETRY_DELAY_MS = 5000
const LAG_REFRESH_MS = 5000

export interface ConsumerTotals {
  consumed: number
  written: number
  failed: number
  deadLettered: number
  vectorizationSent: number
  retries: number
}

export interface ConsumerWorkerDeps {
  config: Pick<
    Config,
    'batchSize' | 'batchTimeoutMs' | 'maxMessageBytes' | 'topicRawLogsDlq' | 'topicVectorization'
  >
  consumer: BusConsumer
  producer: BusProducer
  store: LogStore
  breaker: CircuitBreaker
  metrics: ConsumerMetrics
  log: Logger
}

/** The stored record as the vectorizer reads it: normalized, without its bus position. */
function toVectorizationMessage(log: StoredLog): OutgoingMessage {
  const {
    source_topic: _topic,
    source_partition: _partition,
    source_offset: _offset,
    ...record
  } = log
  return { key: log.log_id, value: JSON.stringify(record) }
}

/**
 * Reads `raw-logs` into batches by size and time and stores each batch in
 * ClickHouse before committing its offsets, so a crash at any point replays
 * at most the batch in hand (which the log table then shows once). Messages
 * that can never be stored go to the DLQ with their reason; WARN and above go
 * on to the vectorization queue.
 */
export class ConsumerWorker {
  readonly totals: ConsumerTotals = {
    consumed: 0,
    written: 0,
    failed: 0,
    deadLettered: 0,
    vectorizationSent: 0,
    retries: 0,
  }
  private pending = new PendingBatch()
  private flushChain: Promise<unknown> = Promise.resolve()
  private timer: NodeJS.Timeout | undefined
  private lagTimer: NodeJS.Timeout | undefined
  private isStopping = false
  private running = false
  // Flushes run one at a time on flushChain, so one flag tells whether one is under way.
  private isStoring = false

  constructor(private readonly deps: ConsumerWorkerDeps) {}

  get isRunning(): boolean {
    return this.running
  }

  get pendingSize(): number {
    return this.pending.size
  }

  /** Joins the consumer group and starts the batch timer. */
  async start(): Promise<void> {
    await this.deps.consumer.run((batch) => this.take(batch))
    this.running = true
    const timeoutMs = this.deps.config.batchTimeoutMs
    this.timer = setInterval(() => this.flushIfDue(), Math.max(10, Math.floor(timeoutMs / 4)))
    this.lagTimer = setInterval(() => void this.refreshLag(), LAG_REFRESH_MS)
    this.deps.breaker.onStateChange((state) =>
      this.deps.metrics.breakerState.set(breakerStateValue[state]),
    )
  }

  /** Stores and commits whatever is pending now; resolves with how many messages that was. */
  flush(): Promise<number> {
    const next = this.flushChain.then(() => this.flushPending())
    this.flushChain = next.catch(() => undefined)
    return next
  }


  /**
   * Stops taking messages, stores and commits what was taken, and leaves the
   * group. The batch in hand is committed before leaving: Kafka refuses a
   * commit from a member that has left while others remain, and they would
   * read the batch again.
   */
  async stop(): Promise<void> {
    clearInterval(this.timer)
    clearInterval(this.lagTimer)
    this.isStopping = true
    this.deps.consumer.pause()
    try {
      await this.flush()
    } finally {
      await this.deps.consumer.stop()
      this.running = false
    }
    await this.flush()
  }

  /** Current lag per partition, refreshed into the `consumer_lag` gauge. */
  async refreshLag(): Promise<number> {
    try {
      const lags = await this.deps.consumer.lag()
      for (const { topic, partition, lag } of lags) {
        this.deps.metrics.lag.set({ topic, partition: String(partition) }, lag)
      }
      return lags.reduce((sum, entry) => sum + entry.lag, 0)
    } catch (error) {
      this.deps.log.debug({ error: describeError(error) }, 'lag refresh failed')
      return -1
    }
  }

  private async take(batch: ConsumedBatch): Promise<void> {
    const { messages, topic, partition } = batch
    const last = messages.at(-1)
    if (last === undefined) return

    for (const message of messages) {
      const decoded = decodeLogMessage(message, this.deps.config.maxMessageBytes)
      if (!decoded.ok) {
        this.pending.deadLetters.push(toDeadLetter(message, decoded.reason))
        continue
      }
      this.pending.logs.push(decoded.log)
      if (isAtLeast(decoded.log.level, 'WARN')) {
        this.pending.forVectorization.push(toVectorizationMessage(decoded.log))
      }
    }
    this.pending.advance(topic, partition, last.offset)
    this.totals.consumed += messages.length
    this.deps.metrics.consumed.inc({ topic, partition: String(partition) }, messages.length)
    this.deps.metrics.batchSize.set(this.pending.size)

    if (this.pending.size >= this.deps.config.batchSize) await this.flush()
  }

  private flushIfDue(): void {
    if (this.isStoring) return
    if (this.pending.size === 0 || this.pending.age() < this.deps.config.batchTimeoutMs) return
    this.flush().catch((error: unknown) =>
      this.deps.log.error({ error: describeError(error) }, 'timed flush failed'),
    )
  }

  private async flushPending(): Promise<number> {
    this.isStoring = true
    try {
      return await this.storeAndCommit()
    } finally {
      this.isStoring = false
    }
  }

  private async storeAndCommit(): Promise<number> {
    const batch = this.pending
    const offsets = batch.offsets()
    if (offsets.length === 0) return 0
    this.pending = new PendingBatch()
    this.deps.metrics.batchSize.set(0)
    const startedAt = performance.now()

    await this.storeLogs(batch.logs)
    await this.sendDeadLetters(batch.deadLetters)
    await this.sendForVectorization(batch.forVectorization)
    await this.deps.consumer.commit(offsets)

    this.observeProcessing(batch.size, (performance.now() - startedAt) / 1000)
    this.deps.log.debug({ size: batch.size, offsets }, 'batch stored and committed')
    return batch.size
  }

  private async storeLogs(logs: StoredLog[]): Promise<void> {
    if (logs.length === 0) return
    await this.retry(`store ${logs.length} logs`, () =>
      this.deps.breaker.execute(() => this.deps.store.insert(logs)),
    )
    this.totals.written += logs.length
    this.deps.metrics.written.inc(logs.length)
  }

  private async sendDeadLetters(deadLetters: OutgoingMessage[]): Promise<void> {
    if (deadLetters.length === 0) return
    const topic = this.deps.config.topicRawLogsDlq
    await this.retry(`send ${deadLetters.length} dead letters`, () =>
      this.deps.producer.send(topic, deadLetters),
    )
    this.totals.deadLettered += deadLetters.length
    this.deps.metrics.deadLettered.inc(deadLetters.length)
    this.deps.log.warn({ topic, count: deadLetters.length }, 'messages sent to the DLQ')
  }

  private async sendForVectorization(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return
    const topic = this.deps.config.topicVectorization
    await this.retry(`queue ${messages.length} logs for vectorization`, () =>
      this.deps.producer.send(topic, messages),
    )
    this.totals.vectorizationSent += messages.length
    this.deps.metrics.vectorization.inc(messages.length)
  }

  /**
   * Retries until the step succeeds: data is never dropped, and while the
   * step fails the consumer fetches nothing new, which pauses it. Only a stop
   * ends the retries, leaving the batch uncommitted for the next run.
   */
  private async retry(what: string, step: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await step()
        return
      } catch (error) {
        this.totals.failed += 1
        this.deps.metrics.failed.inc()
        if (this.isStopping) throw error
        this.totals.retries += 1
        this.deps.metrics.batchRetries.inc()
        const delayMs = Math.min(MAX_RETRY_DELAY_MS, 100 * 2 ** Math.min(attempt, 10))
        this.deps.log.warn({ attempt, delayMs, error: describeError(error) }, `cannot ${what}`)
        await sleep(delayMs)
      }
    }
  }

  private observeProcessing(count: number, seconds: number): void {
    const perMessage = seconds / Math.max(1, count)
    for (let index = 0; index < count; index += 1) this.deps.metrics.processing.observe(perMessage)
  }
}
