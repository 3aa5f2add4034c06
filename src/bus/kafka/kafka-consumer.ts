import type { Admin, Batch, Consumer, EachBatchPayload, Kafka } from 'kafkajs'
import { LogplatError } from '../../errors.js'
import type {
  BatchHandler,
  BusConsumer,
  BusLogger,
  ConsumedBatch,
  ConsumerOptions,
  PartitionLag,
  PartitionOffset,
} from '../types.js'
import { describeKafkaError, isRebalanceError } from './kafka-errors.js'
import { measureLag, type AssignedPartitions } from './kafka-lag.js'

const HANDLER_HEARTBEAT_MS = 3000

/**
 * How long a fetch waits on the broker for new messages. stop() waits for the
 * fetch in flight, so this bounds how long a clean shutdown takes; it is the
 * Java client's default.
 */
const MAX_FETCH_WAIT_MS = 500

function toConsumedBatch(batch: Batch): ConsumedBatch {
  const messages = batch.messages.map((message) => {
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(message.headers ?? {})) {
      if (value !== undefined) headers[name] = value.toString()
    }
    return {
      topic: batch.topic,
      partition: batch.partition,
      offset: message.offset,
      key: message.key === null ? null : message.key.toString(),
      value: message.value ?? Buffer.alloc(0),
      headers,
      timestamp: Number(message.timestamp),
    }
  })
  return {
    topic: batch.topic,
    partition: batch.partition,
    messages,
    highWatermark: batch.highWatermark,
  }
}

/**
 * A member of a Kafka consumer group. Offsets move only through commit();
 * a batch counts as read once its handler resolves, so a handler that throws
 * gets the same batch again. After kafkajs gives up retrying (a broker
 * restart, say) the consumer rejoins by itself.
 */
export class KafkaConsumer implements BusConsumer {
  private readonly consumer: Consumer
  private assignment: AssignedPartitions = {}
  private isStarted = false
  private isStopping = false
  private isStopped = false
  private inFlight: Promise<void> = Promise.resolve()

  constructor(
    kafka: Kafka,
    private readonly admin: Admin,
    private readonly options: ConsumerOptions,
    private readonly logger?: BusLogger,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      maxWaitTimeInMs: MAX_FETCH_WAIT_MS,
      retry: { restartOnFailure: (error) => this.restartAfter(error) },
    })
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      this.assignment = payload.memberAssignment
    })
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) return
      this.isStopped = true
      this.logger?.error(
        { groupId: options.groupId, error: describeKafkaError(payload.error) },
        'kafka consumer crashed and will not restart',
      )
    })
  }

  async run(handler: BatchHandler): Promise<void> {
    if (this.isStarted) {
      throw new LogplatError(
        'BUS',
        'ALREADY_RUNNING',
        `Consumer of group ${this.options.groupId} was already started; create a new consumer.`,
      )
    }
    this.isStarted = true

    await this.consumer.connect()
    await this.consumer.subscribe({
      topics: this.options.topics,
      fromBeginning: this.options.fromBeginning ?? true,
    })
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.deliver(payload, handler),
    })
  }

  /**
   * Commits; a commit refused because the group rebalanced is reported, not
   * thrown. After stop() the member has left the group, so the commit goes
   * in as a plain group commit, which Kafka takes only while the group has no
   * other member.
   */
  async commit(offsets: PartitionOffset[]): Promise<void> {
    if (this.isStopped) return this.commitAfterLeaving(offsets)

    try {
      await this.consumer.commitOffsets(offsets)
    } catch (error) {
      if (isRebalanceError(error)) {
        this.logger?.warn(
          { groupId: this.options.groupId, offsets, error: describeKafkaError(error) },
          'commit refused after a rebalance; the messages will be delivered again',
        )
        return
      }
      throw new LogplatError(
        'BUS',
        'COMMIT_FAILED',
        `Cannot commit offsets of consumer group ${this.options.groupId} to Kafka: ` +
          `${describeKafkaError(error)}.`,
        { cause: error, isRetryable: true },
      )
    }
  }

  lag(): Promise<PartitionLag[]> {
    return measureLag(this.admin, this.options.groupId, this.assignment)
  }

  pause(): void {
    this.consumer.pause(this.options.topics.map((topic) => ({ topic })))
  }

  resume(): void {
    this.consumer.resume(this.options.topics.map((topic) => ({ topic })))
  }

  isRunning(): boolean {
    return this.isStarted && !this.isStopped
  }

  /**
   * Leaves the group once the batch in hand is handled. Fetching is paused
   * first and the handler awaited while the member is still in the group, so
   * a commit the handler makes is not lost to the leave.
   */
  async stop(): Promise<void> {
    if (!this.isStarted || this.isStopping) return

    this.isStopping = true
    this.pause()
    await this.inFlight.catch(() => undefined)
    this.isStopped = true
    await this.consumer.disconnect()
    this.assignment = {}
  }

  private async deliver(payload: EachBatchPayload, handler: BatchHandler): Promise<void> {
    const { batch } = payload
    const isWanted = !this.isStopping && payload.isRunning() && !payload.isStale()
    if (!isWanted || batch.isEmpty()) return

    // kafkajs heartbeats only between batches, and a handler may wait out a
    // store outage; without beats the group would evict this member meanwhile.
    const beating = setInterval(() => {
      payload.heartbeat().catch(() => undefined)
    }, HANDLER_HEARTBEAT_MS)
    this.inFlight = handler(toConsumedBatch(batch))
    try {
      await this.inFlight
    } finally {
      clearInterval(beating)
    }

    payload.resolveOffset(batch.lastOffset())
    await payload.heartbeat()
  }

  private async commitAfterLeaving(offsets: PartitionOffset[]): Promise<void> {
    const topics = [...new Set(offsets.map(({ topic }) => topic))]
    try {
      for (const topic of topics) {
        const partitions = offsets.filter((entry) => entry.topic === topic)
        await this.admin.setOffsets({ groupId: this.options.groupId, topic, partitions })
      }
    } catch (error) {
      this.logger?.warn(
        { groupId: this.options.groupId, offsets, error: describeKafkaError(error) },
        'commit after stop refused; the messages will be delivered again',
      )
    }
  }

  private restartAfter(error: Error): Promise<boolean> {
    this.logger?.warn(
      { groupId: this.options.groupId, error: describeKafkaError(error) },
      'kafka consumer failed; restarting it',
    )
    return Promise.resolve(true)
  }
}
