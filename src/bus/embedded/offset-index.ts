/**
 * Bytes of a segment between two index entries. Like Kafka's index, the entry
 * points near an offset and the reader scans forward the rest of the way, so
 * the index costs 16 bytes per 4 KiB of log rather than per message.
 */
export const INDEX_INTERVAL_BYTES = 4096

const INITIAL_CAPACITY = 1024

/** A sparse, in-memory map from offsets to file positions within one segment. */
export class OffsetIndex {
  private offsets = new Float64Array(INITIAL_CAPACITY)
  private positions = new Float64Array(INITIAL_CAPACITY)
  private size = 0
  private lastPosition = -INDEX_INTERVAL_BYTES

  /** Records where a frame starts, if it lies far enough past the last entry. */
  add(offset: number, position: number): void {
    if (position - this.lastPosition < INDEX_INTERVAL_BYTES) return

    if (this.size === this.offsets.length) this.grow()
    this.offsets[this.size] = offset
    this.positions[this.size] = position
    this.size++
    this.lastPosition = position
  }

  /** The file position of the last indexed frame at or before `offset`. */
  floorPosition(offset: number): number {
    let low = 0
    let high = this.size - 1
    let found = 0
    while (low <= high) {
      const middle = (low + high) >>> 1
      if ((this.offsets[middle] ?? 0) <= offset) {
        found = this.positions[middle] ?? 0
        low = middle + 1
      } else {
        high = middle - 1
      }
    }
    return found
  }

  private grow(): void {
    const offsets = new Float64Array(this.offsets.length * 2)
    const positions = new Float64Array(this.positions.length * 2)
    offsets.set(this.offsets)
    positions.set(this.positions)
    this.offsets = offsets
    this.positions = positions
  }
}
