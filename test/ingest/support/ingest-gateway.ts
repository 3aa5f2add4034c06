import Fastify, { type FastifyInstance } from 'fastify'
import {
  checkLogRecord,
  type LogRecord,
  type RecordCheck,
  type RecordDefaults,
} from '../../../src/logs/record.js'

/**
 * A tiny real HTTP server speaking the POST /api/ingest contract, so the
 * client and the command are tested over real sockets before the gateway
 * exists. It validates every line with checkLogRecord, as the gateway does.
 */
export interface IngestGateway {
  url: string
  /** Every record accepted so far, in arrival order. */
  records: LogRecord[]
  /** What each request that was read carried: its number of lines and bytes, and its query. */
  requests: { lines: number; bytes: number; query: Record<string, string> }[]
  /** Makes the next `count` requests fail with 503 without reading them. */
  failNext(count: number): void
  /** Makes every request from the `first`-th on (counted from 1) fail with 503. */
  failFrom(first: number): void
  close(): Promise<void>
}

export interface IngestGatewayOptions {
  maxLines?: number
  maxBodyBytes?: number
  /** Rejects, as invalid, records whose message contains this text. */
  refuseText?: string
}

interface IngestError {
  line: number
  reason: string
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function defaultsOf(query: Record<string, string>): RecordDefaults {
  const defaults: RecordDefaults = {}
  if (query['service'] !== undefined) defaults.service = query['service']
  if (query['environment'] !== undefined) defaults.environment = query['environment']
  return defaults
}

function checkLine(text: string, defaults: RecordDefaults, refuseText: string): RecordCheck {
  const check = checkLogRecord(readJson(text), defaults)
  if (!check.ok || refuseText === '' || !check.record.message.includes(refuseText)) return check
  return { ok: false, reason: `message contains ${JSON.stringify(refuseText)}` }
}

function buildApp(
  gateway: IngestGateway,
  options: Required<IngestGatewayOptions>,
): FastifyInstance {
  const app = Fastify({ bodyLimit: options.maxBodyBytes })
  let arrivals = 0
  let failing = { from: Number.POSITIVE_INFINITY, to: Number.POSITIVE_INFINITY }
  gateway.failNext = (count) => {
    failing = { from: arrivals + 1, to: arrivals + count }
  }
  gateway.failFrom = (first) => {
    failing = { from: first, to: Number.POSITIVE_INFINITY }
  }

  app.addContentTypeParser('application/x-ndjson', { parseAs: 'string' }, (_req, body, done) => {
    done(null, body)
  })
  app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
    void reply.status(error.statusCode ?? 500).send({ detail: error.message })
  })

  app.post<{ Body: string; Querystring: Record<string, string> }>('/api/ingest', (req, reply) => {
    arrivals++
    if (arrivals >= failing.from && arrivals <= failing.to) {
      return reply.status(503).send({ detail: 'bus is not ready' })
    }
    const lines = req.body.split('\n')
    const bytes = Buffer.byteLength(req.body)
    gateway.requests.push({ lines: lines.length, bytes, query: req.query })
    if (lines.length > options.maxLines) {
      const detail = `body has ${lines.length} lines, more than ${options.maxLines}`
      return reply.status(413).send({ detail })
    }

    const errors: IngestError[] = []
    const defaults = defaultsOf(req.query)
    lines.forEach((text, index) => {
      const check = checkLine(text, defaults, options.refuseText)
      if (check.ok) gateway.records.push(check.record)
      else errors.push({ line: index + 1, reason: check.reason })
    })
    const accepted = lines.length - errors.length
    return reply.send({ received: lines.length, accepted, rejected: errors.length, errors })
  })
  return app
}

/** Starts the fixture on a free loopback port. */
export async function startIngestGateway(
  options: IngestGatewayOptions = {},
): Promise<IngestGateway> {
  const gateway: IngestGateway = {
    url: '',
    records: [],
    requests: [],
    failNext: () => undefined,
    failFrom: () => undefined,
    close: () => Promise.resolve(),
  }
  const app = buildApp(gateway, {
    maxLines: options.maxLines ?? 10_000,
    maxBodyBytes: options.maxBodyBytes ?? 16_777_216,
    refuseText: options.refuseText ?? '',
  })

  gateway.url = await app.listen({ host: '127.0.0.1', port: 0 })
  gateway.close = () => app.close()
  return gateway
}
