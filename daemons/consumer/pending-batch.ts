import type { OutgoingMessage, PartitionOffset } from '../../src/bus/types.js'
import type { StoredLog } from '../../src/stores/logs/log-store.js'

/** What the consumer has read and not yet stored and committed. */
export class PendingBatch {
  readonly logs: StoredLog[] = []
  readonly deadLetters: OutgoingMessage[] = []
  /** WARN and above, as they arrived, for the vectorization queue. */
  readonly forVectorization: OutgoingMessage[] = []
  readonly openedAt = Date.now()
  private readonly nextOffsets = new Map<string, PartitionOffset>()

  get size(): number {
    return this.logs.length + this.deadLetters.length
  }

  /** Records that everything in the partition up to `lastOffset` is part of this batch. */
  advance(topic: string, partition: number, lastOffset: string): void {
    const offset = (BigInt(lastOffset) + 1n).toString()
    this.nextOffsets.set(`${topic}\u0000${partition}`, { topic, partition, offset })
  }

  /** The positions to commit once the batch is stored. */
  offsets(): PartitionOffset[] {
    return [...this.nextOffsets.values()]
  }
}
