import type { OutgoingMessage, PartitionOffset } from '../../src/bus/types.js'
import type { StoredLog } from '../../src/stores/logs/log-store.js'

/** What the consumer has read and not yet stored and committed. */
export class PendingBatch {
  readonly logs: StoredLog[] = []
  readonly deadLetters: OutgoingMessage[] = []
  /** WARN and above, as they arrived, for the vectorization queue. */
  readonly forVectorization: OutgoingMessage[] = []
  private firstTakenAt: number | undefined
  private readonly nextOffsets = new Map<string, PartitionOffset>()

  get size(): number {
    return this.logs.length + this.deadLetters.length
  }

  /** Milliseconds since the batch took its first message; 0 while it is empty. */
  age(now = Date.now()): number {
    return this.firstTakenAt === undefined ? 0 : now - this.firstTakenAt
  }

  /** Records that everything in the partition up to `lastOffset` is part of this batch. */
  advance(topic: string, partition: number, lastOffset: string): void {
    this.firstTakenAt ??= Date.now()
    const offset = (BigInt(lastOffset) + 1n).toString()
    this.nextOffsets.set(`${topic}\u0000${partition}`, { topic, partition, offset })
  }

  /** The positions to commit once the batch is stored. */
  offsets(): PartitionOffset[] {
    return [...this.nextOffsets.values()]
  }
}
