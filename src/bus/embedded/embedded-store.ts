import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { BusLogger } from '../types.js'
import { ConsumerGroup } from './consumer-group.js'
import { OffsetStore } from './offset-store.js'
import { acquireProcessLock } from './process-lock.js'
import { TopicDirectory } from './topic-directory.js'

/**
 * Everything an embedded bus folder holds: topics, committed offsets and the
 * consumer groups of this process. Every bus opened on the same folder in
 * one process shares one store, so that a producer in one service wakes a
 * consumer in another.
 */
export class EmbeddedStore {
  readonly topics: TopicDirectory
  readonly offsets: OffsetStore
  private readonly groups = new Map<string, ConsumerGroup>()
  private readonly releaseLock: () => void

  constructor(readonly folder: string) {
    mkdirSync(folder, { recursive: true })
    this.releaseLock = acquireProcessLock(folder)
    this.topics = new TopicDirectory(join(folder, 'topics'))
    this.offsets = new OffsetStore(join(folder, 'groups'))
  }

  /** The consumer group `groupId`, created on first use. */
  groupOf(groupId: string): ConsumerGroup {
    const existing = this.groups.get(groupId)
    if (existing !== undefined) return existing

    const group = new ConsumerGroup(groupId, (topic) => this.topics.partitionsOf(topic).length)
    this.groups.set(groupId, group)
    return group
  }

  /** Wakes every consumer reading `topic`. */
  notifyAppend(topic: string): void {
    for (const group of this.groups.values()) group.notifyAppend(topic)
  }

  /**
   * Deletes the closed segments of a partition that every group reading its
   * topic has committed past. A group that reads the topic without having
   * committed this partition keeps everything.
   */
  applyRetention(topic: string, partition: number): void {
    const live = [...this.groups.values()].filter((group) => group.isSubscribedTo(topic))
    const readers = new Set([...this.offsets.groupsReading(topic), ...live.map(({ id }) => id)])
    const committed = [...readers].map((id) => this.offsets.committed(id, topic, partition))
    if (committed.length === 0 || committed.includes(undefined)) return

    const lowest = Math.min(...committed.map((offset) => offset ?? 0))
    this.topics.partitionOf(topic, partition).removeSegmentsBelow(lowest)
  }

  close(): void {
    this.topics.close()
    this.releaseLock()
  }
}

const openStores = new Map<string, { store: EmbeddedStore; references: number }>()

/** Opens the store of `folder`, or shares the one this process has open already. */
export function openStore(folder: string, logger?: BusLogger): EmbeddedStore {
  const path = resolve(folder)
  const open = openStores.get(path)
  if (open !== undefined) {
    open.references++
    return open.store
  }

  const store = new EmbeddedStore(path)
  openStores.set(path, { store, references: 1 })
  for (const truncated of store.topics.truncatedPartitions()) {
    logger?.warn(truncated, 'embedded bus dropped a torn frame left by a crash')
  }
  return store
}

/** Gives back a store from openStore(); the last one out closes it. */
export function releaseStore(store: EmbeddedStore): void {
  const open = openStores.get(store.folder)
  if (open === undefined) return

  open.references--
  if (open.references > 0) return
  openStores.delete(store.folder)
  store.close()
}
