import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Admin } from 'kafkajs'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { start as startConsumer } from '../../daemons/consumer/index.js'
import { createBus } from '../../src/bus/index.js'
import type { Bus, BusMessage, BusProducer } from '../../src/bus/types.js'
import type { Config } from '../../src/config/index.js'
import type { DaemonHandle } from '../../src/platform/daemon.js'
import type { ClickHouseHandle } from '../../src/stores/clickhouse/client.js'
import { LogStore } from '../../src/stores/logs/log-store.js'
import { waitFor } from '../support/platform.js'
import { findServer } from '../support/servers.js'
import { ConsumerProcess } from './support/consumer-process.js'
import { assignedPartitions, startGroupMember, stopGroupMember } from './support/group-member.js'
import {
  connectAdmin,
  connectChdb,
  inDatabase,
  logIds,
  logRecord,
  pipelineConfig,
  pipelineTopics,
  sendRecords,
  storedLogIds,
  topicSize,
  uncommitted,
} from './support/pipeline.js'

const kafka = await findServer('kafka')

// chDB opens one on-disk session per process: every test shares this folder,
// each in a database of its own, and this process opens it only once no
// consumer process of its own has it open.
const dataDir = mkdtempSync(join(tmpdir(), 'logplat-delivery-'))
let chdb: ClickHouseHandle | undefined
let bus: Bus
let producer: BusProducer
let admin: Admin

function openChdb(): ClickHouseHandle {
  chdb ??= connectChdb(dataDir)
  return chdb
}

/** The consumer daemon in this process, on the shared bus and chDB. */
async function startConsumerDaemon(config: Config): Promise<DaemonHandle> {
  const clickhouse = inDatabase(openChdb(), config)
  const logger = pino({ level: 'silent' })
  return startConsumer({ config, logger, backends: { bus, clickhouse } })
}

/** Waits until the consumer group has committed everything on `raw-logs`. */
async function waitUntilCommitted(config: Config, timeoutMs: number): Promise<void> {
  await waitFor(
    `consumer group ${config.consumerGroup} to commit every record`,
    async () => (await uncommitted(admin, config.consumerGroup, config.topicRawLogs)) === 0,
    timeoutMs,
  )
}

/** Every message of a topic, read from the beginning by a consumer group of its own. */
async function readTopic(topic: string, groupId: string): Promise<BusMessage[]> {
  const expected = await topicSize(admin, topic)
  const messages: BusMessage[] = []
  const reader = await bus.createConsumer({ groupId, topics: [topic] })

  await reader.run(async (batch) => {
    messages.push(...batch.messages)
  })
  await waitFor(`${expected} messages on ${topic}`, async () => messages.length >= expected)
  await reader.stop()
  return messages
}

describe.runIf(kafka.isAvailable)('delivery from Kafka to chDB', () => {
  beforeAll(async () => {
    bus = createBus(pipelineConfig(kafka.address, dataDir), { logger: pino({ level: 'silent' }) })
    producer = await bus.createProducer()
    admin = await connectAdmin(kafka.address)
  })

  afterAll(async () => {
    await producer?.close()
    await bus?.close()
    await admin?.disconnect()
    await chdb?.client.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('shows every record exactly once after a consumer is killed between storing and committing', async () => {
    const script = await ConsumerProcess.compile()
    const config = pipelineConfig(kafka.address, dataDir)
    const ids = logIds(config.clickhouseDatabase, 1000)
    await bus.ensureTopics(pipelineTopics(config), config.topicPartitions)
    await sendRecords(producer, config, ids)

    const crashing = ConsumerProcess.start(script, config, 'hang-on-commit')
    const blocked = await crashing.waitForLine('commit-blocked', 60_000)
    await crashing.kill()
    const restarted = ConsumerProcess.start(script, config)
    await waitUntilCommitted(config, 90_000)
    const exitCode = await restarted.terminate()
    const rowsAtStop = Number(await restarted.waitForLine('stopped', 10_000))
    const store = inDatabase(openChdb(), config)

    const firstBatch = (JSON.parse(blocked) as { offset: string }[]).reduce(
      (sum, { offset }) => sum + Number(offset),
      0,
    )
    expect(exitCode, restarted.diagnostics()).toBe(0)
    expect(firstBatch).toBeGreaterThan(0)
    expect(rowsAtStop).toBe(ids.length + firstBatch)
    expect(await storedLogIds(store)).toEqual([...ids].sort())
  }, 150_000)

  it('sends each poison message to the DLQ with its reason and original bytes and stores the records around it', async () => {
    const config = pipelineConfig(kafka.address, dataDir, { maxMessageBytes: 2048 })
    const service = config.clickhouseDatabase
    const ids = logIds(service, 60)
    const notJson = Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22])
    const withoutService = Buffer.from(JSON.stringify({ log_id: `${service}-x`, message: 'hi' }))
    const tooLarge = Buffer.from(
      logRecord(service, `${service}-large`).replace('record', 'x'.repeat(3000)),
    )
    const poison = [notJson, withoutService, tooLarge]
    await bus.ensureTopics(pipelineTopics(config), config.topicPartitions)
    const daemon = await startConsumerDaemon(config)

    await producer.send(config.topicRawLogs, [
      ...ids.slice(0, 30).map((id) => ({ key: id, value: logRecord(service, id) })),
      ...poison.map((value) => ({ value })),
      ...ids.slice(30).map((id) => ({ key: id, value: logRecord(service, id) })),
    ])
    await waitUntilCommitted(config, 30_000)
    await daemon.stop()
    const deadLetters = await readTopic(config.topicRawLogsDlq, `${service}-dlq-reader`)

    const reasonOf = (bytes: Buffer) =>
      deadLetters.find((message) => message.value.equals(bytes))?.headers['x-dlq-reason']
    expect(await storedLogIds(inDatabase(openChdb(), config))).toEqual([...ids].sort())
    expect(deadLetters.map((message) => message.value.toString('hex')).sort()).toEqual(
      poison.map((bytes) => bytes.toString('hex')).sort(),
    )
    expect(reasonOf(notJson)).toMatch(/^not JSON/)
    expect(reasonOf(withoutService)).toContain('"service"')
    expect(reasonOf(tooLarge)).toBe(`message of ${tooLarge.length} bytes exceeds 2048`)
    for (const message of deadLetters) {
      expect(message.headers['x-original-topic']).toBe(config.topicRawLogs)
    }
  }, 60_000)

  it('hands the partitions of a stopped group member to the other with nothing lost', async () => {
    const config = pipelineConfig(kafka.address, dataDir, { topicPartitions: 4 })
    const ids = logIds(config.clickhouseDatabase, 1000)
    const store = new LogStore(inDatabase(openChdb(), config))
    await store.migrate()
    await bus.ensureTopics(pipelineTopics(config), config.topicPartitions)
    const first = await startGroupMember(bus, config, store)
    const second = await startGroupMember(bus, config, store)
    let split: number[][] = []
    await waitFor('the group to split the partitions', async () => {
      split = [await assignedPartitions(first), await assignedPartitions(second)]
      return split.flat().length === 4 && split.every((partitions) => partitions.length > 0)
    })

    await sendRecords(producer, config, ids.slice(0, 500))
    await waitUntilCommitted(config, 30_000)
    const consumedWhileSplit = [first.worker.totals.consumed, second.worker.totals.consumed]
    await stopGroupMember(first)
    await sendRecords(producer, config, ids.slice(500))
    await waitUntilCommitted(config, 60_000)
    const takenOver = await assignedPartitions(second)
    await stopGroupMember(second)

    expect(split.flat().sort()).toEqual([0, 1, 2, 3])
    expect(consumedWhileSplit[0]).toBeGreaterThan(0)
    expect(consumedWhileSplit[1]).toBeGreaterThan(0)
    expect(takenOver).toEqual([0, 1, 2, 3])
    expect(await storedLogIds(inDatabase(openChdb(), config))).toEqual([...ids].sort())
  }, 90_000)

  it('stores and commits the batch a group member holds when it stops while others remain', async () => {
    const config = pipelineConfig(kafka.address, dataDir, {
      topicPartitions: 4,
      batchSize: 5000,
      batchTimeoutMs: 600_000,
    })
    const ids = logIds(config.clickhouseDatabase, 1000)
    const store = new LogStore(inDatabase(openChdb(), config))
    await store.migrate()
    await bus.ensureTopics(pipelineTopics(config), config.topicPartitions)
    const first = await startGroupMember(bus, config, store)
    const second = await startGroupMember(bus, config, store)
    let firstPartitions: number[] = []
    await waitFor('the group to split the partitions', async () => {
      firstPartitions = await assignedPartitions(first)
      const secondPartitions = await assignedPartitions(second)
      const isSplit = firstPartitions.length > 0 && secondPartitions.length > 0
      return isSplit && firstPartitions.length + secondPartitions.length === 4
    })
    await sendRecords(producer, config, ids.slice(0, 500))
    await waitFor(
      'the members to hold every record of the first wave',
      async () => first.worker.pendingSize + second.worker.pendingSize === 500,
    )

    const heldAtStop = first.worker.pendingSize
    await stopGroupMember(first)
    const leftUncommitted = await uncommitted(
      admin,
      config.consumerGroup,
      config.topicRawLogs,
      firstPartitions,
    )
    await sendRecords(producer, config, ids.slice(500))
    await waitFor('the other member to store and commit the rest', async () => {
      await second.worker.flush()
      return (await uncommitted(admin, config.consumerGroup, config.topicRawLogs)) === 0
    })
    const takenOver = await assignedPartitions(second)
    await stopGroupMember(second)

    expect(heldAtStop).toBeGreaterThan(0)
    expect(first.worker.totals.written).toBe(heldAtStop)
    expect(leftUncommitted).toBe(0)
    expect(takenOver).toEqual([0, 1, 2, 3])
    expect(await storedLogIds(inDatabase(openChdb(), config))).toEqual([...ids].sort())
  }, 60_000)
})
