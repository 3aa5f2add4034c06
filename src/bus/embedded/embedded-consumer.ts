import { setTimeout as sleep } from 'node:timers/promises'
import { describeError, LogplatError } from '../../errors.js'
import type {
  BatchHandler,
  BusConsumer,
  BusLogger,
  ConsumerOptions,
  PartitionLag,
  PartitionOffset,
} from '../types.js'
import type { TopicPartition } from './assignment.js'
import type { GroupMember } from './consumer-group.js'
import type { EmbeddedStore } from './embedded-store.js'
import type { CommittedOffset } from './offset-store.js'
import { Signal } from './signal.js'

/** Most messages in one batch. */
export const MAX_BATCH_MESSAGES = 5000

/** About the most bytes read for one batch; a single larger message is still delivered whole. */
export const MAX_BATCH_BYTES = 4 * 1024 * 1024

/** How long a partition rests after its handler threw, before the same batch comes again. */
export const RETRY_DELAY_MS = 1000

/** Where this member reads a partition it holds. */
interface Position extends TopicPartition {
  offset: number
}

function keyOf({ topic, partition }: TopicPartition): string {
  return `${topic}\u0000${partition}`
}

/**
 * A member of a consumer group on the embedded bus. One loop delivers one
 * batch at a time, taking the member's partitions in turn, and sleeps on a
 * signal when none has anything new.
 */
export class EmbeddedConsumer implements BusConsumer, GroupMember {
  readonly topics: string[]
  private assignment: TopicPartition[] = []
  private readonly positions = new Map<string, Position>()
  private readonly signal = new Signal()
  private readonly stopping = new AbortController()
  private nextTurn = 0
  private isStarted = false
  private isPaused = false
  private loop: Promise<void> | null = null

  constructor(
    private readonly store: EmbeddedStore,
    private readonly options: ConsumerOptions,
    private readonly logger?: BusLogger,
  ) {
    this.topics = [...options.topics]
  }

  private get group() {
    return this.store.groupOf(this.options.groupId)
  }

  run(handler: BatchHandler): Promise<void> {
    return new Promise((resolve) => {
      this.rejectSecondRun()
      for (const topic of this.topics) this.store.topics.partitionsOf(topic)

      this.isStarted = true
      this.group.join(this)
      this.loop = this.deliver(handler).catch((error: unknown) => this.fail(error))
      resolve()
    })
  }

  commit(offsets: PartitionOffset[]): Promise<void> {
    return new Promise((resolve) => {
      const accepted = offsets.map((entry) => this.validateOffset(entry)).filter(this.isCommittable)
      if (accepted.length === 0) return resolve()

      this.store.offsets.commit(this.options.groupId, accepted)
      for (const { topic, partition } of accepted) this.store.applyRetention(topic, partition)
      resolve()
    })
  }

  lag(): Promise<PartitionLag[]> {
    return new Promise((resolve) => {
      const lags = this.assignment.map(({ topic, partition }) => {
        const log = this.store.topics.partitionOf(topic, partition)
        const committed =
          this.store.offsets.committed(this.options.groupId, topic, partition) ?? log.logStartOffset
        const highWatermark = log.highWatermark
        const lag = highWatermark - committed
        return {
          topic,
          partition,
          committed: String(committed),
          highWatermark: String(highWatermark),
          lag,
        }
      })
      resolve(lags)
    })
  }

  pause(): void {
    this.isPaused = true
  }

  resume(): void {
    this.isPaused = false
    this.signal.notify()
  }

  isRunning(): boolean {
    return this.loop !== null && !this.stopping.signal.aborted
  }

  async stop(): Promise<void> {
    if (this.loop === null || this.stopping.signal.aborted) return

    this.stopping.abort()
    this.signal.notify()
    await this.loop
  }

  assign(partitions: TopicPartition[]): void {
    this.assignment = partitions
  }

  wake(): void {
    this.signal.notify()
  }

  private async deliver(handler: BatchHandler): Promise<void> {
    while (!this.stopping.signal.aborted) {
      this.releaseRevoked()
      const ready = this.isPaused ? undefined : this.nextReadyPartition()
      if (ready === undefined) await this.signal.wait()
      else await this.deliverBatch(ready, handler)
    }

    this.group.leave(this)
  }

  /** Picks the next assigned partition, in turn, that this member holds and has messages. */
  private nextReadyPartition(): TopicPartition | undefined {
    const count = this.assignment.length
    for (let step = 0; step < count; step++) {
      const index = (this.nextTurn + step) % count
      const candidate = this.assignment[index]
      if (candidate === undefined || !this.group.tryHold(this, candidate)) continue

      const log = this.store.topics.partitionOf(candidate.topic, candidate.partition)
      if (this.positionOf(candidate) >= log.highWatermark) continue
      this.nextTurn = index + 1
      return candidate
    }
    return undefined
  }

  /** Where this member reads a partition: its own position, else the group's commit. */
  private positionOf(partition: TopicPartition): number {
    const key = keyOf(partition)
    const known = this.positions.get(key)
    if (known !== undefined) return known.offset

    const log = this.store.topics.partitionOf(partition.topic, partition.partition)
    const committed = this.store.offsets.committed(
      this.options.groupId,
      partition.topic,
      partition.partition,
    )
    const fresh = this.options.fromBeginning === false ? log.highWatermark : log.logStartOffset
    const offset = committed ?? fresh
    this.positions.set(key, { ...partition, offset })
    return offset
  }

  private async deliverBatch(partition: TopicPartition, handler: BatchHandler): Promise<void> {
    const log = this.store.topics.partitionOf(partition.topic, partition.partition)
    const messages = log.read(this.positionOf(partition), {
      maxMessages: MAX_BATCH_MESSAGES,
      maxBytes: MAX_BATCH_BYTES,
    })
    const last = messages[messages.length - 1]
    if (last === undefined) return

    const highWatermark = String(log.highWatermark)
    try {
      await handler({ ...partition, messages, highWatermark })
    } catch (error) {
      await this.rest(partition, last.offset, error)
      return
    }

    this.positions.set(keyOf(partition), { ...partition, offset: Number(last.offset) + 1 })
  }

  /** Reports a handler's failure and waits before the batch is delivered again. */
  private async rest(partition: TopicPartition, offset: string, error: unknown): Promise<void> {
    this.logger?.error(
      { ...partition, groupId: this.options.groupId, offset, error: describeError(error) },
      'batch handler failed; the batch will be delivered again',
    )
    await sleep(RETRY_DELAY_MS, undefined, { signal: this.stopping.signal }).catch(() => undefined)
  }

  /** Gives back partitions a rebalance moved elsewhere; their positions are forgotten. */
  private releaseRevoked(): void {
    const assigned = new Set(this.assignment.map(keyOf))
    for (const [key, position] of this.positions) {
      if (assigned.has(key)) continue

      this.positions.delete(key)
      this.group.release(this, position)
    }
  }

  private validateOffset({ topic, partition, offset }: PartitionOffset): CommittedOffset {
    const log = this.store.topics.partitionOf(topic, partition)
    const value = Number(offset)
    const isInRange = /^\d+$/.test(offset) && value <= log.highWatermark
    if (isInRange) return { topic, partition, offset: value }

    throw new LogplatError(
      'BUS',
      'INVALID_OFFSET',
      `Cannot commit offset ${JSON.stringify(offset)} for ${topic}[${partition}] in consumer ` +
        `group ${this.options.groupId}: it must be a whole number from 0 to ${log.highWatermark}.`,
    )
  }

  /** A commit for a partition another member now reads is dropped: it would rewind that member. */
  private readonly isCommittable = ({ topic, partition, offset }: CommittedOffset): boolean => {
    if (!this.group.isHeldByOther(this, topic, partition)) return true

    this.logger?.warn(
      { topic, partition, offset, groupId: this.options.groupId },
      'commit ignored for a partition reassigned by a rebalance; its messages will be redelivered',
    )
    return false
  }

  private rejectSecondRun(): void {
    if (!this.isStarted) return

    throw new LogplatError(
      'BUS',
      'ALREADY_RUNNING',
      `Consumer of group ${this.options.groupId} was already started; create a new consumer.`,
    )
  }

  private fail(error: unknown): void {
    this.logger?.error(
      { groupId: this.options.groupId, error: describeError(error) },
      'embedded consumer stopped on an unexpected error',
    )
    this.stopping.abort()
    this.group.leave(this)
  }
}
