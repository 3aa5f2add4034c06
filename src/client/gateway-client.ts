import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { Agent, request } from 'undici'
import { describeError, LogplatError } from '../errors.js'

/** The gateway's answer to POST /api/ingest. */
export const IngestResponseSchema = Type.Object({
  received: Type.Integer({ minimum: 0 }),
  accepted: Type.Integer({ minimum: 0 }),
  rejected: Type.Integer({ minimum: 0 }),
  errors: Type.Array(Type.Object({ line: Type.Integer({ minimum: 1 }), reason: Type.String() })),
})
export type IngestResponse = Static<typeof IngestResponseSchema>

/** Defaults the gateway applies to ingested records that lack these fields. */
export interface IngestDefaults {
  service?: string
  environment?: string
}

export interface GatewayClientOptions {
  /** Longest wait for the gateway to start answering one request. */
  timeoutMs?: number
}

const DEFAULT_TIMEOUT_MS = 120_000
const KEEP_ALIVE_MS = 30_000
const MAX_DETAIL_LENGTH = 500
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
])
// 408 and 429 ask the client to come back later; other 4xx answers will not change.
const RETRYABLE_CLIENT_STATUSES = new Set([408, 429])

function errorCodes(error: unknown): string[] {
  if (typeof error !== 'object' || error === null) return []
  const codes: string[] = []
  if ('code' in error && typeof error.code === 'string') codes.push(error.code)
  if ('cause' in error) codes.push(...errorCodes(error.cause))
  if (error instanceof AggregateError) codes.push(...error.errors.flatMap(errorCodes))
  return codes
}

function readDetail(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text)
    if (typeof parsed === 'object' && parsed !== null && 'detail' in parsed) {
      const detail = parsed.detail
      return typeof detail === 'string' ? detail : JSON.stringify(detail)
    }
  } catch {
    // Not JSON: the raw text, shortened, is the best detail there is.
  }
  const trimmed = text.trim()
  if (trimmed.length === 0) return 'no detail given'
  return trimmed.slice(0, MAX_DETAIL_LENGTH)
}

function normalizeBaseUrl(baseUrl: string): string {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch (error) {
    throw new LogplatError(
      'CLIENT',
      'INVALID_URL',
      `Gateway URL ${JSON.stringify(baseUrl)} is not a valid URL; give one such as http://127.0.0.1:8005.`,
      { cause: error },
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LogplatError(
      'CLIENT',
      'INVALID_URL',
      `Gateway URL ${JSON.stringify(baseUrl)} uses ${url.protocol}, but only http and https are supported.`,
    )
  }
  return url.toString().replace(/\/+$/, '')
}

/** A typed HTTP client for the gateway's API over one keep-alive connection pool. */
export class GatewayClient {
  /** The gateway's base URL, without a trailing slash. */
  readonly baseUrl: string
  private readonly agent: Agent
  private readonly timeoutMs: number

  constructor(baseUrl: string, options: GatewayClientOptions = {}) {
    this.baseUrl = normalizeBaseUrl(baseUrl)
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.agent = new Agent({ keepAliveTimeout: KEEP_ALIVE_MS })
  }

  /**
   * Posts newline-delimited JSON records to POST /api/ingest and returns the
   * gateway's count of accepted and rejected records, with a reason per
   * rejected line (numbered from 1 within this body).
   */
  async ingest(ndjson: string, defaults: IngestDefaults = {}): Promise<IngestResponse> {
    const query: Record<string, string> = {}
    if (defaults.service !== undefined) query['service'] = defaults.service
    if (defaults.environment !== undefined) query['environment'] = defaults.environment

    const answer = await this.post('/api/ingest', ndjson, 'application/x-ndjson', query)

    if (!Value.Check(IngestResponseSchema, answer)) {
      throw new LogplatError(
        'CLIENT',
        'BAD_RESPONSE',
        `The gateway at ${this.baseUrl} answered POST /api/ingest with a body that is not an ingest result: ${JSON.stringify(answer).slice(0, MAX_DETAIL_LENGTH)}.`,
      )
    }
    return answer
  }

  /** Closes the pooled connections; the client cannot be used afterwards. */
  async close(): Promise<void> {
    await this.agent.close()
  }

  private async post(
    path: string,
    body: string,
    contentType: string,
    query: Record<string, string>,
  ): Promise<unknown> {
    const operation = `POST ${path}`
    const response = await request(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': contentType, accept: 'application/json' },
      body,
      query,
      dispatcher: this.agent,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    }).catch((error: unknown) => {
      throw this.connectionError(operation, error)
    })

    const text = await response.body.text().catch((error: unknown) => {
      throw this.connectionError(operation, error)
    })
    if (response.statusCode < 200 || response.statusCode > 299) {
      throw this.statusError(operation, response.statusCode, text)
    }
    return this.parseJson(operation, text)
  }

  private parseJson(operation: string, text: string): unknown {
    try {
      return JSON.parse(text)
    } catch (error) {
      throw new LogplatError(
        'CLIENT',
        'BAD_RESPONSE',
        `The gateway at ${this.baseUrl} answered ${operation} with a body that is not JSON: ${JSON.stringify(text.slice(0, MAX_DETAIL_LENGTH))}.`,
        { cause: error },
      )
    }
  }

  private statusError(operation: string, status: number, text: string): LogplatError {
    const isServerError = status >= 500
    const message = `The gateway at ${this.baseUrl} refused ${operation} with status ${status}: ${readDetail(text)}`
    return new LogplatError('CLIENT', isServerError ? 'SERVER_ERROR' : 'REQUEST_REFUSED', message, {
      isRetryable: isServerError || RETRYABLE_CLIENT_STATUSES.has(status),
    })
  }

  private connectionError(operation: string, error: unknown): LogplatError {
    if (errorCodes(error).some((code) => UNREACHABLE_CODES.has(code))) {
      return new LogplatError(
        'CLIENT',
        'UNREACHABLE',
        `The gateway is not reachable at ${this.baseUrl}; start it with \`logplat up\`, or set LOGPLAT_GATEWAY_URL to a running gateway.`,
        { cause: error, isRetryable: true },
      )
    }
    return new LogplatError(
      'CLIENT',
      'CONNECTION_FAILED',
      `The connection to the gateway at ${this.baseUrl} failed during ${operation}: ${describeError(error)}.`,
      { cause: error, isRetryable: true },
    )
  }
}
