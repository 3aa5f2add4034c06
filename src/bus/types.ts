/**
 * The bus: topics split into partitions, each an ordered log of messages
 * addressed by offset, read by consumer groups that commit how far they got.
 * Kafka and the embedded bus both implement these interfaces; code above them
 * never knows which one it has.
 */

/** A message to publish. Messages with the same key land in the same partition. */
export interface OutgoingMessage {
  key?: string
  value: Buffer | string
  headers?: Record<string, string>
}

/** A message as a consumer receives it. */
export interface BusMessage {
  topic: string
  partition: number
  /** Kafka offsets are 64-bit; they travel as decimal strings. */
  offset: string
  key: string | null
  value: Buffer
  headers: Record<string, string>
  /** Milliseconds since the epoch at which the message was appended. */
  timestamp: number
}

/** A batch of messages from one partition, in offset order. */
export interface ConsumedBatch {
  topic: string
  partition: number
  messages: BusMessage[]
  /** Offset of the next message the partition will append. */
  highWatermark: string
}

/** A position to commit: `offset` is the next offset the group should read. */
export interface PartitionOffset {
  topic: string
  partition: number
  offset: string
}

export interface PartitionLag {
  topic: string
  partition: number
  /** Next offset the group will read, or the log start when nothing is committed. */
  committed: string
  highWatermark: string
  lag: number
}

export interface BusProducer {
  /** Resolves once every message is durably appended (acknowledged by the broker). */
  send(topic: string, messages: OutgoingMessage[]): Promise<void>
  close(): Promise<void>
}

/**
 * Handles one batch. When it rejects, the error goes to the bus logger and
 * the same batch is delivered again after a pause (at-least-once).
 */
export type BatchHandler = (batch: ConsumedBatch) => Promise<void>

export interface ConsumerOptions {
  groupId: string
  topics: string[]
  /** Where a group with no committed offset starts: the oldest message (default) or the next new one. */
  fromBeginning?: boolean
}

/**
 * A member of a consumer group. Offsets are never committed automatically:
 * the owner commits after it has stored what it read (at-least-once). The
 * handler is awaited before the partition is fetched again, so a slow handler
 * applies back-pressure instead of buffering without bound.
 */
export interface BusConsumer {
  /** Joins the group and starts delivering batches; resolves once running. */
  run(handler: BatchHandler): Promise<void>
  commit(offsets: PartitionOffset[]): Promise<void>
  /** Lag of every partition this member is assigned. */
  lag(): Promise<PartitionLag[]>
  pause(): void
  resume(): void
  isRunning(): boolean
  /** Leaves the group after the batch being handled finishes. */
  stop(): Promise<void>
}

/**
 * The part of a pino logger the bus reports through. Library code logs only
 * what an operator must see: warnings and errors, and debug detail.
 */
export interface BusLogger {
  debug(context: object, message: string): void
  warn(context: object, message: string): void
  error(context: object, message: string): void
}

export interface Bus {
  readonly kind: 'kafka' | 'embedded'
  /** Creates missing topics; existing ones are left as they are. */
  ensureTopics(topics: string[], partitions: number): Promise<void>
  createProducer(): Promise<BusProducer>
  createConsumer(options: ConsumerOptions): Promise<BusConsumer>
  /** True when the bus answers right now. */
  isConnected(): Promise<boolean>
  close(): Promise<void>
}
