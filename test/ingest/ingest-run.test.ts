import { readFile } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { GatewayClient } from '../../src/client/gateway-client.js'
import { runIngest, type IngestRunOptions } from '../../src/ingest/ingest-run.js'
import { startIngestGateway, type IngestGatewayOptions } from './support/ingest-gateway.js'
import { findLoghubDir, LOGHUB_SYSTEMS, loghubLogPath } from './support/loghub.js'
import { chunksOf } from './support/read-lines.js'

const open: { close(): Promise<void> }[] = []
const loghubDir = findLoghubDir()

afterEach(async () => {
  await Promise.all(open.splice(0).map((item) => item.close()))
})

async function gatewayAndRun(gatewayOptions: IngestGatewayOptions = {}) {
  const gateway = await startIngestGateway(gatewayOptions)
  const client = new GatewayClient(gateway.url)
  open.push(client, gateway)

  const run = (chunks: AsyncIterable<Uint8Array>, options: Partial<IngestRunOptions> = {}) =>
    runIngest({
      chunks,
      deliver: (body) => client.ingest(body, { service: 'test-service' }),
      format: 'auto',
      idSeed: 'test-service',
      limits: { maxRecords: 5000, maxBytes: 16_777_216 },
      maxLineBytes: 1 << 20,
      retry: { retries: 3, initialDelayMs: 1 },
      ...options,
    })
  return { gateway, run }
}

function numberedLines(
  count: number,
  text = (index: number) => `2024-03-01 10:00:00 INFO line ${index}`,
) {
  return Array.from({ length: count }, (_, index) => text(index + 1)).join('\n')
}

// Joins the files with exactly one line break between them, as if one file.
async function* concatenated(paths: string[]): AsyncGenerator<Uint8Array> {
  for (const [index, path] of paths.entries()) {
    const text = (await readFile(path, 'utf8')).replace(/\n$/, '')
    yield Buffer.from(index === 0 ? text : `\n${text}`)
  }
}

describe('runIngest', () => {
  it('stops reading and sending once its signal is aborted, and says so', async () => {
    const { gateway, run } = await gatewayAndRun()
    const stop = new AbortController()
    async function* slowChunks(): AsyncGenerator<Uint8Array> {
      for (let part = 0; part < 20; part += 1) {
        if (part === 3) stop.abort()
        yield Buffer.from(`${numberedLines(1000)}\n`)
      }
    }

    const summary = await run(slowChunks(), {
      limits: { maxRecords: 1000, maxBytes: 16_777_216 },
      signal: stop.signal,
    })

    expect(summary.failure?.code).toBe('LOGPLAT_INGEST_INTERRUPTED')
    expect(summary.linesRead).toBeLessThan(20_000)
    expect(summary.accepted).toBe(gateway.records.length)
    expect(summary.accepted).toBeLessThan(20_000)
  })

  it.skipIf(loghubDir === undefined)(
    'delivers all 16,000 lines of the eight Loghub samples',
    async () => {
      const { gateway, run } = await gatewayAndRun()
      const paths = LOGHUB_SYSTEMS.map((system) => loghubLogPath(loghubDir ?? '', system))

      const summary = await run(concatenated(paths))

      expect(summary).toMatchObject({
        linesRead: 16_000,
        accepted: 16_000,
        rejected: 0,
        skipped: 0,
      })
      expect(summary.failure).toBeUndefined()
      // Two requests are in flight at once, so they may arrive in either order.
      const sizes = gateway.requests.map((request) => request.lines).sort((a, b) => a - b)
      expect(sizes).toEqual([1000, 5000, 5000, 5000])
      expect(new Set(gateway.records.map((record) => record.service))).toEqual(
        new Set(['test-service']),
      )
    },
  )

  it('names rejected lines by their line in the file, across batches', async () => {
    const { run } = await gatewayAndRun({ refuseText: 'REFUSE' })
    const text = numberedLines(10, (index) => (index % 4 === 0 ? `REFUSE ${index}` : `ok ${index}`))

    const summary = await run(chunksOf(`\n${text}\n\n`), {
      limits: { maxRecords: 3, maxBytes: 1 << 20 },
    })

    expect(summary).toMatchObject({ linesRead: 12, accepted: 8, rejected: 2, skipped: 2 })
    expect(summary.rejections).toEqual([
      { line: 5, reason: 'message contains "REFUSE"' },
      { line: 9, reason: 'message contains "REFUSE"' },
    ])
  })

  it('splits batches to stay under the request byte limit', async () => {
    const { gateway, run } = await gatewayAndRun()
    const text = numberedLines(200, (index) => `${index} ${'x'.repeat(300)}`)

    const summary = await run(chunksOf(text), { limits: { maxRecords: 5000, maxBytes: 8192 } })

    expect(summary.accepted).toBe(200)
    expect(gateway.requests.length).toBeGreaterThan(1)
    expect(Math.max(...gateway.requests.map((request) => request.bytes))).toBeLessThanOrEqual(8192)
  })

  it('rejects a line too long to send, with the reason, and delivers the rest', async () => {
    const { gateway, run } = await gatewayAndRun()
    const text = `first\n${'z'.repeat(5000)}\nthird`

    const summary = await run(chunksOf(text), { maxLineBytes: 4096 })

    expect(summary).toMatchObject({ linesRead: 3, accepted: 2, rejected: 1 })
    expect(summary.rejections).toEqual([
      { line: 2, reason: 'line is 5000 bytes long, more than the limit of 4096 bytes' },
    ])
    expect(gateway.records.map((record) => record.message)).toEqual(['first', 'third'])
  })

  it('retries a batch the gateway could not take and loses nothing', async () => {
    const { gateway, run } = await gatewayAndRun()
    gateway.failNext(3)

    const summary = await run(chunksOf(numberedLines(50)), {
      limits: { maxRecords: 10, maxBytes: 1 << 20 },
    })

    expect(summary.failure).toBeUndefined()
    expect(summary.accepted).toBe(50)
    expect(new Set(gateway.records.map((record) => record.message)).size).toBe(50)
  })

  it('stops after a batch fails for good and reports what was accepted before', async () => {
    const { gateway, run } = await gatewayAndRun()
    gateway.failFrom(3)

    const summary = await run(chunksOf(numberedLines(100)), {
      limits: { maxRecords: 10, maxBytes: 1 << 20 },
      maxInFlight: 1,
    })

    expect(summary.accepted).toBe(20)
    expect(summary.failure?.code).toBe('LOGPLAT_INGEST_BATCH_FAILED')
    expect(summary.failure?.message).toBe(
      'Cannot deliver the batch of 10 records from lines 21 to 30 after 3 retries: ' +
        `The gateway at ${gateway.url} refused POST /api/ingest with status 503: bus is not ready`,
    )
  })

  it('reports an unreachable gateway as the reason the run stopped', async () => {
    const { gateway, run } = await gatewayAndRun()
    await gateway.close()

    const summary = await run(chunksOf(numberedLines(5)))

    expect(summary.accepted).toBe(0)
    expect(summary.failure?.message).toContain(`The gateway is not reachable at ${gateway.url}`)
  })

  it('finishes an empty input with nothing sent', async () => {
    const { gateway, run } = await gatewayAndRun()

    const summary = await run(chunksOf())

    expect(summary).toMatchObject({ linesRead: 0, accepted: 0, rejected: 0, skipped: 0 })
    expect(gateway.requests).toEqual([])
  })
})
