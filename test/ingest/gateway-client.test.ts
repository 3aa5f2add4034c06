import Fastify from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { GatewayClient } from '../../src/client/gateway-client.js'
import { LogplatError } from '../../src/errors.js'
import { freePort } from '../support/logplat-process.js'
import { startIngestGateway, type IngestGateway } from './support/ingest-gateway.js'

const open: { close(): Promise<void> }[] = []

afterEach(async () => {
  await Promise.all(open.splice(0).map((item) => item.close()))
})

async function gatewayWith(
  limits = {},
): Promise<{ gateway: IngestGateway; client: GatewayClient }> {
  const gateway = await startIngestGateway(limits)
  const client = new GatewayClient(gateway.url)
  open.push(client, gateway)
  return { gateway, client }
}

async function errorOf(promise: Promise<unknown>): Promise<LogplatError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  if (!(error instanceof LogplatError))
    throw new Error(`expected a LogplatError, got ${String(error)}`)
  return error
}

describe('GatewayClient.ingest', () => {
  it('posts NDJSON with the defaults as query parameters and returns the counts', async () => {
    const { gateway, client } = await gatewayWith()
    const body = ['{"message":"a"}', '{"level":"INFO"}', '{"message":"b","service":"own"}'].join(
      '\n',
    )

    const answer = await client.ingest(body, { service: 'web', environment: 'staging' })

    expect(answer).toEqual({
      received: 3,
      accepted: 2,
      rejected: 1,
      errors: [{ line: 2, reason: 'field "message" is required and must be a string' }],
    })
    expect(gateway.records.map((record) => [record.service, record.environment])).toEqual([
      ['web', 'staging'],
      ['own', 'staging'],
    ])
  })

  it('carries the detail of a refused request in a non-retryable error', async () => {
    const { client } = await gatewayWith({ maxLines: 1 })

    const error = await errorOf(client.ingest('{"message":"a"}\n{"message":"b"}', { service: 's' }))

    expect(error.code).toBe('LOGPLAT_CLIENT_REQUEST_REFUSED')
    expect(error.message).toContain('status 413: body has 2 lines, more than 1')
    expect(error.isRetryable).toBe(false)
  })

  it('marks a server error as retryable', async () => {
    const { gateway, client } = await gatewayWith()
    gateway.failNext(1)

    const error = await errorOf(client.ingest('{"message":"a"}', { service: 's' }))

    expect(error.code).toBe('LOGPLAT_CLIENT_SERVER_ERROR')
    expect(error.message).toContain('status 503: bus is not ready')
    expect(error.isRetryable).toBe(true)
  })

  it('says where the gateway was expected and how to start it when nothing listens', async () => {
    const url = `http://127.0.0.1:${await freePort()}`
    const client = new GatewayClient(url)
    open.push(client)

    const error = await errorOf(client.ingest('{"message":"a"}'))

    expect(error.code).toBe('LOGPLAT_CLIENT_UNREACHABLE')
    expect(error.message).toBe(
      `The gateway is not reachable at ${url}; start it with \`logplat up\`, or set LOGPLAT_GATEWAY_URL to a running gateway.`,
    )
  })

  it('keeps a path prefix of the base URL and names it in a refusal', async () => {
    const { gateway } = await gatewayWith()
    const prefixed = new GatewayClient(`${gateway.url}/not-here/`)
    open.push(prefixed)

    const error = await errorOf(prefixed.ingest('{"message":"a"}'))

    expect(error.message).toContain(
      `${gateway.url}/not-here refused POST /api/ingest with status 404`,
    )
  })

  it('refuses an answer that is not an ingest result', async () => {
    const server = Fastify()
    server.addContentTypeParser('application/x-ndjson', { parseAs: 'string' }, (_r, body, done) =>
      done(null, body),
    )
    server.post('/api/ingest', () => ({ ok: true }))
    const client = new GatewayClient(await server.listen({ host: '127.0.0.1', port: 0 }))
    open.push(client, server)

    const error = await errorOf(client.ingest('{"message":"a"}'))

    expect(error.code).toBe('LOGPLAT_CLIENT_BAD_RESPONSE')
    expect(error.message).toContain(`answered POST /api/ingest with a body`)
    expect(error.message).toContain(`{"ok":true}`)
  })

  it.each(['not a url', 'ftp://example.com'])('rejects the base URL %j', (url) => {
    expect(() => new GatewayClient(url)).toThrow(/Gateway URL .* (not a valid URL|only http)/)
  })
})
