import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectClickHouse, type ClickHouseHandle } from '../../../src/stores/clickhouse/client.js'
import { LogStore, type StoredLog } from '../../../src/stores/logs/log-store.js'

const dataDir = mkdtempSync(join(tmpdir(), 'logplat-log-store-'))
let clickhouse: ClickHouseHandle
let tableNumber = 0

function storedLog(overrides: Partial<StoredLog> = {}): StoredLog {
  return {
    log_id: crypto.randomUUID(),
    timestamp: '2024-12-11T10:30:00.000Z',
    service: 'api-gateway',
    environment: 'production',
    level: 'INFO',
    message: 'request served',
    stack_trace: null,
    trace_id: null,
    host: null,
    pod_name: null,
    user_id: null,
    source_topic: 'raw-logs',
    source_partition: 0,
    source_offset: '0',
    ...overrides,
  }
}

async function freshStore(): Promise<LogStore> {
  tableNumber += 1
  const store = new LogStore(clickhouse, `logs_${tableNumber}`)
  await store.migrate()
  return store
}

beforeAll(() => {
  clickhouse = connectClickHouse({
    clickhouseUrl: '',
    clickhouseUser: 'default',
    clickhousePassword: '',
    clickhouseDatabase: 'logplat_test',
    dataDir,
  })
})

afterAll(async () => {
  await clickhouse.client.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('LogStore on chDB', () => {
  it('shows a batch stored twice only once', async () => {
    const store = await freshStore()
    const batch = [storedLog(), storedLog(), storedLog()]

    await store.insert(batch)
    await store.insert(batch)
    const page = await store.query({ limit: 10, offset: 0 })

    expect(page.total).toBe(3)
    expect(page.logs.map((log) => log.log_id).sort()).toEqual(batch.map((log) => log.log_id).sort())
  })

  it('filters by service, level and time and pages newest first', async () => {
    const store = await freshStore()
    await store.insert([
      storedLog({ service: 'billing', level: 'ERROR', timestamp: '2024-12-11T10:00:00.000Z' }),
      storedLog({ service: 'billing', level: 'ERROR', timestamp: '2024-12-11T11:00:00.000Z' }),
      storedLog({ service: 'billing', level: 'INFO', timestamp: '2024-12-11T12:00:00.000Z' }),
      storedLog({ service: 'auth', level: 'ERROR', timestamp: '2024-12-11T13:00:00.000Z' }),
    ])

    const page = await store.query({
      service: 'billing',
      level: 'ERROR',
      startTime: '2024-12-11T09:00:00Z',
      endTime: '2024-12-11T11:30:00Z',
      limit: 1,
      offset: 0,
    })

    expect(page.total).toBe(2)
    expect(page.logs).toHaveLength(1)
    expect(page.logs[0]?.timestamp).toBe('2024-12-11T11:00:00.000Z')
  })

  it('keeps hostile and unicode text exactly as sent', async () => {
    const store = await freshStore()
    const message = '\'; DROP TABLE logs; -- \u001b[31mred\u001b[0m ログ 🚀 \\ " \n next line'

    await store.insert([storedLog({ message, stack_trace: 'at x\n  at y' })])
    const page = await store.query({ service: "api-gateway' OR 1=1 --", limit: 5, offset: 0 })
    const all = await store.query({ limit: 5, offset: 0 })

    expect(page.total).toBe(0)
    expect(all.logs[0]?.message).toBe(message)
    expect(all.logs[0]?.stack_trace).toBe('at x\n  at y')
  })

  it('stores logs whose timestamps span many years in one batch', async () => {
    const store = await freshStore()
    const logs = Array.from({ length: 150 }, (_, index) =>
      storedLog({
        timestamp: new Date(Date.UTC(1990 + (index % 50), index % 12, 1)).toISOString(),
      }),
    )

    await store.insert(logs)

    expect(await store.count()).toBe(150)
  })
})
