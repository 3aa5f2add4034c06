import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Bus, BusMessage } from '../../src/bus/types.js'
import { decodeLogMessage } from '../../daemons/consumer/decode.js'
import { LogStore } from '../../src/stores/logs/log-store.js'
import { fetchJson, startTestPlatform, waitFor, type TestPlatform } from '../support/platform.js'

let platform: TestPlatform
let url: string
let bus: Bus
let store: LogStore

function record(index: number, level = 'INFO') {
  return {
    log_id: `consumer-test-${index}`,
    timestamp: '2024-12-11T10:30:00.000Z',
    service: 'consumer-test',
    environment: 'test',
    level,
    message: `message number ${index}`,
    stack_trace: null,
    trace_id: null,
    host: null,
    pod_name: null,
    user_id: null,
  }
}

async function readAll(topic: string, groupId: string, expected: number): Promise<BusMessage[]> {
  const seen: BusMessage[] = []
  const consumer = await bus.createConsumer({ groupId, topics: [topic] })
  await consumer.run(async (batch) => {
    seen.push(...batch.messages)
  })
  await waitFor(`${expected} messages on ${topic}`, async () => seen.length >= expected)
  await consumer.stop()
  return seen
}

async function stats() {
  return (await fetchJson(`${url}/stats`)).body
}

beforeAll(async () => {
  platform = await startTestPlatform(['consumer'], { batchTimeoutMs: 50 })
  url = platform.urls.consumer ?? ''
  bus = platform.backends.bus as Bus
  store = new LogStore(platform.backends.clickhouse!)
})

afterAll(async () => {
  await platform.stop()
})

describe('consumer', () => {
  it('stores valid records and sends poison messages to the DLQ with their reason and bytes', async () => {
    const producer = await bus.createProducer()
    const tooLarge = JSON.stringify({ ...record(99), message: 'x'.repeat(1_100_000) })
    const poison = ['this is not json {', JSON.stringify({ message: 'no service' }), tooLarge]

    await producer.send('raw-logs', [
      { value: JSON.stringify(record(1)) },
      { value: poison[0] as string },
      { value: JSON.stringify(record(2, 'ERROR')) },
      { value: poison[1] as string },
      { value: JSON.stringify(record(3, 'WARN')) },
      { value: poison[2] as string },
      { value: JSON.stringify(record(4)) },
    ])
    await waitFor(
      'four stored logs',
      async () => (await store.count({ service: 'consumer-test' })) === 4,
    )
    const deadLetters = await readAll('raw-logs-dlq', 'dlq-reader', 3)
    const queued = await readAll('vectorization-queue', 'vector-reader', 2)

    const reasonOf = (bytes: string) =>
      deadLetters.find((message) => message.value.toString() === bytes)?.headers['x-dlq-reason']
    expect(deadLetters.map((message) => message.value.toString()).sort()).toEqual(
      [...poison].sort(),
    )
    expect(reasonOf(poison[0] as string)).toMatch(/^not JSON/)
    expect(reasonOf(poison[1] as string)).toContain('"service"')
    expect(reasonOf(poison[2] as string)).toContain('exceeds')
    expect(queued.map((message) => message.key).sort()).toEqual([
      'consumer-test-2',
      'consumer-test-3',
    ])
    expect(await stats()).toMatchObject({
      total_dlq: 3,
      total_written: 4,
      total_vectorization_sent: 2,
    })
    await producer.close()
  })

  it('shows a record sent again with the same log_id once', async () => {
    const producer = await bus.createProducer()
    const again = [11, 12, 13].map((index) => ({
      value: JSON.stringify({ ...record(index), service: 'resend-test' }),
    }))

    await producer.send('raw-logs', again)
    await waitFor('three logs', async () => (await store.count({ service: 'resend-test' })) === 3)
    const consumedBefore = Number((await stats())['total_consumed'])
    await producer.send('raw-logs', again)
    await waitFor('the copies to be consumed', async () => {
      return Number((await stats())['total_consumed']) === consumedBefore + 3
    })
    await fetchJson(`${url}/flush`, { method: 'POST' })
    await producer.close()

    expect(await store.count({ service: 'resend-test' })).toBe(3)
  })

  it('gives a record without log_id the same id each time its message is read', async () => {
    const value = JSON.stringify({ service: 'no-id', message: 'who am I' })
    const producer = await bus.createProducer()
    await producer.send('raw-logs', [{ value }])
    await waitFor('the log without id', async () => (await store.count({ service: 'no-id' })) === 1)
    const replay = await bus.createConsumer({ groupId: 'no-id-replay', topics: ['raw-logs'] })
    const seen: BusMessage[] = []
    await replay.run(async (batch) => {
      seen.push(...batch.messages.filter((message) => message.value.toString() === value))
    })
    await waitFor('the replayed message', async () => seen.length === 1)
    await replay.stop()
    await producer.close()

    const first = decodeLogMessage(seen[0] as BusMessage, 1_000_000)
    const second = decodeLogMessage(seen[0] as BusMessage, 1_000_000)
    const page = await store.query({ service: 'no-id', limit: 5, offset: 0 })

    if (!first.ok || !second.ok) throw new Error('The replayed message did not decode.')
    expect(second.log.log_id).toBe(first.log.log_id)
    expect(page.logs[0]?.log_id).toBe(first.log.log_id)
  })

  it('answers its probes and health in the reference shape', async () => {
    const health = await fetchJson(`${url}/health`)
    const ready = await fetchJson(`${url}/ready`)
    const live = await fetchJson(`${url}/live`)
    const flush = await fetchJson(`${url}/flush`, { method: 'POST' })

    expect(health.body).toMatchObject({
      status: 'healthy',
      service: 'clickhouse-consumer',
      version: '2.0.0',
      kafka_connected: true,
      clickhouse_connected: true,
      clickhouse_circuit_breaker: 'closed',
    })
    expect(ready).toEqual({ status: 200, body: { status: 'ready' } })
    expect(live).toEqual({ status: 200, body: { status: 'alive' } })
    expect(flush).toEqual({ status: 200, body: { status: 'flushed', batch_size: 0 } })
    expect(Object.keys(await stats()).sort()).toEqual(
      [
        'total_consumed',
        'total_written',
        'total_failed',
        'total_dlq',
        'total_vectorization_sent',
        'current_batch_size',
        'retry_count',
        'circuit_breaker_state',
      ].sort(),
    )
  })

  it('exports the reference metrics', async () => {
    const text = await (await fetch(`${url}/metrics`)).text()

    for (const name of [
      'messages_consumed_total',
      'messages_written_total',
      'messages_failed_total',
      'messages_dlq_total',
      'messages_vectorization_total',
      'message_processing_seconds',
      'current_batch_size',
      'consumer_lag',
      'clickhouse_circuit_breaker_state',
      'batch_retry_total',
    ]) {
      expect(text).toContain(`# TYPE ${name}`)
    }
    expect(text).toContain('messages_consumed_total{topic="raw-logs"')
  })

  it('answers an unknown route with 404 and a detail', async () => {
    const { status, body } = await fetchJson(`${url}/nope`)

    expect(status).toBe(404)
    expect(body['detail']).toContain('/nope')
  })
})
