import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { start as startConsumer } from '../../daemons/consumer/index.js'
import { createBus } from '../../src/bus/index.js'
import type { Bus } from '../../src/bus/types.js'
import type { ClickHouseHandle } from '../../src/stores/clickhouse/client.js'
import { LogStore } from '../../src/stores/logs/log-store.js'
import { waitFor } from '../support/platform.js'
import { findServer } from '../support/servers.js'
import {
  connectChdb,
  inDatabase,
  pipelineConfig,
  pipelineTopics,
  storedLogIds,
  streamRecords,
} from './support/pipeline.js'
import {
  canRestartStackBroker,
  restartStackBroker,
  stackBrokerPid,
} from './support/stack-broker.js'

// Every client of the broker sees the restart, so this file runs on its own,
// after the rest of the suite (see vitest.isolated.config.ts).
const kafka = await findServer('kafka')
const dataDir = mkdtempSync(join(tmpdir(), 'logplat-broker-restart-'))
let bus: Bus
let chdb: ClickHouseHandle

describe.runIf(kafka.isAvailable && canRestartStackBroker(kafka.address))(
  'a broker restart',
  () => {
    beforeAll(() => {
      bus = createBus(pipelineConfig(kafka.address, dataDir), { logger: pino({ level: 'silent' }) })
      chdb = connectChdb(dataDir)
    })

    afterAll(async () => {
      await bus?.close()
      await chdb?.client.close()
      rmSync(dataDir, { recursive: true, force: true })
    })

    it('loses no record sent across it, producer and consumer recovering by themselves', async () => {
      const config = pipelineConfig(kafka.address, dataDir)
      const clickhouse = inDatabase(chdb, config)
      const store = new LogStore(clickhouse)
      await bus.ensureTopics(pipelineTopics(config), config.topicPartitions)
      const logger = pino({ level: 'silent' })
      const daemon = await startConsumer({ config, logger, backends: { bus, clickhouse } })
      const streamProducer = await bus.createProducer()
      const stream = streamRecords(streamProducer, config)
      await waitFor('records sent before the restart', async () => stream.ids.length >= 200)
      const brokerBefore = stackBrokerPid()

      await restartStackBroker()
      const sentBeforeRestarted = stream.ids.length
      await waitFor(
        'records sent after the restart',
        async () => stream.ids.length >= sentBeforeRestarted + 200,
        120_000,
      )
      await stream.stop()
      await waitFor(
        `all ${stream.ids.length} records to be stored`,
        async () => (await store.count()) >= stream.ids.length,
        120_000,
      )
      await daemon.stop()
      await streamProducer.close()

      expect(stackBrokerPid()).not.toBe(brokerBefore)
      expect(await storedLogIds(clickhouse)).toEqual([...stream.ids].sort())
    }, 300_000)
  },
)
