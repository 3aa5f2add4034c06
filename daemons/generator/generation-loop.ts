import { setTimeout as sleep } from 'node:timers/promises'
import type { Logger } from 'pino'
import type { BusProducer } from '../../src/bus/types.js'
import { describeError } from '../../src/errors.js'
import { createLog } from './log-factory.js'
import type { GeneratorMetrics } from './metrics.js'

const TICK_MS = 100
const MAX_SEND_BATCH = 2000

export interface GenerationSettings {
  ratePerSecond: number
  errorRatePercentage: number
}

/** One run of the loop, from a start to its stop. */
interface LoopRun {
  isStopRequested: boolean
  done: Promise<void>
}

export interface GenerationTotals {
  generated: number
  sent: number
  failed: number
}

/**
 * Produces logs at the configured rate in ticks of 100 ms. When sending falls
 * behind by more than a second, the backlog is dropped rather than burst out,
 * so the rate seen downstream never exceeds the one asked for.
 */
export class GenerationLoop {
  readonly totals: GenerationTotals = { generated: 0, sent: 0, failed: 0 }
  private current: LoopRun | undefined
  private windowStart = 0
  private windowGenerated = 0

  constructor(
    private readonly producer: BusProducer,
    private readonly topic: string,
    private settings: GenerationSettings,
    private readonly metrics: GeneratorMetrics,
    private readonly log: Logger,
  ) {
    metrics.rate.set(settings.ratePerSecond)
    metrics.errorRate.set(settings.errorRatePercentage)
  }

  get isRunning(): boolean {
    return this.current !== undefined
  }

  get currentSettings(): GenerationSettings {
    return { ...this.settings }
  }

  /** Starts producing; false when it was already running. */
  start(): boolean {
    if (this.current !== undefined) return false
    this.resetWindow()
    const run: LoopRun = { isStopRequested: false, done: Promise.resolve() }
    run.done = this.loop(run).catch((error: unknown) => {
      this.log.error({ error: describeError(error) }, 'generation loop failed')
    })
    this.current = run
    return true
  }

  /**
   * Stops after the batch in flight; false when it was not running. A start
   * that comes while the old run winds down begins a new run at once.
   */
  async stop(): Promise<boolean> {
    const run = this.current
    if (run === undefined) return false
    this.current = undefined
    run.isStopRequested = true
    await run.done
    return true
  }

  update(settings: GenerationSettings): void {
    this.settings = { ...settings }
    this.metrics.rate.set(settings.ratePerSecond)
    this.metrics.errorRate.set(settings.errorRatePercentage)
    this.resetWindow()
  }

  private resetWindow(): void {
    this.windowStart = performance.now()
    this.windowGenerated = 0
  }

  private async loop(run: LoopRun): Promise<void> {
    while (!run.isStopRequested) {
      const tickStart = performance.now()
      await this.produceDue(tickStart)
      const elapsed = performance.now() - tickStart
      await sleep(Math.max(0, TICK_MS - elapsed))
    }
  }

  private async produceDue(now: number): Promise<void> {
    const rate = this.settings.ratePerSecond
    let due = Math.floor((rate * (now - this.windowStart)) / 1000) - this.windowGenerated
    if (due > rate) {
      this.resetWindow()
      due = Math.ceil(rate / 10)
    }
    if (due <= 0) return
    this.windowGenerated += due

    for (let start = 0; start < due; start += MAX_SEND_BATCH) {
      await this.sendBatch(Math.min(MAX_SEND_BATCH, due - start))
    }
  }

  private async sendBatch(size: number): Promise<void> {
    const now = new Date()
    const messages = Array.from({ length: size }, () => {
      const log = createLog(this.settings.errorRatePercentage, now)
      return { key: log.log_id, value: JSON.stringify(log) }
    })
    this.totals.generated += size
    this.metrics.generated.inc(size)

    try {
      await this.producer.send(this.topic, messages)
      this.totals.sent += size
      this.metrics.sent.inc(size)
    } catch (error) {
      this.totals.failed += size
      this.metrics.failed.inc(size)
      this.log.warn({ topic: this.topic, size, error: describeError(error) }, 'send failed')
    }
  }
}
