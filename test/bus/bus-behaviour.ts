import { randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Bus, BusConsumer, BusMessage, OutgoingMessage } from '../../src/bus/index.js'
import {
  Inbox,
  numberedMessages,
  runCommitting,
  runRecording,
  uniqueName,
  waitForSettledGroup,
} from './bus-fixtures.js'

const PARTITIONS = 3

function offsetsByPartition(messages: BusMessage[]): Map<number, number[]> {
  const byPartition = new Map<number, number[]>()
  for (const { partition, offset } of messages) {
    byPartition.set(partition, [...(byPartition.get(partition) ?? []), Number(offset)])
  }
  return byPartition
}

/**
 * The behaviour every bus backend must show. `openBus` gives a fresh bus for
 * each test; every test uses its own topic and consumer group.
 */
export function describeBusBehaviour(backend: string, openBus: () => Bus): void {
  describe(`${backend} bus`, () => {
    let bus: Bus
    let topic: string
    let groupId: string
    const consumers: BusConsumer[] = []

    async function startConsumer(group = groupId): Promise<BusConsumer> {
      const consumer = await bus.createConsumer({ groupId: group, topics: [topic] })
      consumers.push(consumer)
      return consumer
    }

    async function send(messages: OutgoingMessage[]): Promise<void> {
      const producer = await bus.createProducer()
      await producer.send(topic, messages)
      await producer.close()
    }

    beforeEach(async () => {
      bus = openBus()
      topic = uniqueName('bus-test')
      groupId = uniqueName('group')
      await bus.ensureTopics([topic], PARTITIONS)
    })

    afterEach(async () => {
      await Promise.all(consumers.splice(0).map((consumer) => consumer.stop()))
      await bus.close()
    })

    it('returns keys, headers and binary, unicode, empty and 1 MB values intact', async () => {
      const binary = Buffer.from(Array.from({ length: 256 }, (_, byte) => byte))
      const large = randomBytes(1_000_000)
      const sent: OutgoingMessage[] = [
        { key: 'binary', value: binary, headers: { 'content-type': 'application/octet-stream' } },
        { key: 'unicode', value: 'héllo wörld ✓ 日本語 🚀', headers: { ünï: 'çødé ✓' } },
        { key: 'empty', value: '' },
        { value: large },
      ]
      const inbox = new Inbox()
      await runRecording(await startConsumer(), inbox)

      await send(sent)
      await inbox.waitFor(sent.length)

      const byKey = new Map(inbox.messages.map((message) => [message.key, message]))
      expect(byKey.get('binary')?.value.equals(binary)).toBe(true)
      expect(byKey.get('binary')?.headers).toEqual({ 'content-type': 'application/octet-stream' })
      expect(byKey.get('unicode')?.value.toString()).toBe('héllo wörld ✓ 日本語 🚀')
      expect(byKey.get('unicode')?.headers).toEqual({ ünï: 'çødé ✓' })
      expect(byKey.get('empty')?.value.length).toBe(0)
      expect(byKey.get('empty')?.headers).toEqual({})
      expect(byKey.get(null)?.value.equals(large)).toBe(true)
    })

    it('takes one send of 3 MB for a single key, beyond a broker request, and keeps its order', async () => {
      const sent = Array.from({ length: 3000 }, (_, index) => ({
        key: 'one-service',
        value: `${String(index).padStart(6, '0')}:${'x'.repeat(1000)}`,
      }))
      const inbox = new Inbox()
      await runRecording(await startConsumer(), inbox)

      await send(sent)
      await inbox.waitFor(sent.length)

      const received = inbox.messages.map((message) => message.value.toString().slice(0, 6))
      expect(received).toEqual(sent.map((message) => message.value.slice(0, 6)))
    })

    it('delivers each partition in offset order, one key always to one partition', async () => {
      const sent = Array.from({ length: 300 }, (_, index) => ({
        key: `key-${index % 5}`,
        value: `${index % 5}:${index}`,
      }))
      const inbox = new Inbox()
      await runRecording(await startConsumer(), inbox)

      for (let start = 0; start < sent.length; start += 50)
        await send(sent.slice(start, start + 50))
      await inbox.waitFor(sent.length)

      for (const offsets of offsetsByPartition(inbox.messages).values()) {
        expect(offsets).toEqual(offsets.map((_, index) => (offsets[0] ?? 0) + index))
      }
      for (let key = 0; key < 5; key++) {
        const ofKey = inbox.messages.filter((message) => message.key === `key-${key}`)
        expect(new Set(ofKey.map((message) => message.partition)).size).toBe(1)
        const expected = sent.filter((message) => message.key === `key-${key}`)
        expect(ofKey.map((message) => message.value.toString())).toEqual(
          expected.map((message) => message.value),
        )
      }
    })

    it('resumes after the last commit when a committing group restarts', async () => {
      const first = new Inbox()
      const consumer = await startConsumer()
      await runCommitting(consumer, first)
      await send(numberedMessages(30))
      await first.waitFor(30)
      await consumer.stop()

      await send(numberedMessages(20, 30))
      const second = new Inbox()
      await runCommitting(await startConsumer(), second)
      await second.waitFor(20)

      const expected = numberedMessages(20, 30).map((message) => message.value)
      expect(second.values().sort()).toEqual(expected.sort())
    })

    it('keeps a commit made after stop when no other member reads the partitions', async () => {
      const first = new Inbox()
      const consumer = await startConsumer()
      await runRecording(consumer, first)
      await send(numberedMessages(30))
      await first.waitFor(30)
      await consumer.stop()
      await consumer.commit(
        [...offsetsByPartition(first.messages)].map(([partition, offsets]) => ({
          topic,
          partition,
          offset: String(Math.max(...offsets) + 1),
        })),
      )

      await send(numberedMessages(10, 30))
      const second = new Inbox()
      await runRecording(await startConsumer(), second)
      await second.waitFor(10)

      expect(second.values().sort()).toEqual(
        numberedMessages(10, 30)
          .map((m) => m.value)
          .sort(),
      )
    })

    it('delivers the messages again to a group that did not commit them', async () => {
      const first = new Inbox()
      const consumer = await startConsumer()
      await runRecording(consumer, first)
      await send(numberedMessages(30))
      await first.waitFor(30)
      await consumer.stop()

      const second = new Inbox()
      await runRecording(await startConsumer(), second)
      await second.waitFor(30)

      expect(second.values().sort()).toEqual(first.values().sort())
    })

    it('splits the partitions between two members, delivering each message once', async () => {
      const [all, inboxA, inboxB] = [new Inbox(), new Inbox(), new Inbox()]
      const [memberA, memberB] = [await startConsumer(), await startConsumer()]
      await runCommitting(memberA, all, inboxA)
      await runCommitting(memberB, all, inboxB)
      await waitForSettledGroup([memberA, memberB], PARTITIONS)

      await send(numberedMessages(300))
      await all.waitFor(300)

      expect(all.values().sort()).toEqual(
        numberedMessages(300)
          .map((m) => m.value)
          .sort(),
      )
      expect(inboxA.messages.length).toBeGreaterThan(0)
      expect(inboxB.messages.length).toBeGreaterThan(0)
      const shared = [...inboxA.partitions()].filter((p) => inboxB.partitions().has(p))
      expect(shared).toEqual([])
    })

    it('hands the partitions of a member that stops to the one that remains', async () => {
      const [inboxA, inboxB] = [new Inbox(), new Inbox()]
      const [memberA, memberB] = [await startConsumer(), await startConsumer()]
      await runCommitting(memberA, inboxA)
      await runCommitting(memberB, inboxB)
      await waitForSettledGroup([memberA, memberB], PARTITIONS)
      await send(numberedMessages(150))
      await Promise.all([inboxA.waitFor(1), inboxB.waitFor(1)])

      await memberA.stop()
      await waitForSettledGroup([memberB], PARTITIONS)
      const before = inboxB.messages.length
      await send(numberedMessages(150, 150))
      await inboxB.waitFor(before + 150)

      const afterStop = inboxB.messages.slice(before).map((message) => message.value.toString())
      expect(afterStop.sort()).toEqual(
        numberedMessages(150, 150)
          .map((m) => m.value)
          .sort(),
      )
      expect(new Set(inboxB.messages.slice(before).map((m) => m.partition)).size).toBe(PARTITIONS)
    })

    it('delivers a batch again after its handler throws', async () => {
      const inbox = new Inbox()
      let attempts = 0
      await (
        await startConsumer()
      ).run((batch) => {
        attempts++
        if (attempts === 1) return Promise.reject(new Error('the store is down'))
        inbox.receive(batch)
        return Promise.resolve()
      })

      await send([{ key: 'only', value: 'retried' }])
      await inbox.waitFor(1)

      expect(attempts).toBe(2)
      expect(inbox.values()).toEqual(['retried'])
    })

    it('delivers every message to each of two groups', async () => {
      const [inboxA, inboxB] = [new Inbox(), new Inbox()]
      await runCommitting(await startConsumer(uniqueName('group-a')), inboxA)
      await runCommitting(await startConsumer(uniqueName('group-b')), inboxB)

      await send(numberedMessages(100))
      await Promise.all([inboxA.waitFor(100), inboxB.waitFor(100)])

      const expected = numberedMessages(100)
        .map((message) => message.value)
        .sort()
      expect(inboxA.values().sort()).toEqual(expected)
      expect(inboxB.values().sort()).toEqual(expected)
    })

    it('reports lag as the high watermark minus the committed offset', async () => {
      const inbox = new Inbox()
      const consumer = await startConsumer()
      await runRecording(consumer, inbox)
      await send(numberedMessages(90))
      await inbox.waitFor(90)

      const before = await consumer.lag()
      const offsets = offsetsByPartition(inbox.messages)
      await consumer.commit(
        [...offsets].map(([partition, list]) => ({
          topic,
          partition,
          offset: String(Math.max(...list) + 1),
        })),
      )
      const after = await consumer.lag()

      expect(before).toHaveLength(PARTITIONS)
      for (const lag of before) {
        expect(lag.committed).toBe('0')
        expect(lag.lag).toBe(offsets.get(lag.partition)?.length ?? 0)
        expect(lag.highWatermark).toBe(String(lag.lag))
      }
      for (const lag of after) {
        expect(lag.lag).toBe(0)
        expect(lag.committed).toBe(lag.highWatermark)
      }
    })

    it('stops delivering while paused and continues after resume', async () => {
      const [paused, witness] = [new Inbox(), new Inbox()]
      const consumer = await startConsumer()
      await consumer.run((batch) => {
        paused.receive(batch)
        if (paused.batches.length === 1) consumer.pause()
        return Promise.resolve()
      })
      await runRecording(await startConsumer(uniqueName('witness')), witness)
      await send([{ key: 'first', value: 'first' }])
      await Promise.all([paused.waitFor(1), witness.waitFor(1)])

      await send(numberedMessages(30))
      await witness.waitFor(31)
      const whilePaused = paused.messages.length
      consumer.resume()
      await paused.waitFor(31)

      expect(whilePaused).toBe(1)
      expect(paused.values().slice(1).sort()).toEqual(
        numberedMessages(30)
          .map((m) => m.value)
          .sort(),
      )
    })
  })
}
