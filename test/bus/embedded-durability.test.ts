import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { encodeFrames } from '../../src/bus/embedded/frame-codec.js'
import { createBus, type Bus, type BusConsumer } from '../../src/bus/index.js'
import { loadConfig } from '../../src/config/index.js'
import { Inbox, numberedMessages, runCommitting, runRecording, uniqueName } from './bus-fixtures.js'
import { compileFixture, killAbruptly, startChild } from './fixtures/child-process.js'

const SENT_BEFORE_KILL = 20_000

function openBus(dataDir: string): Bus {
  return createBus(loadConfig({ dataDir, kafkaBrokers: '' }, {}))
}

function segmentsOf(dataDir: string, topic: string, partition: number): string[] {
  return readdirSync(join(dataDir, 'bus', 'topics', topic, String(partition))).sort()
}

function firstSegmentPath(dataDir: string, topic: string): string {
  return join(dataDir, 'bus', 'topics', topic, '0', segmentsOf(dataDir, topic, 0)[0] ?? '')
}

describe('embedded bus on disk', () => {
  let dataDir: string
  let topic: string
  const buses: Bus[] = []
  const consumers: BusConsumer[] = []

  function open(): Bus {
    const bus = openBus(dataDir)
    buses.push(bus)
    return bus
  }

  async function startConsumer(bus: Bus, groupId: string): Promise<BusConsumer> {
    const consumer = await bus.createConsumer({ groupId, topics: [topic] })
    consumers.push(consumer)
    return consumer
  }

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'logplat-bus-disk-'))
    topic = uniqueName('disk')
  })

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((consumer) => consumer.stop()))
    await Promise.all(buses.splice(0).map((bus) => bus.close()))
    rmSync(dataDir, { recursive: true, force: true })
  })

  it.each([
    ['cut short', (frame: Buffer) => frame.subarray(0, frame.length - 7)],
    [
      'with a bad checksum',
      (frame: Buffer) => Buffer.concat([frame.subarray(0, -1), Buffer.from('!')]),
    ],
  ])('truncates a last frame %s on open and keeps every frame before it', async (_, tear) => {
    const writer = open()
    await writer.ensureTopics([topic], 1)
    const producer = await writer.createProducer()
    await producer.send(topic, numberedMessages(10))
    await writer.close()
    const segment = firstSegmentPath(dataDir, topic)
    const intactSize = statSync(segment).size
    appendFileSync(segment, tear(encodeFrames([{ value: 'torn' }], 10, Date.now())))

    const reader = open()
    const inbox = new Inbox()
    await runRecording(await startConsumer(reader, uniqueName('group')), inbox)
    await inbox.waitFor(10)
    const sizeAfterOpen = statSync(segment).size
    await (await reader.createProducer()).send(topic, [{ value: 'after the tear' }])
    await inbox.waitFor(11)

    expect(sizeAfterOpen).toBe(intactSize)
    expect(inbox.values()).toEqual([...numberedMessages(10).map((m) => m.value), 'after the tear'])
    expect(inbox.messages.map((message) => message.offset)).toEqual(
      Array.from({ length: 11 }, (_, offset) => String(offset)),
    )
  })

  describe('when the process is killed', () => {
    let childScript: string

    beforeAll(async () => {
      childScript = await compileFixture('test/bus/fixtures/crash-child.ts')
    })

    it('resumes from the last commit and loses no message whose send resolved', async () => {
      const groupId = uniqueName('group')
      const printedCommits = new Map<number, number>()
      let sent = 0
      let markKillable = (): void => undefined
      const killable = new Promise<void>((resolve) => (markKillable = resolve))
      const child = startChild(childScript, [dataDir, topic, groupId], (line) => {
        const [word, first = '0', second = '0'] = line.split(' ')
        if (word === 'sent') sent = Number(first)
        if (word === 'committed') printedCommits.set(Number(first), Number(second))
        if (sent >= SENT_BEFORE_KILL && printedCommits.size === 3) markKillable()
      })

      await killable
      await killAbruptly(child)
      const sentBeforeKill = sent
      const bus = open()
      const resumed = new Inbox()
      const resumer = await startConsumer(bus, groupId)
      await runRecording(resumer, resumed)
      const lags = await resumer.lag()
      await resumed.waitFor(lags.reduce((sum, { lag }) => sum + lag, 0))
      const everything = new Inbox()
      await runCommitting(await startConsumer(bus, uniqueName('audit')), everything)
      await everything.waitFor(sentBeforeKill)

      for (const { partition, committed } of lags) {
        expect(Number(committed)).toBeGreaterThanOrEqual(printedCommits.get(partition) ?? 0)
        const first = resumed.messages.find((message) => message.partition === partition)
        if (first !== undefined) expect(first.offset).toBe(committed)
      }
      const values = new Set(everything.values())
      const lost = numberedMessages(sentBeforeKill).filter((m) => !values.has(m.value))
      expect(lost).toEqual([])
    })

    it('refuses to open a folder a live process holds, naming the process', async () => {
      let markStarted = (): void => undefined
      const started = new Promise<void>((resolve) => (markStarted = resolve))
      const child = startChild(childScript, [dataDir, topic, uniqueName('group')], markStarted)

      await started
      let refusal: unknown
      try {
        openBus(dataDir)
      } catch (error) {
        refusal = error
      } finally {
        await killAbruptly(child)
      }

      expect(refusal).toMatchObject({ code: 'LOGPLAT_BUS_LOCKED' })
      expect(String(refusal)).toContain(`process ${child.pid}`)
    })
  })

  it('deletes a closed segment only once every group reading the topic committed past it', async () => {
    const bus = open()
    await bus.ensureTopics([topic], 1)
    const [inboxA, inboxB] = [new Inbox(), new Inbox()]
    await runCommitting(await startConsumer(bus, uniqueName('group-a')), inboxA)
    const memberB = await startConsumer(bus, uniqueName('group-b'))
    await runRecording(memberB, inboxB)
    const producer = await bus.createProducer()
    const megabyte = 'x'.repeat(1024 * 1024)
    for (let index = 0; index < 70; index++) await producer.send(topic, [{ value: megabyte }])

    await Promise.all([inboxA.waitFor(70), inboxB.waitFor(70)])
    const whileBehind = segmentsOf(dataDir, topic, 0)
    await memberB.commit([{ topic, partition: 0, offset: '70' }])
    const afterBoth = segmentsOf(dataDir, topic, 0)

    expect(whileBehind).toHaveLength(2)
    expect(afterBoth).toEqual(whileBehind.slice(1))
  })
})
