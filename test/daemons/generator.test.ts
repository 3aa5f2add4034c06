import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fetchJson, startTestPlatform, waitFor, type TestPlatform } from '../support/platform.js'

let platform: TestPlatform
let url: string

function control(body: unknown) {
  return fetchJson(`${url}/control`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

beforeAll(async () => {
  platform = await startTestPlatform(['generator'])
  url = platform.urls.generator ?? ''
})

afterAll(async () => {
  await platform.stop()
})

describe('generator API', () => {
  it('reports health in the reference shape', async () => {
    const { status, body } = await fetchJson(`${url}/health`)

    expect(status).toBe(200)
    expect(body).toMatchObject({
      status: 'healthy',
      service: 'log-generator',
      version: '1.0.0',
      kafka_connected: true,
      is_generating: false,
      current_rate: 50,
    })
    expect(Object.keys(body).sort()).toEqual(
      [
        'status',
        'service',
        'version',
        'kafka_connected',
        'is_generating',
        'logs_generated',
        'logs_sent',
        'current_rate',
        'uptime_seconds',
      ].sort(),
    )
  })

  it('starts once, says already_running the second time, and stops once', async () => {
    const first = await fetchJson(`${url}/start`, { method: 'POST' })
    const second = await fetchJson(`${url}/start`, { method: 'POST' })
    const stopped = await fetchJson(`${url}/stop`, { method: 'POST' })
    const again = await fetchJson(`${url}/stop`, { method: 'POST' })

    expect(first.body).toEqual({ status: 'started', rate: 50 })
    expect(second.body).toEqual({ status: 'already_running', rate: 50 })
    expect(stopped.body).toEqual({ status: 'stopped' })
    expect(again.body).toEqual({ status: 'already_stopped' })
  })

  it('runs again when started while it is stopping', async () => {
    await fetchJson(`${url}/start`, { method: 'POST' })

    const [stopped, started] = await Promise.all([
      fetchJson(`${url}/stop`, { method: 'POST' }),
      fetchJson(`${url}/start`, { method: 'POST' }),
    ])
    const stats = await fetchJson(`${url}/stats`)
    await fetchJson(`${url}/stop`, { method: 'POST' })

    expect(stopped.body).toEqual({ status: 'stopped' })
    expect(started.body).toEqual({ status: 'started', rate: 50 })
    expect(stats.body['is_running']).toBe(true)
  })

  it('counts what it generated and sent in its stats', async () => {
    await fetchJson(`${url}/start`, { method: 'POST' })
    await waitFor('generated logs', async () => {
      const { body } = await fetchJson(`${url}/stats`)
      return Number(body['total_generated']) > 0
    })
    await fetchJson(`${url}/stop`, { method: 'POST' })

    const { body } = await fetchJson(`${url}/stats`)

    expect(body['total_generated']).toBeGreaterThan(0)
    expect(body['total_sent']).toBe(body['total_generated'])
    expect(body).toMatchObject({ total_failed: 0, current_rate: 50, is_running: false })
  })

  it('updates rate and error rate through control', async () => {
    const { status, body } = await control({ rate_per_second: 100, error_rate_percentage: 15 })
    const stats = await fetchJson(`${url}/stats`)

    expect(status).toBe(200)
    expect(body).toEqual({ status: 'updated', rate_per_second: 100, error_rate_percentage: 15 })
    expect(stats.body).toMatchObject({ current_rate: 100, error_rate: 15 })
  })

  it.each([
    [{ rate_per_second: 0, error_rate_percentage: 5 }, 'rate_per_second'],
    [{ rate_per_second: 10001, error_rate_percentage: 5 }, 'rate_per_second'],
    [{ rate_per_second: 10, error_rate_percentage: 101 }, 'error_rate_percentage'],
    [{ rate_per_second: 10, error_rate_percentage: -1 }, 'error_rate_percentage'],
    [{ rate_per_second: 2.5, error_rate_percentage: 5 }, 'rate_per_second'],
    [{ rate_per_second: 'fast', error_rate_percentage: 5 }, 'rate_per_second'],
    [{}, 'body'],
    [{ rate_per_second: 10, loud: true }, 'body'],
  ])('refuses control %j with 422 naming %s', async (payload, field) => {
    const { status, body } = await control(payload)

    expect(status).toBe(422)
    expect(String(body['detail'])).toContain(field)
  })

  it('keeps the value a control body leaves out', async () => {
    await control({ rate_per_second: 100, error_rate_percentage: 15 })

    const { body } = await control({ rate_per_second: 40 })

    expect(body).toEqual({ status: 'updated', rate_per_second: 40, error_rate_percentage: 15 })
  })

  it('refuses a control body that is not JSON with a 4xx and a detail', async () => {
    const { status, body } = await fetchJson(`${url}/control`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"rate_per_second": ',
    })

    expect(status).toBe(400)
    expect(typeof body['detail']).toBe('string')
  })

  it('exports the reference metrics', async () => {
    const text = await (await fetch(`${url}/metrics`)).text()

    for (const name of [
      'logs_generated_total',
      'logs_sent_total',
      'logs_send_failed_total',
      'generation_rate_per_second',
      'error_log_rate_percentage',
    ]) {
      expect(text).toContain(`# TYPE ${name}`)
    }
  })
})
