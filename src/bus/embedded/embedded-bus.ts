import { LogplatError } from '../../errors.js'
import { assertTopicName } from '../topic-name.js'
import type { Bus, BusConsumer, BusLogger, BusProducer, ConsumerOptions } from '../types.js'
import { EmbeddedConsumer } from './embedded-consumer.js'
import { EmbeddedProducer } from './embedded-producer.js'
import { openStore, releaseStore, type EmbeddedStore } from './embedded-store.js'

/**
 * The bus inside this process, kept durable in a folder of segment files.
 * Segments roll at 64 MiB and a closed segment is deleted once every group
 * reading its topic has committed past it; a topic that no group commits on
 * keeps all of its segments, so its folder grows without bound.
 */
export class EmbeddedBus implements Bus {
  readonly kind = 'embedded'
  private readonly store: EmbeddedStore
  private readonly producers = new Set<BusProducer>()
  private readonly consumers = new Set<BusConsumer>()
  private isClosed = false

  constructor(
    folder: string,
    private readonly logger?: BusLogger,
  ) {
    this.store = openStore(folder, logger)
  }

  ensureTopics(topics: string[], partitions: number): Promise<void> {
    return new Promise((resolve) => {
      this.rejectIfClosed()
      topics.forEach(assertTopicName)
      if (!Number.isInteger(partitions) || partitions < 1) {
        throw new LogplatError(
          'BUS',
          'INVALID_PARTITIONS',
          `Cannot create topics with ${partitions} partitions: use a whole number of at least 1.`,
        )
      }

      for (const topic of topics) this.store.topics.ensureTopic(topic, partitions)
      resolve()
    })
  }

  createProducer(): Promise<BusProducer> {
    return new Promise((resolve) => {
      this.rejectIfClosed()
      const producer = new EmbeddedProducer(this.store)
      this.producers.add(producer)
      resolve(producer)
    })
  }

  createConsumer(options: ConsumerOptions): Promise<BusConsumer> {
    return new Promise((resolve) => {
      this.rejectIfClosed()
      if (options.groupId.length === 0) {
        throw new LogplatError('BUS', 'INVALID_GROUP', 'A consumer group id must not be empty.')
      }

      for (const topic of options.topics) this.store.topics.partitionsOf(topic)
      const consumer = new EmbeddedConsumer(this.store, options, this.logger)
      this.consumers.add(consumer)
      resolve(consumer)
    })
  }

  isConnected(): Promise<boolean> {
    return Promise.resolve(!this.isClosed)
  }

  /** Stops this bus's consumers, closes its producers and releases the folder. */
  async close(): Promise<void> {
    if (this.isClosed) return

    this.isClosed = true
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()))
    await Promise.all([...this.producers].map((producer) => producer.close()))
    releaseStore(this.store)
  }

  private rejectIfClosed(): void {
    if (!this.isClosed) return

    throw new LogplatError('BUS', 'CLOSED', `The embedded bus in ${this.store.folder} is closed.`)
  }
}
