/** A partition of a topic. */
export interface TopicPartition {
  topic: string
  partition: number
}

/**
 * Splits partitions among the members of a group, round-robin over every
 * topic-partition in order, each going to the next member subscribed to its
 * topic. Returns one list per member, in the members' order.
 */
export function assignPartitions(
  memberTopics: string[][],
  partitionCounts: Map<string, number>,
): TopicPartition[][] {
  const assignment = memberTopics.map((): TopicPartition[] => [])
  const topics = [...new Set(memberTopics.flat())].sort()

  let turn = 0
  for (const topic of topics) {
    const subscribers = memberTopics.flatMap((subscribed, member) =>
      subscribed.includes(topic) ? [member] : [],
    )
    const count = partitionCounts.get(topic) ?? 0
    for (let partition = 0; partition < count; partition++) {
      const member = subscribers[turn % subscribers.length] ?? 0
      assignment[member]?.push({ topic, partition })
      turn++
    }
  }
  return assignment
}
