import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Bus } from '../../src/bus/types.js'
import type { ClickHouseHandle } from '../../src/stores/clickhouse/client.js'
import { LogStore } from '../../src/stores/logs/log-store.js'
import { fetchJson, startTestPlatform, waitFor, type TestPlatform } from '../support/platform.js'

let platform: TestPlatform
let url: string
let clickhouse: ClickHouseHandle

/** Takes the log table away from ClickHouse, as an outage would, and gives it back. */
async function setTableAttached(isAttached: boolean): Promise<void> {
  const verb = isAttached ? 'ATTACH' : 'DETACH'
  await clickhouse.client.command({ query: `${verb} TABLE logplat.logs` })
}

beforeAll(async () => {
  platform = await startTestPlatform(['consumer'], {
    batchTimeoutMs: 50,
    breakerFailureThreshold: 2,
    breakerCoolDownMs: 200,
  })
  url = platform.urls.consumer ?? ''
  clickhouse = platform.backends.clickhouse as ClickHouseHandle
})

afterAll(async () => {
  await platform.stop()
})

describe('consumer during a ClickHouse outage', () => {
  it('opens its breaker, says degraded, keeps the batch, and stores it once ClickHouse is back', async () => {
    const producer = await (platform.backends.bus as Bus).createProducer()
    const records = Array.from({ length: 50 }, (_, index) => ({
      value: JSON.stringify({ log_id: `outage-${index}`, service: 'outage', message: `m${index}` }),
    }))

    await setTableAttached(false)
    await producer.send('raw-logs', records)
    await waitFor('the breaker to open', async () => {
      const { body } = await fetchJson(`${url}/stats`)
      return body['circuit_breaker_state'] !== 'closed'
    })
    const health = await fetchJson(`${url}/health`)
    const duringOutage = await fetchJson(`${url}/stats`)
    await setTableAttached(true)
    await waitFor(
      'all 50 logs stored',
      async () => {
        const { body } = await fetchJson(`${url}/stats`)
        return body['total_written'] === 50
      },
      30_000,
    )
    const store = new LogStore(clickhouse)

    expect(health.body['status']).toBe('degraded')
    expect(duringOutage.body['total_written']).toBe(0)
    expect(duringOutage.body['retry_count']).toBeGreaterThan(0)
    expect(await store.count({ service: 'outage' })).toBe(50)
    expect((await fetchJson(`${url}/health`)).body['clickhouse_circuit_breaker']).toBe('closed')
    await producer.close()
  }, 45_000)
})
