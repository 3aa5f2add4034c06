import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Admin } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBus } from '../../src/bus/index.js'
import type { Bus, BusProducer } from '../../src/bus/types.js'
import { connectClickHouse, type ClickHouseHandle } from '../../src/stores/clickhouse/client.js'
import { waitFor } from '../support/platform.js'
import { findServer } from '../support/servers.js'
import { ConsumerProcess } from './support/consumer-process.js'
import {
  connectAdmin,
  inDatabase,
  logIds,
  pipelineConfig,
  pipelineTopics,
  sendRecords,
  storedLogIds,
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
  chdb ??= connectClickHouse({
    dataDir,
    clickhouseUrl: '',
    clickhouseUser: 'default',
    clickhousePassword: '',
    clickhouseDatabase: 'default',
  })
  return chdb
}

describe.runIf(kafka.isAvailable)('delivery from Kafka to chDB', () => {
  beforeAll(async () => {
    bus = createBus(pipelineConfig(kafka.address, dataDir))
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
    await waitFor(
      'the restarted consumer to commit every record',
      async () => (await uncommitted(admin, config.consumerGroup, config.topicRawLogs)) === 0,
      90_000,
    )
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
})
