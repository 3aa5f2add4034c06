import { mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { LogplatError } from '../../errors.js'
import { PartitionLog } from './partition-log.js'

/** Partitions dropped bytes from, reported once when the bus opens. */
export interface TruncatedPartition {
  topic: string
  partition: number
  truncatedBytes: number
}

/**
 * The topics of an embedded bus: `<folder>/<topic>/<partition>/`, each
 * partition a folder of segments. Opening scans every partition on disk.
 */
export class TopicDirectory {
  private readonly topics = new Map<string, PartitionLog[]>()

  constructor(private readonly folder: string) {
    mkdirSync(folder, { recursive: true })
    for (const topic of readdirSync(folder)) this.openTopic(topic)
  }

  /** Partitions the last crash left a torn frame in, with what was cut. */
  truncatedPartitions(): TruncatedPartition[] {
    return [...this.topics.values()]
      .flat()
      .filter((log) => log.truncatedBytes > 0)
      .map(({ topic, partition, truncatedBytes }) => ({ topic, partition, truncatedBytes }))
  }

  /** Creates a topic with `partitions` partitions unless it exists already. */
  ensureTopic(topic: string, partitions: number): void {
    if (this.topics.has(topic)) return

    const logs = Array.from({ length: partitions }, (_, partition) =>
      PartitionLog.open(join(this.folder, topic, String(partition)), topic, partition),
    )
    this.topics.set(topic, logs)
  }

  hasTopic(topic: string): boolean {
    return this.topics.has(topic)
  }

  /** The partitions of a topic; throws when the topic does not exist. */
  partitionsOf(topic: string): PartitionLog[] {
    const logs = this.topics.get(topic)
    if (logs !== undefined) return logs

    throw new LogplatError(
      'BUS',
      'UNKNOWN_TOPIC',
      `Topic ${topic} does not exist on the embedded bus; create it with ensureTopics() first.`,
    )
  }

  /** One partition of a topic; throws when either does not exist. */
  partitionOf(topic: string, partition: number): PartitionLog {
    const log = this.partitionsOf(topic)[partition]
    if (log !== undefined) return log

    throw new LogplatError(
      'BUS',
      'UNKNOWN_PARTITION',
      `Topic ${topic} has no partition ${partition} on the embedded bus.`,
    )
  }

  close(): void {
    for (const logs of this.topics.values()) for (const log of logs) log.close()
    this.topics.clear()
  }

  /** Opens a topic found on disk; a partition folder missing in between is recreated empty. */
  private openTopic(topic: string): void {
    const partitions = readdirSync(join(this.folder, topic))
      .filter((name) => /^\d+$/.test(name))
      .map(Number)
    if (partitions.length === 0) return

    this.ensureTopic(topic, Math.max(...partitions) + 1)
  }
}
