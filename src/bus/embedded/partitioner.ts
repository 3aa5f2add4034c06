const MURMUR2_SEED = 0x9747b28c
const MURMUR2_MULTIPLIER = 0x5bd1e995

/** Kafka's murmur2 hash of a key, so a key lands in the partition Kafka would choose. */
export function murmur2(key: Buffer): number {
  const length = key.length
  let hash = MURMUR2_SEED ^ length

  const wholeWords = length - (length % 4)
  for (let index = 0; index < wholeWords; index += 4) {
    let word = key.readInt32LE(index)
    word = Math.imul(word, MURMUR2_MULTIPLIER)
    word ^= word >>> 24
    word = Math.imul(word, MURMUR2_MULTIPLIER)
    hash = Math.imul(hash, MURMUR2_MULTIPLIER) ^ word
  }

  const tail = length % 4
  if (tail >= 3) hash ^= (key[wholeWords + 2] ?? 0) << 16
  if (tail >= 2) hash ^= (key[wholeWords + 1] ?? 0) << 8
  if (tail >= 1) hash = Math.imul(hash ^ (key[wholeWords] ?? 0), MURMUR2_MULTIPLIER)

  hash ^= hash >>> 13
  hash = Math.imul(hash, MURMUR2_MULTIPLIER)
  return hash ^ (hash >>> 15)
}

/**
 * Chooses partitions as Kafka's default partitioner does: by the murmur2 hash
 * of the key, and round-robin for messages without one.
 */
export class Partitioner {
  private nextUnkeyed = 0

  partitionOf(key: string | undefined, partitionCount: number): number {
    if (key !== undefined) return (murmur2(Buffer.from(key)) & 0x7fffffff) % partitionCount

    const partition = this.nextUnkeyed % partitionCount
    this.nextUnkeyed = (this.nextUnkeyed + 1) % partitionCount
    return partition
  }
}
