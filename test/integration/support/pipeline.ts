import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { Kafka, logLevel, type Admin } from 'kafkajs'
import type { BusProducer } from '../../../src/bus/types.js'
import { loadConfig, type Config } from '../../../src/config/index.js'
import { connectClickHouse, type ClickHouseHandle } from '../../../src/stores/clickhouse/client.js'

const SEND_CHUNK = 200

/**
 * The settings of one test on the shared broker and chDB folder: its own
 * topics, consumer group and database, all named after one id, and small
 * batches so that a run holds many of them.
 */
export function pipelineConfig(
  kafkaBrokers: string,
  dataDir: string,
  overrides: Partial<Config> = {},
): Config {
  const id = `it_${randomUUID().slice(0, 8)}`
  return loadConfig(
    {
      dataDir,
      kafkaBrokers,
      kafkaClientId: 'logplat-integration',
      topicRawLogs: `${id}-raw-logs`,
      topicRawLogsDlq: `${id}-raw-logs-dlq`,
      topicVectorization: `${id}-vectorization`,
      consumerGroup: `${id}-consumer`,
      clickhouseDatabase: id,
      consumerPort: 0,
      batchSize: 100,
      batchTimeoutMs: 200,
      logLevel: 'silent',
      ...overrides,
    },
    {},
  )
}

/** The topics the consumer reads and writes, as its configuration names them. */
export function pipelineTopics(config: Config): string[] {
  return [config.topicRawLogs, config.topicRawLogsDlq, config.topicVectorization]
}

/** `count` log ids of the form `<prefix>-<n>`, numbered from `first`. */
export function logIds(prefix: string, count: number, first = 0): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}-${first + index}`)
}

/** A complete log record as JSON, as a producer puts it on `raw-logs`. */
export function logRecord(service: string, logId: string, level = 'INFO'): string {
  return JSON.stringify({
    log_id: logId,
    timestamp: '2024-12-11T10:30:00.000Z',
    service,
    environment: 'test',
    level,
    message: `record ${logId}`,
    stack_trace: null,
    trace_id: null,
    host: null,
    pod_name: null,
    user_id: null,
  })
}

/** Sends one record per id, keyed by its id, in chunks. */
export async function sendRecords(
  producer: BusProducer,
  config: Config,
  ids: string[],
): Promise<void> {
  for (let start = 0; start < ids.length; start += SEND_CHUNK) {
    const chunk = ids.slice(start, start + SEND_CHUNK)
    const messages = chunk.map((id) => ({
      key: id,
      value: logRecord(config.clickhouseDatabase, id),
    }))
    await producer.send(config.topicRawLogs, messages)
  }
}

/** chDB in `dataDir`; one process may hold a folder at a time. */
export function connectChdb(dataDir: string): ClickHouseHandle {
  return connectClickHouse({
    dataDir,
    clickhouseUrl: '',
    clickhouseUser: 'default',
    clickhousePassword: '',
    clickhouseDatabase: 'default',
  })
}

/** The handle a test reads its own database through. */
export function inDatabase(handle: ClickHouseHandle, config: Config): ClickHouseHandle {
  return { ...handle, database: config.clickhouseDatabase }
}

async function selectColumn(handle: ClickHouseHandle, query: string): Promise<string[]> {
  const result = await handle.client.query({ query, format: 'JSONEachRow' })
  const rows = await result.json<{ value: string }>()
  return rows.map((row) => String(row.value))
}

/** Every log id a query of the logs table shows (read with FINAL), sorted. */
export async function storedLogIds(handle: ClickHouseHandle): Promise<string[]> {
  return selectColumn(
    handle,
    `SELECT log_id AS value FROM \`${handle.database}\`.logs FINAL ORDER BY log_id`,
  )
}

/** Rows physically in the logs table, duplicates not yet merged away included. */
export async function rawRowCount(handle: ClickHouseHandle): Promise<number> {
  const [count] = await selectColumn(
    handle,
    `SELECT count() AS value FROM \`${handle.database}\`.logs`,
  )
  return Number(count)
}

/**
 * Keeps the parts of the logs table unmerged for the rest of the chDB
 * session, so rows stored twice stay visible to a count without FINAL.
 */
export async function stopMerges(handle: ClickHouseHandle): Promise<void> {
  await handle.client.command({ query: `SYSTEM STOP MERGES \`${handle.database}\`.logs` })
}

/** An admin client of its own, for reading a group's committed offsets. */
export async function connectAdmin(brokers: string): Promise<Admin> {
  const kafka = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING })
  const admin = kafka.admin()
  await admin.connect()
  return admin
}

/** Messages of a topic (or of some of its partitions) that a consumer group has not committed yet. */
export async function uncommitted(
  admin: Admin,
  groupId: string,
  topic: string,
  partitions?: number[],
): Promise<number> {
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] })
  const ends = await admin.fetchTopicOffsets(topic)
  const counted = ends.filter(({ partition }) => partitions?.includes(partition) ?? true)

  return counted.reduce((sum, { partition, high, low }) => {
    const offset = committed?.partitions.find((entry) => entry.partition === partition)?.offset
    const start = offset === undefined || offset === '-1' ? low : offset
    return sum + Number(high) - Number(start)
  }, 0)
}

/** Messages a topic holds across its partitions. */
export async function topicSize(admin: Admin, topic: string): Promise<number> {
  const ends = await admin.fetchTopicOffsets(topic)
  return ends.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0)
}

/** Records sent one small batch at a time until stopped. */
export interface RecordStream {
  /** Ids of every batch the broker has acknowledged so far. */
  readonly ids: string[]
  /** Finishes the batch in hand and stops. */
  stop(): Promise<void>
}

const STREAM_BATCH = 10
const STREAM_PAUSE_MS = 50
const RESEND_PAUSE_MS = 250

/**
 * Streams records to `raw-logs` as a producer that must not lose any would:
 * a batch whose send fails is sent again until the broker acknowledges it
 * (so it may land twice, which the log table collapses).
 */
export function streamRecords(producer: BusProducer, config: Config): RecordStream {
  const ids: string[] = []
  let isStopping = false

  const sendUntilAcknowledged = async (batch: string[]) => {
    const messages = batch.map((id) => ({
      key: id,
      value: logRecord(config.clickhouseDatabase, id),
    }))
    for (;;) {
      try {
        await producer.send(config.topicRawLogs, messages)
        return
      } catch {
        await sleep(RESEND_PAUSE_MS)
      }
    }
  }
  const loop = (async () => {
    while (!isStopping) {
      const batch = logIds(config.clickhouseDatabase, STREAM_BATCH, ids.length)
      await sendUntilAcknowledged(batch)
      ids.push(...batch)
      await sleep(STREAM_PAUSE_MS)
    }
  })()

  return {
    ids,
    async stop() {
      isStopping = true
      await loop
    },
  }
}
