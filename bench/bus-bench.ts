import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createBus, type Bus, type OutgoingMessage } from '../src/bus/index.js'
import { renderTable } from '../src/cli/table.js'
import { loadConfig } from '../src/config/index.js'

const MESSAGES = 1_000_000
const BATCH = 5_000
const PARTITIONS = 3

interface Row {
  backend: string
  phase: string
  messages: number
  seconds: number
}

/** A batch of log records of about 300 bytes each, keyed by log id like the pipeline's. */
function sampleBatch(): OutgoingMessage[] {
  return Array.from({ length: BATCH }, (_, index) => {
    const logId = `log-${index.toString(16).padStart(8, '0')}`
    const record = {
      log_id: logId,
      timestamp: new Date(1_750_000_000_000 + index).toISOString(),
      service: 'checkout',
      environment: 'production',
      level: index % 20 === 0 ? 'ERROR' : 'INFO',
      message: `order ${index} placed by user ${index % 977} in ${index % 300} ms`,
      stack_trace: null,
      trace_id: `trace-${index}`,
      host: 'web-3',
      pod_name: 'checkout-7d9f',
      user_id: `user-${index % 977}`,
    }
    return { key: logId, value: JSON.stringify(record) }
  })
}

async function produce(bus: Bus, topic: string): Promise<number> {
  const batch = sampleBatch()
  const producer = await bus.createProducer()

  const started = performance.now()
  for (let sent = 0; sent < MESSAGES; sent += BATCH) await producer.send(topic, batch)
  const seconds = (performance.now() - started) / 1000

  await producer.close()
  return seconds
}

/** Consumes every message once, committing each batch, as the pipeline's consumer does. */
async function consume(bus: Bus, topic: string): Promise<number> {
  const consumer = await bus.createConsumer({ groupId: `${topic}-group`, topics: [topic] })
  let received = 0
  let markDone = (): void => undefined
  const done = new Promise<void>((resolve) => (markDone = resolve))

  const started = performance.now()
  await consumer.run(async ({ partition, messages }) => {
    const next = String(Number(messages[messages.length - 1]?.offset ?? 0) + 1)
    await consumer.commit([{ topic, partition, offset: next }])
    received += messages.length
    if (received >= MESSAGES) markDone()
  })
  await done
  const seconds = (performance.now() - started) / 1000

  await consumer.stop()
  return seconds
}

async function measure(backend: string, bus: Bus): Promise<Row[]> {
  const topic = `bus-bench-${Date.now()}`
  await bus.ensureTopics([topic], PARTITIONS)

  const produceSeconds = await produce(bus, topic)
  const consumeSeconds = await consume(bus, topic)

  await bus.close()
  return [
    { backend, phase: 'produce', messages: MESSAGES, seconds: produceSeconds },
    { backend, phase: 'consume + commit', messages: MESSAGES, seconds: consumeSeconds },
  ]
}

/** Prints messages per second through the embedded bus, and through Kafka when one is configured. */
export default async function benchmarkBus(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'logplat-bus-bench-'))
  const rows: Row[] = []
  try {
    rows.push(...(await measure('embedded', createBus(loadConfig({ dataDir, kafkaBrokers: '' })))))
    const config = loadConfig({ dataDir })
    if (config.kafkaBrokers !== '') rows.push(...(await measure('kafka', createBus(config))))
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }

  console.log(
    renderTable(rows, [
      { header: 'backend', value: (row) => row.backend },
      { header: 'phase', value: (row) => row.phase },
      { header: 'messages', value: (row) => row.messages, isNumeric: true },
      { header: 'seconds', value: (row) => row.seconds.toFixed(2), isNumeric: true },
      {
        header: 'messages/s',
        value: (row) => Math.round(row.messages / row.seconds),
        isNumeric: true,
      },
    ]),
  )
}
