import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LogStore } from '../../src/stores/logs/log-store.js'
import { fetchJson, startTestPlatform, waitFor, type TestPlatform } from '../support/platform.js'

let platform: TestPlatform
let url: string
let store: LogStore

function ingest(body: string, query = '', contentType = 'application/x-ndjson') {
  return fetchJson(`${url}/api/ingest${query}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  })
}

function line(fields: Record<string, unknown>): string {
  return JSON.stringify({ service: 'gw-test', message: 'hello', ...fields })
}

beforeAll(async () => {
  platform = await startTestPlatform(['consumer', 'gateway'], {
    batchTimeoutMs: 50,
    ingestMaxLines: 50,
    ingestMaxBodyBytes: 64 * 1024,
  })
  url = platform.urls.gateway ?? ''
  store = new LogStore(platform.backends.clickhouse!)
})

afterAll(async () => {
  await platform.stop()
})

describe('gateway ingest', () => {
  it('accepts valid lines, names each rejected line and its reason, and stores the accepted', async () => {
    const body = [
      line({ level: 'error', message: 'disk full', timestamp: '2024-12-11T10:00:00Z' }),
      'not json',
      '',
      line({ level: 'LOUD' }),
      JSON.stringify({ message: 'no service here' }),
      line({ level: 'WARNING', message: 'ログ 🚀 \u001b[31m' }),
    ].join('\r\n')

    const { status, body: answer } = await ingest(body)
    await waitFor('two stored logs', async () => (await store.count({ service: 'gw-test' })) === 2)
    const page = await fetchJson(`${url}/api/logs?service=gw-test&level=WARN`)

    expect(status).toBe(200)
    expect(answer).toMatchObject({ received: 5, accepted: 2, rejected: 3 })
    expect(answer['errors']).toEqual([
      { line: 2, reason: expect.stringMatching(/^not JSON/) as string },
      { line: 4, reason: 'field "level" has the unknown level "LOUD"' },
      { line: 5, reason: expect.stringContaining('"service"') as string },
    ])
    expect((page.body['logs'] as Array<{ message: string }>)[0]?.message).toBe('ログ 🚀 \u001b[31m')
  })

  it('fills service and environment from the query for records that lack them', async () => {
    const { body } = await ingest('{"message":"from a file"}', '?service=filled&environment=qa')
    await waitFor('the filled log', async () => (await store.count({ service: 'filled' })) === 1)
    const page = await fetchJson(`${url}/api/logs?service=filled`)

    expect(body['accepted']).toBe(1)
    expect((page.body['logs'] as Array<{ environment: string }>)[0]?.environment).toBe('qa')
  })

  it('answers an empty body with nothing received', async () => {
    const { status, body } = await ingest('\n\n')

    expect(status).toBe(200)
    expect(body).toEqual({ received: 0, accepted: 0, rejected: 0, errors: [] })
  })

  it('refuses more records than one request may carry with 413', async () => {
    const body = Array.from({ length: 51 }, () => line({})).join('\n')

    const { status, body: answer } = await ingest(body)

    expect(status).toBe(413)
    expect(answer['detail']).toContain('50')
  })

  it('refuses a body over the byte limit with 413', async () => {
    const { status, body } = await ingest(line({ message: 'x'.repeat(70 * 1024) }))

    expect(status).toBe(413)
    expect(typeof body['detail']).toBe('string')
  })

  it('refuses a compressed body with 415', async () => {
    const { status, body } = await fetchJson(`${url}/api/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' },
      body: line({}),
    })

    expect(status).toBe(415)
    expect(body['detail']).toContain('gzip')
  })

  it('keeps the order of records of one service sent in the same second', async () => {
    const lines = Array.from({ length: 20 }, (_, index) =>
      line({ service: 'ordered', message: `step ${index}`, timestamp: '2024-12-11T08:00:00Z' }),
    )

    await ingest(lines.join('\n'))
    await waitFor('20 ordered logs', async () => (await store.count({ service: 'ordered' })) === 20)
    const page = await fetchJson(`${url}/api/logs?service=ordered&limit=20`)
    const messages = (page.body['logs'] as Array<{ message: string }>).map((log) => log.message)

    expect(messages).toEqual(lines.map((_, index) => `step ${index}`).reverse())
  })

  it('refuses a body that is not NDJSON with 415', async () => {
    const { status, body } = await ingest('<xml/>', '', 'application/xml')

    expect(status).toBe(415)
    expect(typeof body['detail']).toBe('string')
  })
})

describe('gateway logs', () => {
  it('caps the limit at 1000 and says whether more logs exist', async () => {
    const { status, body } = await fetchJson(`${url}/api/logs?limit=5000`)
    const firstPage = await fetchJson(`${url}/api/logs?limit=1&offset=0`)

    expect(status).toBe(200)
    expect(body).toMatchObject({ limit: 1000, offset: 0, has_more: false })
    expect(firstPage.body).toMatchObject({ limit: 1, has_more: true })
    expect(Object.keys((firstPage.body['logs'] as object[])[0] ?? {}).sort()).toEqual(
      [
        'log_id',
        'timestamp',
        'service',
        'environment',
        'level',
        'message',
        'stack_trace',
        'trace_id',
        'host',
        'pod_name',
        'user_id',
      ].sort(),
    )
  })

  it('filters by a time range', async () => {
    const range = 'start_time=2024-12-11T09:00:00Z&end_time=2024-12-11T11:00:00Z'

    const { body } = await fetchJson(`${url}/api/logs?${range}`)

    expect(body['total']).toBe(1)
  })

  it.each([
    ['limit=0', 'limit'],
    ['limit=ten', 'limit'],
    ['offset=-1', 'offset'],
    ['level=LOUD', 'level'],
    ['start_time=yesterday-ish', 'start_time'],
    ['end_time=2024-13-45', 'end_time'],
  ])('refuses %s with 422 naming %s', async (query, field) => {
    const { status, body } = await fetchJson(`${url}/api/logs?${query}`)

    expect(status).toBe(422)
    expect(String(body['detail'])).toContain(field)
  })

  it('treats a hostile filter as a plain value', async () => {
    const { status, body } = await fetchJson(
      `${url}/api/logs?service=${encodeURIComponent("x' OR 1=1 --")}`,
    )

    expect(status).toBe(200)
    expect(body['total']).toBe(0)
  })
})

describe('gateway root', () => {
  it('lists its endpoints and reports the health of its stores', async () => {
    const root = await fetchJson(`${url}/`)
    const health = await fetchJson(`${url}/health`)

    expect(root.body).toMatchObject({ name: 'Log Analysis Platform API', status: 'running' })
    expect(root.body['endpoints']).toMatchObject({ logs: '/api/logs', health: '/health' })
    expect(health.body).toMatchObject({ status: 'healthy', services: { clickhouse: 'healthy' } })
  })

  it('counts requests by route in its metrics', async () => {
    const text = await (await fetch(`${url}/metrics`)).text()

    expect(text).toMatch(
      /api_requests_total\{method="GET",endpoint="\/api\/logs",status="200"\} \d+/,
    )
    expect(text).toContain('# TYPE api_request_duration_seconds histogram')
  })
})
