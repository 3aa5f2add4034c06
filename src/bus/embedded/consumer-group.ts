import { assignPartitions, type TopicPartition } from './assignment.js'

/** What the group needs from each of its members. */
export interface GroupMember {
  readonly topics: string[]
  /** Receives the member's partitions after every rebalance. */
  assign(partitions: TopicPartition[]): void
  /** Wakes the member's delivery loop to look at its partitions again. */
  wake(): void
}

function keyOf(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`
}

/**
 * The members of one consumer group in this process. A rebalance hands out
 * partitions at once, but a member only starts reading a partition once the
 * previous holder has released it, which that holder does between batches.
 * So a partition is never delivered to two members at the same time.
 */
export class ConsumerGroup {
  private readonly members: GroupMember[] = []
  private readonly holders = new Map<string, GroupMember>()

  constructor(
    readonly id: string,
    private readonly partitionCount: (topic: string) => number,
  ) {}

  join(member: GroupMember): void {
    this.members.push(member)
    this.rebalance()
  }

  /** Removes a member, releasing whatever it held, and rebalances the rest. */
  leave(member: GroupMember): void {
    const index = this.members.indexOf(member)
    if (index >= 0) this.members.splice(index, 1)

    for (const [key, holder] of this.holders) if (holder === member) this.holders.delete(key)
    this.rebalance()
  }

  hasMembers(): boolean {
    return this.members.length > 0
  }

  isSubscribedTo(topic: string): boolean {
    return this.members.some((member) => member.topics.includes(topic))
  }

  /** Takes a partition for `member`; false while another member still holds it. */
  tryHold(member: GroupMember, { topic, partition }: TopicPartition): boolean {
    const key = keyOf(topic, partition)
    const holder = this.holders.get(key)
    if (holder !== undefined && holder !== member) return false

    this.holders.set(key, member)
    return true
  }

  /** Gives a partition back and wakes the members, one of which may be waiting for it. */
  release(member: GroupMember, { topic, partition }: TopicPartition): void {
    const key = keyOf(topic, partition)
    if (this.holders.get(key) !== member) return

    this.holders.delete(key)
    this.wakeAll()
  }

  /** True when a member other than `member` is reading the partition. */
  isHeldByOther(member: GroupMember, topic: string, partition: number): boolean {
    const holder = this.holders.get(keyOf(topic, partition))
    return holder !== undefined && holder !== member
  }

  /** Wakes the members that read `topic`, after new messages were appended to it. */
  notifyAppend(topic: string): void {
    for (const member of this.members) if (member.topics.includes(topic)) member.wake()
  }

  private rebalance(): void {
    const memberTopics = this.members.map((member) => member.topics)
    const topics = new Set(memberTopics.flat())
    const counts = new Map([...topics].map((topic) => [topic, this.partitionCount(topic)]))

    const assignment = assignPartitions(memberTopics, counts)
    this.members.forEach((member, index) => member.assign(assignment[index] ?? []))
    this.wakeAll()
  }

  private wakeAll(): void {
    for (const member of this.members) member.wake()
  }
}
