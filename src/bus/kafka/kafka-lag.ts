import type { Admin } from 'kafkajs'
import type { PartitionLag } from '../types.js'

/** Partitions by topic, as kafkajs reports a member's assignment. */
export type AssignedPartitions = Record<string, number[]>

/** What Kafka answers for a partition the group never committed. */
const NO_COMMIT = '-1'

/**
 * Lag of the given partitions: the high watermark minus the group's commit,
 * or minus the log start where the group has none.
 */
export async function measureLag(
  admin: Admin,
  groupId: string,
  assignment: AssignedPartitions,
): Promise<PartitionLag[]> {
  const topics = Object.keys(assignment)
  if (topics.length === 0) return []

  const committedByTopic = await admin.fetchOffsets({ groupId, topics })
  const lags = await Promise.all(
    topics.map(async (topic) => {
      const watermarks = await admin.fetchTopicOffsets(topic)
      const committed = committedByTopic.find((entry) => entry.topic === topic)?.partitions ?? []

      return (assignment[topic] ?? []).map((partition) => {
        const marks = watermarks.find((entry) => entry.partition === partition)
        const commit = committed.find((entry) => entry.partition === partition)?.offset
        const start = commit === undefined || commit === NO_COMMIT ? (marks?.low ?? '0') : commit
        const highWatermark = marks?.high ?? start
        const lag = Math.max(0, Number(highWatermark) - Number(start))
        return { topic, partition, committed: start, highWatermark, lag }
      })
    }),
  )
  return lags.flat().sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition)
}
