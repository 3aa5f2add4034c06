import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { BusConsumer, BusMessage, ConsumedBatch, PartitionLag } from '../../src/bus/index.js'

/** A topic and group name no other test uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`
}

/** Messages a consumer received, and a way to wait until enough have arrived. */
export class Inbox {
  readonly messages: BusMessage[] = []
  readonly batches: ConsumedBatch[] = []
  private waiters: { count: number; resolve: () => void }[] = []

  /** Records a batch and wakes whoever waits for this many messages. */
  receive(batch: ConsumedBatch): void {
    this.batches.push(batch)
    this.messages.push(...batch.messages)
    const ready = this.waiters.filter(({ count }) => this.messages.length >= count)
    this.waiters = this.waiters.filter(({ count }) => this.messages.length < count)
    for (const { resolve } of ready) resolve()
  }

  /** Resolves once at least `count` messages have arrived in total. */
  waitFor(count: number): Promise<void> {
    if (this.messages.length >= count) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push({ count, resolve }))
  }

  /** The partitions the messages came from. */
  partitions(): Set<number> {
    return new Set(this.messages.map((message) => message.partition))
  }

  /** Message values as text, in the order received. */
  values(): string[] {
    return this.messages.map((message) => message.value.toString())
  }
}

/** Runs a consumer that commits each batch after recording it in every inbox given. */
export async function runCommitting(consumer: BusConsumer, ...inboxes: Inbox[]): Promise<void> {
  await consumer.run(async (batch) => {
    for (const inbox of inboxes) inbox.receive(batch)
    const last = batch.messages[batch.messages.length - 1]
    if (last === undefined) return
    const next = String(Number(last.offset) + 1)
    await consumer.commit([{ topic: batch.topic, partition: batch.partition, offset: next }])
  })
}

/** Runs a consumer that records batches in every inbox given and never commits. */
export async function runRecording(consumer: BusConsumer, ...inboxes: Inbox[]): Promise<void> {
  await consumer.run((batch) => {
    for (const inbox of inboxes) inbox.receive(batch)
    return Promise.resolve()
  })
}

function partitionsOf(lags: PartitionLag[]): string[] {
  return lags.map(({ topic, partition }) => `${topic}:${partition}`)
}

/**
 * Waits until the consumers' assignments together cover `partitionCount`
 * partitions, each once: the group has settled after a join or a leave.
 */
export async function waitForSettledGroup(
  consumers: BusConsumer[],
  partitionCount: number,
): Promise<void> {
  for (;;) {
    const assigned = (await Promise.all(consumers.map((c) => c.lag()))).map(partitionsOf)
    const isEveryoneAssigned = assigned.every((partitions) => partitions.length > 0)
    const all = assigned.flat()
    const isSettled = all.length === partitionCount && new Set(all).size === partitionCount
    if (isSettled && isEveryoneAssigned) return
    await sleep(100)
  }
}

/** Messages numbered `from` to `from + count - 1`, keyed so they spread over partitions. */
export function numberedMessages(count: number, from = 0): { key: string; value: string }[] {
  return Array.from({ length: count }, (_, index) => ({
    key: `key-${from + index}`,
    value: `message-${from + index}`,
  }))
}
