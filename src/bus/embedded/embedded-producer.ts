import { setImmediate } from 'node:timers'
import { LogplatError } from '../../errors.js'
import type { BusProducer, OutgoingMessage } from '../types.js'
import type { EmbeddedStore } from './embedded-store.js'
import { Partitioner } from './partitioner.js'

/** Publishes to the embedded bus: one write per partition per send(). */
export class EmbeddedProducer implements BusProducer {
  private readonly partitioner = new Partitioner()
  private isClosed = false

  constructor(private readonly store: EmbeddedStore) {}

  /**
   * Resolves once the messages are written to their segment files: they
   * survive the process being killed, not a power loss, as no fsync is done.
   * It resolves on the next turn of the event loop, as a network send would,
   * so a tight loop of sends cannot starve other I/O.
   */
  send(topic: string, messages: OutgoingMessage[]): Promise<void> {
    return new Promise((resolve) => {
      this.append(topic, messages)
      setImmediate(resolve)
    })
  }

  close(): Promise<void> {
    this.isClosed = true
    return Promise.resolve()
  }

  private append(topic: string, messages: OutgoingMessage[]): void {
    if (this.isClosed) {
      throw new LogplatError(
        'BUS',
        'PRODUCER_CLOSED',
        `Cannot send ${messages.length} messages to topic ${topic}: the producer is closed.`,
      )
    }

    const logs = this.store.topics.partitionsOf(topic)
    if (messages.length === 0) return

    const byPartition = new Map<number, OutgoingMessage[]>()
    for (const message of messages) {
      const partition = this.partitioner.partitionOf(message.key, logs.length)
      const batch = byPartition.get(partition)
      if (batch === undefined) byPartition.set(partition, [message])
      else batch.push(message)
    }

    const timestamp = Date.now()
    for (const [partition, batch] of byPartition) logs[partition]?.append(batch, timestamp)
    this.store.notifyAppend(topic)
  }
}
